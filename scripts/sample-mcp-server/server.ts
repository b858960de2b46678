/**
 * A sample MCP server to put behind the local gateway: the SDK's McpServer on its Streamable HTTP
 * transport (stateless, JSON answers), serving the helpdesk tools of tools.ts at `/mcp`.
 *
 * For tests and demos it also:
 * - records every `tools/call` it receives: `GET /__calls` lists them, `DELETE /__calls` clears;
 * - misbehaves on request: `POST /__faults {"kind": "hang"|"garbage"|"html"|"oversized"|"status"|"reset",
 *   "status"?, "bytes"?, "methods"?: ["tools/call"], "count"?}` applies to the next MCP requests
 *   (`DELETE /__faults` ends it);
 * - optionally serves N tools, pages tools/list, requires headers (401 otherwise) or keeps sessions.
 * Binds 127.0.0.1 only.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { ErrorCode, ListToolsRequestSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { toolsFor, type SampleTool } from "./tools";

export interface SampleServerOptions {
  port?: number;
  /** How many tools to serve (default: the five helpdesk tools; more are generated). */
  toolCount?: number;
  /** tools/list page size; default one page. */
  pageSize?: number;
  /** Headers every MCP request must carry, e.g. `{ authorization: "Bearer s3cret" }`. */
  requireHeaders?: Record<string, string>;
  /** Sessions (Mcp-Session-Id) instead of stateless requests. */
  stateful?: boolean;
  /** Tool definitions listed exactly as given after the real ones (not callable), to test odd upstream tools. */
  rawTools?: unknown[];
  /** Answer with SSE streams instead of JSON bodies. */
  sse?: boolean;
}

export interface RecordedCall {
  tool: string;
  arguments: unknown;
  receivedAt: string;
  /** Whether the request carried an Authorization header (never its value). */
  authorized: boolean;
}

export interface Fault {
  /** `rpc-error` answers a JSON-RPC error with data; `reset` destroys the connection. */
  kind: "hang" | "garbage" | "html" | "oversized" | "status" | "reset" | "rpc-error";
  /** For `status`: the HTTP status to answer. */
  status?: number;
  /** For `oversized`: the size of the answer (default 7 MB). */
  bytes?: number;
  /** JSON-RPC methods it applies to (default: all). */
  methods?: string[];
  /** How many requests it applies to (default: until cleared). */
  count?: number;
}

export interface SampleServer {
  /** The MCP endpoint, `http://127.0.0.1:<port>/mcp`. */
  url: string;
  port: number;
  calls: RecordedCall[];
  /** How many messages of each JSON-RPC method reached the server (faults included). */
  methodCounts: Record<string, number>;
  setFault(fault: Fault | null): void;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;

export async function startSampleMcpServer(options: SampleServerOptions = {}): Promise<SampleServer> {
  const tools = toolsFor(options.toolCount);
  const listed: unknown[] = [
    ...tools.map((t) => ({ name: t.name, description: t.description, inputSchema: z.toJSONSchema(z.object(t.input), { target: "draft-7", io: "input" }) })),
    ...(options.rawTools ?? []),
  ];
  // Stateless requests each need a connected McpServer; building one per request is slow with many
  // tools, so servers whose request ended are reused.
  const idle: McpServer[] = [];
  const calls: RecordedCall[] = [];
  const methodCounts: Record<string, number> = {};
  let fault: Fault | null = null;
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => void serve(req, res).catch(() => res.destroy()));

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/__calls") {
      if (req.method === "DELETE") {
        calls.length = 0;
        return send(res, 204, "");
      }
      return send(res, 200, JSON.stringify(calls), "application/json");
    }
    if (url.pathname === "/__faults") {
      fault = req.method === "DELETE" ? null : (JSON.parse((await readBody(req)) || "null") as Fault | null);
      return send(res, 204, "");
    }
    if (url.pathname !== "/mcp") return send(res, 404, "Not found", "text/plain");

    for (const [name, value] of Object.entries(options.requireHeaders ?? {})) {
      if (req.headers[name.toLowerCase()] !== value) {
        res.setHeader("WWW-Authenticate", 'Bearer realm="sample-mcp-server"');
        return send(res, 401, JSON.stringify({ error: "unauthorized" }), "application/json");
      }
    }
    const raw = req.method === "POST" ? await readBody(req) : "";
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const messages = (Array.isArray(body) ? body : [body]) as Array<{ id?: unknown; method?: string; params?: { name?: string; arguments?: unknown } }>;
    for (const m of messages) if (typeof m?.method === "string") methodCounts[m.method] = (methodCounts[m.method] ?? 0) + 1;
    const active = fault && (!fault.methods || messages.some((m) => fault!.methods!.includes(String(m?.method))));
    if (active && fault) {
      if (fault.count !== undefined && --fault.count <= 0) {
        const f = fault;
        fault = null;
        return misbehave(res, f, messages[0]?.id);
      }
      return misbehave(res, fault, messages[0]?.id);
    }
    for (const m of messages) {
      if (m?.method === "tools/call") {
        calls.push({ tool: String(m.params?.name), arguments: m.params?.arguments ?? {}, receivedAt: new Date().toISOString(), authorized: Boolean(req.headers.authorization) });
      }
    }

    if (!options.stateful) {
      if (req.method !== "POST") return send(res, 405, JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32000, message: "Method not allowed." } }), "application/json");
      const mcp = idle.pop() ?? buildServer(tools, listed, options.pageSize);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: !options.sse });
      res.on("close", () => void transport.close().then(() => idle.push(mcp)));
      await mcp.connect(transport);
      return transport.handleRequest(req, res, body);
    }

    const sessionId = req.headers["mcp-session-id"];
    let transport = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
    if (!transport) {
      const isInit = messages.some((m) => m?.method === "initialize");
      if (sessionId !== undefined || !isInit) {
        return send(res, sessionId ? 404 : 400, JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32001, message: "Session not found" } }), "application/json");
      }
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: !options.sse,
        onsessioninitialized: (id) => void sessions.set(id, created),
      });
      created.onclose = () => {
        if (created.sessionId) sessions.delete(created.sessionId);
      };
      await buildServer(tools, listed, options.pageSize).connect(created);
      transport = created;
    }
    return transport.handleRequest(req, res, body);
  }

  function misbehave(res: ServerResponse, f: Fault, id: unknown) {
    switch (f.kind) {
      case "hang":
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      case "garbage":
        return send(res, 200, "<<< this is not JSON >>>", "application/json");
      case "html":
        return send(res, 200, "<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>", "text/html");
      case "oversized": {
        const text = "x".repeat(f.bytes ?? 7 * 1024 * 1024);
        return send(res, 200, JSON.stringify({ jsonrpc: "2.0", id, result: { content: [{ type: "text", text }] } }), "application/json");
      }
      case "rpc-error":
        return send(res, 200, JSON.stringify({ jsonrpc: "2.0", id, error: { code: -32042, message: "The helpdesk is closed for maintenance", data: { retryAfter: 60 } } }), "application/json");
      case "status":
        return send(res, f.status ?? 500, "Upstream failure", "text/plain");
      case "reset":
        res.socket?.destroy();
        return;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    calls,
    methodCounts,
    setFault: (f) => void (fault = f ? { ...f } : null),
    close: async () => {
      for (const res of hanging) res.destroy();
      for (const t of sessions.values()) await t.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function buildServer(tools: SampleTool[], listed: unknown[], pageSize?: number): McpServer {
  const mcp = new McpServer({ name: "sample-helpdesk", version: "1.0.0" });
  for (const t of tools) {
    mcp.registerTool(t.name, { description: t.description, inputSchema: t.input }, async (args) => ({
      content: [{ type: "text", text: JSON.stringify(t.run(args as Record<string, unknown>)) }],
    }));
  }
  // McpServer lists every tool in one page; replace its handler to page through the same list.
  mcp.server.setRequestHandler(ListToolsRequestSchema, (request) => {
    const size = pageSize ?? listed.length;
    const start = request.params?.cursor === undefined ? 0 : Number(request.params.cursor);
    if (!Number.isInteger(start) || start < 0 || start > listed.length) throw new McpError(ErrorCode.InvalidParams, "Invalid cursor");
    const end = Math.min(start + size, listed.length);
    return { tools: listed.slice(start, end), ...(end < listed.length ? { nextCursor: String(end) } : {}) } as never;
  });
  return mcp;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: string, type?: string) {
  if (type) res.setHeader("Content-Type", type);
  res.statusCode = status;
  res.end(body);
}
