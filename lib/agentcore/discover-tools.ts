import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseSse } from "@/lib/mcp/sse";
import type { Tool } from "./types";

const ToolsPage = z.object({
  result: z.object({
    tools: z.array(z.object({ name: z.string(), description: z.string().optional(), inputSchema: z.record(z.string(), z.unknown()).optional() })),
    nextCursor: z.string().optional(),
  }),
});

/** Bounds a discovery: a gateway lists at most this many pages of tools. */
const MAX_PAGES = 50;

/**
 * Lists a gateway's tools through its own MCP endpoint (`tools/list`), for targets whose tools only
 * the gateway knows (MCP servers, S3-hosted specs). The bearer token is used for these requests
 * only: it is never stored, logged or put in an error message.
 */
export async function discoverTools(gatewayUrl: string, token: string, fetchImpl: typeof fetch = fetch): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = { jsonrpc: "2.0", id: page + 1, method: "tools/list", params: cursor ? { cursor } : {} };
    let res: Response;
    try {
      res = await fetchImpl(gatewayUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw new AppError("backend-unreachable", `The gateway's MCP endpoint ${new URL(gatewayUrl).host} could not be reached.`);
    }
    if (res.status === 401 || res.status === 403) {
      throw new AppError("forbidden", `The gateway rejected the token (HTTP ${res.status}). Paste a fresh access token for this gateway's authorizer.`);
    }
    if (!res.ok) throw new AppError("backend-error", `The gateway answered tools/list with HTTP ${res.status}.`);
    const parsed = ToolsPage.safeParse(await readRpcBody(res));
    if (!parsed.success) throw new AppError("backend-error", "The gateway's tools/list answer was not a list of tools.");
    tools.push(...parsed.data.result.tools.map((t) => ({ name: t.name, description: t.description ?? "", inputSchema: t.inputSchema ?? { type: "object" } })));
    cursor = parsed.data.result.nextCursor;
    if (!cursor) return tools;
  }
  return tools;
}

/** Streamable HTTP may answer with JSON or with an SSE stream carrying the JSON-RPC message. */
async function readRpcBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!(res.headers.get("content-type") ?? "").includes("text/event-stream")) return safeJson(text);
  for (const { data } of parseSse(text)) {
    const message = safeJson(data) as { result?: unknown } | null;
    if (message && typeof message === "object" && "result" in message) return message;
  }
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
