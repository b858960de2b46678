import { checkArguments, describeIssues } from "@/lib/gateway/arguments";
import { RPC, type JsonRpcId } from "@/lib/gateway/responses";
import type { SimGateway } from "./types";

/** The largest JSON-RPC body the simulator reads (the gateway's own limit). */
export const MAX_CALL_BYTES = 1024 * 1024;

export type ParsedCall =
  | { ok: true; id: JsonRpcId; tool: string; args: Record<string, unknown> }
  | { ok: false; id: JsonRpcId; code: number; message: string };

/**
 * Reads a `tools/call` body as the gateway would, with the JSON-RPC error the gateway would answer
 * for each kind of bad input.
 */
export function parseToolCall(raw: unknown, gateway: Pick<SimGateway, "tools">): ParsedCall {
  let body = raw;
  if (typeof raw === "string") {
    if (raw.length > MAX_CALL_BYTES) return fail(null, RPC.INVALID_REQUEST, `The request body is larger than ${MAX_CALL_BYTES / 1024} KB.`);
    try {
      body = JSON.parse(raw);
    } catch (e) {
      return fail(null, RPC.PARSE_ERROR, `Parse error: the body is not JSON (${(e as Error).message}).`);
    }
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return fail(null, RPC.INVALID_REQUEST, "Invalid Request: the body must be a JSON-RPC object.");
  const msg = body as Record<string, unknown>;
  const id = (typeof msg.id === "string" || typeof msg.id === "number" ? msg.id : null) as JsonRpcId;
  if (msg.jsonrpc !== "2.0") return fail(id, RPC.INVALID_REQUEST, 'Invalid Request: "jsonrpc" must be "2.0".');
  if (msg.method !== "tools/call") return fail(id, RPC.METHOD_NOT_FOUND, `Method not found: "${String(msg.method)}" (the simulator replays tools/call).`);
  const params = msg.params as Record<string, unknown> | undefined;
  if (!params || typeof params !== "object") return fail(id, RPC.INVALID_PARAMS, "Invalid params: tools/call needs params with a tool name.");
  if (typeof params.name !== "string" || !params.name) return fail(id, RPC.INVALID_PARAMS, "Invalid params: params.name must be the tool's name.");
  const args = params.arguments ?? {};
  if (typeof args !== "object" || args === null || Array.isArray(args)) return fail(id, RPC.INVALID_PARAMS, "Invalid params: params.arguments must be an object.");
  const tool = gateway.tools.find((t) => t.name === params.name);
  if (!tool) return fail(id, RPC.INVALID_PARAMS, `Unknown tool: ${params.name}. This gateway's tools are named <Target>___<tool>.`);
  const issues = checkArguments(tool.inputSchema, args);
  if (issues.length) return fail(id, RPC.INVALID_PARAMS, describeIssues(tool.name, issues));
  return { ok: true, id, tool: tool.name, args: args as Record<string, unknown> };
}

function fail(id: JsonRpcId, code: number, message: string): ParsedCall {
  return { ok: false, id, code, message };
}
