/**
 * JSON-RPC 2.0 as MCP's Streamable HTTP carries it: ids, error codes, the message shapes, and the
 * reading of one incoming message. Pure, so the local gateway and the simulator read a body alike
 * and answer every kind of bad input with the same bytes.
 *
 * Key order matters (bodies are compared byte for byte): `jsonrpc`, `id`, then `result`/`error`.
 */

export type JsonRpcId = string | number | null;

/** JSON-RPC 2.0 and MCP error codes the gateway uses. */
export const RPC = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** AgentCore's code for a tool call denied by policy enforcement. */
  TOOL_EXECUTION_DENIED: -32002,
} as const;

/** The largest JSON-RPC body the gateway (and so the simulator) reads. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface JsonRpcResultResponse<R = unknown> {
  jsonrpc: "2.0";
  id: JsonRpcId;
  result: R;
}

export interface JsonRpcErrorResponse {
  jsonrpc: "2.0";
  id: JsonRpcId;
  error: { code: number; message: string; data?: unknown };
}

export type JsonRpcResponse = JsonRpcResultResponse | JsonRpcErrorResponse;

export function rpcResult<R>(id: JsonRpcId, result: R): JsonRpcResultResponse<R> {
  return { jsonrpc: "2.0", id, result };
}

export function rpcError(id: JsonRpcId, code: number, message: string, data?: unknown): JsonRpcErrorResponse {
  return { jsonrpc: "2.0", id, error: data === undefined ? { code, message } : { code, message, data } };
}

export function tooLargeError(maxBytes = MAX_MESSAGE_BYTES): JsonRpcErrorResponse {
  return rpcError(null, RPC.INVALID_REQUEST, `Request body exceeds ${Math.round(maxBytes / 1024 / 1024)} MB.`);
}

/** The body as JSON, or the parse error the gateway answers. */
export function parseJsonRpcText(text: string): { ok: true; value: unknown } | { ok: false; error: JsonRpcErrorResponse } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: rpcError(null, RPC.PARSE_ERROR, "Parse error: the body is not valid JSON.") };
  }
}

/** One incoming JSON-RPC message, read. */
export type IncomingMessage =
  | { kind: "invalid"; error: JsonRpcErrorResponse }
  /** A notification (no id): accepted, never answered. */
  | { kind: "notification"; method: string }
  /** A client's answer to a server request; this server sends none, so there is nothing to do. */
  | { kind: "response" }
  | { kind: "request"; id: JsonRpcId; method: string; params: Record<string, unknown> };

export function validId(v: unknown): v is JsonRpcId {
  return typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) || v === null;
}

export function readMessage(m: unknown): IncomingMessage {
  const invalid = (id: JsonRpcId, code: number, message: string): IncomingMessage => ({ kind: "invalid", error: rpcError(id, code, message) });
  if (typeof m !== "object" || m === null || Array.isArray(m)) return invalid(null, RPC.INVALID_REQUEST, "Invalid Request: a JSON-RPC message is an object.");
  const msg = m as Record<string, unknown>;
  const id = validId(msg.id) ? msg.id : null;
  if (msg.jsonrpc !== "2.0") return invalid(id, RPC.INVALID_REQUEST, 'Invalid Request: "jsonrpc" must be "2.0".');
  if ("id" in msg && !validId(msg.id)) return invalid(null, RPC.INVALID_REQUEST, "Invalid Request: id must be a string, a number or null.");
  if (!("method" in msg)) {
    if ("result" in msg || "error" in msg) return { kind: "response" };
    return invalid(id, RPC.INVALID_REQUEST, 'Invalid Request: "method" is required.');
  }
  if (typeof msg.method !== "string") return invalid(id, RPC.INVALID_REQUEST, 'Invalid Request: "method" must be a string.');
  if ("params" in msg && (typeof msg.params !== "object" || msg.params === null || Array.isArray(msg.params))) {
    return invalid(id, RPC.INVALID_PARAMS, "Invalid params: params must be an object.");
  }
  if (!("id" in msg)) return { kind: "notification", method: msg.method };
  return { kind: "request", id, method: msg.method, params: (msg.params ?? {}) as Record<string, unknown> };
}
