/**
 * Reading a `tools/call`: the tool by its MCP name, the arguments checked against its input schema.
 * The local gateway and the simulator both read calls here, so a bad call gets the same JSON-RPC
 * error from either.
 */
import { jsonProblem } from "@/lib/json-limits";
import { checkArguments, describeIssues } from "./arguments";
import { MAX_MESSAGE_BYTES, parseJsonRpcText, readMessage, rpcError, RPC, tooLargeError, type JsonRpcErrorResponse, type JsonRpcId } from "./json-rpc";

export interface CallableTool {
  name: string;
  inputSchema: Record<string, unknown>;
}

export type ReadCall =
  | { ok: true; id: JsonRpcId; tool: string; args: Record<string, unknown> }
  | { ok: false; id: JsonRpcId; error: JsonRpcErrorResponse };

/** The params of a `tools/call` request with id `id`, against the gateway's tools. */
export function readToolCallParams(id: JsonRpcId, params: Record<string, unknown>, tools: ReadonlyMap<string, CallableTool>): ReadCall {
  const fail = (code: number, message: string, data?: unknown): ReadCall => ({ ok: false, id, error: rpcError(id, code, message, data) });
  const name = params.name;
  if (typeof name !== "string" || name === "") return fail(RPC.INVALID_PARAMS, 'Invalid params: "name" (the tool to call) is required.');
  const tool = tools.get(name);
  if (!tool) return fail(RPC.INVALID_PARAMS, `Unknown tool: ${name.slice(0, 200)}. This gateway's tools are named <Target>___<tool>.`);
  const args = params.arguments ?? {};
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    return fail(RPC.INVALID_PARAMS, `Invalid arguments for tool ${name}: "arguments" must be an object.`);
  }
  // Text the store cannot keep and nesting a serializer cannot walk are refused before anything reads them.
  const unsafe = jsonProblem(args, "arguments");
  if (unsafe) return fail(RPC.INVALID_PARAMS, `Invalid arguments for tool ${name}: ${unsafe.message}.`);
  const issues = checkArguments(tool.inputSchema, args);
  if (issues.length > 0) return fail(RPC.INVALID_PARAMS, describeIssues(name, issues), { issues });
  return { ok: true, id, tool: name, args: args as Record<string, unknown> };
}

/**
 * A whole `tools/call` body (text as sent, or already parsed) read as the gateway reads it. Only
 * single requests are replayed: a batch, a notification (the gateway answers 202 and calls nothing)
 * or another method has no tool call to decide.
 */
export function readToolCall(raw: unknown, tools: ReadonlyMap<string, CallableTool>): ReadCall {
  let body = raw;
  if (typeof raw === "string") {
    if (raw.length > MAX_MESSAGE_BYTES) return { ok: false, id: null, error: tooLargeError() };
    const parsed = parseJsonRpcText(raw);
    if (!parsed.ok) return { ok: false, id: null, error: parsed.error };
    body = parsed.value;
  }
  if (Array.isArray(body)) return { ok: false, id: null, error: rpcError(null, RPC.INVALID_REQUEST, "Invalid Request: replay one tools/call at a time, not a batch.") };
  const message = readMessage(body);
  switch (message.kind) {
    case "invalid":
      return { ok: false, id: message.error.id, error: message.error };
    case "response":
    case "notification":
      return { ok: false, id: null, error: rpcError(null, RPC.INVALID_REQUEST, "Invalid Request: a tools/call needs an id; without one it is a notification, which the gateway accepts and never runs.") };
    case "request":
      if (message.method !== "tools/call") {
        return { ok: false, id: message.id, error: rpcError(message.id, RPC.METHOD_NOT_FOUND, `Method not found: "${message.method.slice(0, 100)}" (only tools/call is decided by policies).`) };
      }
      return readToolCallParams(message.id, message.params, tools);
  }
}

/** A `tools/call` request body. */
export function toolsCall(tool: string, args: Record<string, unknown>, id: number | string = 1) {
  return { jsonrpc: "2.0" as const, id, method: "tools/call" as const, params: { name: tool, arguments: args } };
}

/** The tool a call body names, if it names one (for labels; not a validation). */
export function toolNameOf(request: unknown): string | undefined {
  const name = (request as { params?: { name?: unknown } } | null)?.params?.name;
  return typeof name === "string" ? name : undefined;
}

export function toolMap<T extends CallableTool>(tools: readonly T[]): Map<string, T> {
  return new Map(tools.map((t) => [t.name, t]));
}
