import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { AddressInfo } from "node:net";
import type { ControlPlane } from "@/lib/agentcore/types";
import type { Db } from "@/lib/store/db";
import { tokenIssuer } from "./connect";
import { createMcpHandler, type McpHandler } from "./mcp-handler";
import { handleTokenRequest } from "./tokens";
import { createUpstreamPool } from "@/lib/targets/mcp-upstream";

/**
 * The local gateway on a plain `node:http` server, without Next: used by the contract tests and the
 * benchmark. Binds 127.0.0.1 only. Routes: `POST /mcp/<gatewayId>` and `POST /oauth2/token`.
 */
export interface GatewayServer {
  url: string;
  handler: McpHandler;
  close(): Promise<void>;
}

/** `issuer` defaults to this server's own URL; instances behind one load balancer share the balancer's. */
export async function startGatewayServer(deps: { db: Db; controlPlane: ControlPlane; port?: number; issuer?: string }): Promise<GatewayServer> {
  // Both depend on the port, known only once the server listens.
  const bound: { handler?: McpHandler; issuer: string } = { issuer: "" };
  const server = createServer((req, res) => {
    void serve(req, res).catch((e) => {
      console.error("[gateway-server]", e instanceof Error ? e.message : e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end('{"error":"internal"}');
    });
  });
  // Longer than clients keep idle sockets (undici: 4 s), so a reused socket is never closed under a request.
  server.keepAliveTimeout = 65_000;

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const request = toRequest(req, `http://${req.headers.host ?? "127.0.0.1"}`);
    const path = new URL(request.url).pathname;
    let response: Response;
    if (path === "/oauth2/token") response = await handleTokenRequest(request, { db: deps.db, issuer: bound.issuer });
    else if (path.startsWith("/mcp/")) response = await bound.handler!(request);
    else response = new Response(JSON.stringify({ error: { code: "not-found", message: "Not found" } }), { status: 404, headers: { "content-type": "application/json" } });
    await write(res, response, !req.complete);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(deps.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  bound.issuer = deps.issuer ?? tokenIssuer(url);
  const upstreams = createUpstreamPool();
  const handler = createMcpHandler({ db: deps.db, controlPlane: deps.controlPlane, issuer: bound.issuer, upstreams });
  bound.handler = handler;
  return {
    url,
    handler,
    close: () =>
      new Promise<void>((resolve) => {
        upstreams.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // @ts-expect-error Node's fetch needs duplex for a streamed body; the DOM types do not know it.
    duplex: hasBody ? "half" : undefined,
  });
}

async function write(res: ServerResponse, response: Response, bodyLeftUnread: boolean) {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  // An unread body (e.g. a 413) leaves the connection unusable for the next request: close it.
  if (bodyLeftUnread) headers.connection = "close";
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}
