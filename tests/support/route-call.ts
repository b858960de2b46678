/** Calls a route handler as Next would: a Request on the console's origin, the params as a promise. */

const BASE = "http://127.0.0.1:3000";

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export async function callRoute<P>(handler: Handler<P>, params: P, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), host: "127.0.0.1:3000", ...init.headers };
  const req = new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body) });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json(), headers: res.headers };
}
