/**
 * Browser-side JSON calls to the console's API (docs/api.md). Components call the typed clients in
 * this folder, never `fetch` with a hand-built URL: every path segment is encoded here, and errors
 * carry the server's specific code, message and help line.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly details?: unknown,
    readonly help?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** `/api/gateways/<id>/<segments…>[?query]`, each part encoded. */
export function gatewayPath(gatewayId: string, segments: Array<string | number> = [], query?: Record<string, string | number | undefined>): string {
  const path = ["api", "gateways", gatewayId, ...segments.map(String)].map(encodeURIComponent).join("/");
  const qs = query ? new URLSearchParams(Object.entries(query).filter((kv): kv is [string, string | number] => kv[1] !== undefined && kv[1] !== "").map(([k, v]) => [k, String(v)])).toString() : "";
  return `/${path}${qs ? `?${qs}` : ""}`;
}

export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError("The console's server cannot be reached. Is it still running?", "network", 0);
  }
  if (!res.ok) throw await apiError(res);
  return (await res.json().catch(() => null)) as T;
}

/** A streamed (`text/event-stream`) call: the response once it is known to be a success. */
export async function apiStream(url: string, init: { body: unknown; signal?: AbortSignal }): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "text/event-stream" }, body: JSON.stringify(init.body), signal: init.signal });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError("The console's server cannot be reached. Is it still running?", "network", 0);
  }
  if (!res.ok) throw await apiError(res);
  return res;
}

async function apiError(res: Response): Promise<ApiError> {
  const data = await res.json().catch(() => null);
  const err = data?.error;
  return new ApiError(err?.message ?? `The server answered ${res.status}.`, err?.code ?? "http-error", res.status, err?.details, err?.help);
}
