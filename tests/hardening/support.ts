/** Calls a route handler as Next would: a Request on the console's own host, and its params. */
type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export interface Answer {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
  headers: Headers;
}

export async function call<P>(handler: Handler<P>, params: P, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), host: "127.0.0.1:3000", ...init.headers };
  const req = new Request(`http://127.0.0.1:3000${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body) });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  let body: Answer["body"];
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
}
