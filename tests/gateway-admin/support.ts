import * as gateways from "@/app/api/gateways/route";
import * as gateway from "@/app/api/gateways/[gatewayId]/route";
import * as targets from "@/app/api/gateways/[gatewayId]/targets/route";
import * as target from "@/app/api/gateways/[gatewayId]/targets/[targetId]/route";
import * as sync from "@/app/api/gateways/[gatewayId]/targets/[targetId]/sync/route";
import * as response from "@/app/api/gateways/[gatewayId]/targets/[targetId]/tools/[tool]/response/route";
import * as exportRoute from "@/app/api/gateways/[gatewayId]/export/route";
import * as importRoute from "@/app/api/gateways/import/route";
import * as engine from "@/app/api/gateways/[gatewayId]/engine/route";
import * as policies from "@/app/api/gateways/[gatewayId]/policies/route";
import * as publish from "@/app/api/gateways/[gatewayId]/publish/route";
import * as mode from "@/app/api/gateways/[gatewayId]/mode/route";
import { ensureGatewayClients } from "@/lib/store/clients";
import { getDb } from "@/lib/store/db";

/**
 * The console's JSON API as a script calls it: a method and a path, JSON in and out, through the
 * route handlers the Next server runs (origin check, body caps and validation included).
 */
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Array<[RegExp, string[], Record<string, unknown>]> = [
  [/^\/api\/gateways$/, [], gateways],
  [/^\/api\/gateways\/import$/, [], importRoute],
  [/^\/api\/gateways\/([^/]+)$/, ["gatewayId"], gateway],
  [/^\/api\/gateways\/([^/]+)\/targets$/, ["gatewayId"], targets],
  [/^\/api\/gateways\/([^/]+)\/targets\/([^/]+)$/, ["gatewayId", "targetId"], target],
  [/^\/api\/gateways\/([^/]+)\/targets\/([^/]+)\/sync$/, ["gatewayId", "targetId"], sync],
  [/^\/api\/gateways\/([^/]+)\/targets\/([^/]+)\/tools\/([^/]+)\/response$/, ["gatewayId", "targetId", "tool"], response],
  [/^\/api\/gateways\/([^/]+)\/export$/, ["gatewayId"], exportRoute],
  [/^\/api\/gateways\/([^/]+)\/engine$/, ["gatewayId"], engine],
  [/^\/api\/gateways\/([^/]+)\/policies$/, ["gatewayId"], policies],
  [/^\/api\/gateways\/([^/]+)\/publish$/, ["gatewayId"], publish],
  [/^\/api\/gateways\/([^/]+)\/mode$/, ["gatewayId"], mode],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as a script would
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function api<T = any>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const url = new URL(path, "http://127.0.0.1:3000");
  for (const [pattern, names, mod] of ROUTES) {
    const m = pattern.exec(url.pathname);
    if (!m) continue;
    const handler = mod[method] as Handler | undefined;
    if (!handler) throw new Error(`${method} ${url.pathname} has no handler`);
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    const req = new Request(url, {
      method,
      headers: { host: "127.0.0.1:3000", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const res = await handler(req, { params: Promise.resolve(params) });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }
  throw new Error(`no route for ${url.pathname}`);
}

export const REFUND_TOOL = {
  name: "process_refund",
  description: "Process a customer refund",
  inputSchema: { type: "object", properties: { amount: { type: "integer", description: "Refund amount in dollars" } }, required: ["amount"] },
};

/** An access token for a gateway's refund-agent client, from the gateway server's own token endpoint. */
export async function agentToken(serverUrl: string, gatewayId: string): Promise<string> {
  const client = (await ensureGatewayClients(gatewayId, await getDb())).find((c) => c.persona === "refund-agent")!;
  const res = await fetch(`${serverUrl}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
