/**
 * The bytes AgentCore Gateway answers a tool call with, built in one place so that the local gateway
 * and the simulation's "exact gateway response" view can never drift apart. Pure: safe in the browser.
 */
import { rpcError, rpcResult, RPC, type JsonRpcErrorResponse, type JsonRpcId, type JsonRpcResponse, type JsonRpcResultResponse } from "./json-rpc";
import type { Decision } from "@/lib/cedar/cedar-api";

const DENIED_PREFIX = "Tool Execution Denied: Tool call not allowed due to policy enforcement";

/**
 * The bracketed reason of a denial. With no determining policy (nothing permitted the call) the
 * service says so literally; when forbids determined it, they are named (engine policy names) in the
 * same bracket. The service's exact wording for the forbid case is not documented; this keeps the
 * documented prefix and shape.
 */
export function denialReason(determiningPolicies: readonly string[]): string {
  if (determiningPolicies.length === 0) return "Policy evaluation denied due to no determining policies";
  return `Policy evaluation denied due to determining policies: ${determiningPolicies.join(", ")}`;
}

/** `Tool Execution Denied: Tool call not allowed due to policy enforcement [<reason>]` */
export function deniedMessage(determiningPolicies: readonly string[]): string {
  return `${DENIED_PREFIX} [${denialReason(determiningPolicies)}]`;
}

/** The JSON-RPC error object of an ENFORCE denial. */
export function deniedError(id: JsonRpcId, determiningPolicies: readonly string[]): JsonRpcErrorResponse {
  return rpcError(id, RPC.TOOL_EXECUTION_DENIED, deniedMessage(determiningPolicies));
}

/**
 * `{"jsonrpc":"2.0","id":<id>,"error":{"code":-32002,"message":"Tool Execution Denied: …"}}` —
 * the HTTP 200 body of a call denied in ENFORCE mode.
 */
export function deniedErrorBody(id: JsonRpcId, determiningPolicies: readonly string[]): string {
  return JSON.stringify(deniedError(id, determiningPolicies));
}

/** The other shape the service uses: a tool result with `isError: true`. */
export function deniedResult(id: JsonRpcId, determiningPolicies: readonly string[]): JsonRpcResultResponse<ToolResult> {
  return toolResult(id, `AuthorizeActionException - ${deniedMessage(determiningPolicies)}`, true);
}

export function deniedResultBody(id: JsonRpcId, determiningPolicies: readonly string[]): string {
  return JSON.stringify(deniedResult(id, determiningPolicies));
}

export interface ToolResult {
  isError: boolean;
  content: Array<{ type: "text"; text: string }>;
}

/** `{"jsonrpc":"2.0","id":1,"result":{"isError":false,"content":[{"type":"text","text":"…"}]}}` */
export function toolResult(id: JsonRpcId, text: string, isError = false): JsonRpcResultResponse<ToolResult> {
  return rpcResult(id, { isError, content: [{ type: "text", text }] });
}

export function toolResultBody(id: JsonRpcId, text: string, isError = false): string {
  return JSON.stringify(toolResult(id, text, isError));
}

/**
 * What the gateway answers a tool call in each engine mode, for a decision already computed.
 * `allowedText` is the tool's output when it runs (the simulation passes a placeholder), `allowedIsError`
 * whether that output is an error result.
 */
export function gatewayResponses(
  id: JsonRpcId,
  decision: Decision,
  determiningPolicies: readonly string[],
  allowedText: string,
  allowedIsError = false,
): { LOG_ONLY: JsonRpcResponse; ENFORCE: JsonRpcResponse } {
  const ran = toolResult(id, allowedText, allowedIsError);
  return {
    LOG_ONLY: ran,
    ENFORCE: decision === "ALLOW" ? ran : deniedError(id, determiningPolicies),
  };
}

/** A tool's text output read as the fields of its response event (a policy session's record), when it is a JSON object. */
export function textFields(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The fields of an MCP `tools/call` result as a policy session records them: its `structuredContent`, else its first text read as JSON. */
export function resultFields(result: unknown): Record<string, unknown> | undefined {
  if (!result || typeof result !== "object") return undefined;
  const r = result as { structuredContent?: unknown; content?: unknown };
  if (r.structuredContent && typeof r.structuredContent === "object" && !Array.isArray(r.structuredContent)) return r.structuredContent as Record<string, unknown>;
  const first = Array.isArray(r.content) ? r.content.find((c): c is { type: "text"; text: string } => !!c && typeof c === "object" && c.type === "text" && typeof c.text === "string") : undefined;
  return first ? textFields(first.text) : undefined;
}
