import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import { decideCall, type CallDecision } from "@/lib/cedar/decide-call";
import { buildRequest, type CedarRequest } from "@/lib/cedar/request-from-call";
import { rpcError, RPC, type JsonRpcErrorResponse } from "@/lib/mcp/json-rpc";
import { gatewayPrincipal, principalMismatch, type CallPrincipal } from "@/lib/mcp/principal";
import { gatewayResponses } from "@/lib/mcp/responses";
import { readToolCall, toolMap, type ReadCall } from "@/lib/mcp/tool-call";
import type { LocalTool, SimCall, SimGateway, SimResult, SimTool } from "./types";
import type { Decision } from "@/lib/cedar/cedar-api";

/** The tool's own output, when the replay can know it (see `SimTool.local`): the text of its result, and whether it is an error. */
export type ToolOutput = (tool: LocalTool, args: Record<string, unknown>) => { text: string; isError: boolean };

/** The tool's own output is unknown to a simulation; the allowed shape carries this placeholder. */
export const toolOutputPlaceholder = (tool: string) => `<output of ${tool}>`;

const tools = new WeakMap<SimGateway, Map<string, SimTool>>();
function toolsOf(gateway: SimGateway): Map<string, SimTool> {
  let map = tools.get(gateway);
  if (!map) tools.set(gateway, (map = toolMap(gateway.tools)));
  return map;
}

/** A `tools/call` body read exactly as the gateway reads it (lib/mcp), with the gateway's error for bad input. */
export function readCall(gateway: SimGateway, request: unknown): ReadCall {
  return readToolCall(request, toolsOf(gateway));
}

/** The principal as the gateway's authorizer would hand it to the engine, or why it cannot call this gateway. */
function principalFor(gateway: SimGateway, principal: CallPrincipal): { ok: true; principal: CallPrincipal } | { ok: false; error: string } {
  const mismatch = principalMismatch(principal, gateway.principalType);
  return mismatch ? { ok: false, error: mismatch } : { ok: true, principal: gatewayPrincipal(principal, gateway.principalType) };
}

function decideRead(compiled: CompiledPolicySet, gateway: SimGateway, principal: CallPrincipal, read: Extract<ReadCall, { ok: true }>): CallDecision | { mismatch: string } {
  const who = principalFor(gateway, principal);
  if (!who.ok) return { mismatch: who.error };
  return decideCall(compiled, gateway, { principal: who.principal, tool: read.tool, args: read.args });
}

/** A call the gateway refuses before any policy runs: the same JSON-RPC error in either engine mode. */
export function refusedCall(message: string, error: JsonRpcErrorResponse, tool?: string): SimResult {
  return { decision: "DENY", determiningPolicies: [], errors: [message], logOnly: { matched: [], flips: [] }, response: { LOG_ONLY: error, ENFORCE: error }, ...(tool ? { tool } : {}) };
}

/**
 * Replays one `tools/call` exactly as the gateway would: read the body, check the arguments, build the
 * Cedar request (claims → tags), evaluate ACTIVE policies (LOG_ONLY ones reported beside), and render
 * the gateway's answer in both engine modes, byte for byte what the local gateway sends.
 */
export function replayCall(compiled: CompiledPolicySet, gateway: SimGateway, call: SimCall, output?: ToolOutput): SimResult {
  const read = readCall(gateway, call.request);
  if (!read.ok) return refusedCall(read.error.error.message, read.error);
  const d = decideRead(compiled, gateway, call.principal, read);
  if ("mismatch" in d) return refusedCall(d.mismatch, rpcError(read.id, RPC.INVALID_PARAMS, d.mismatch), read.tool);
  const local = toolsOf(gateway).get(read.tool)?.local;
  const out = output && local ? output(local, read.args) : { text: toolOutputPlaceholder(read.tool), isError: false };
  return {
    decision: d.decision,
    determiningPolicies: d.determiningPolicies,
    errors: d.errors,
    logOnly: d.logOnly,
    ...(d.request ? { cedarRequest: d.request } : {}),
    response: gatewayResponses(read.id, d.decision, d.determiningPolicies, out.text, out.isError),
    tool: read.tool,
  };
}

/** The Cedar request for an already read call, as the gateway builds it, or why there is none. */
export function requestFor(gateway: SimGateway, principal: CallPrincipal, read: Extract<ReadCall, { ok: true }>): { ok: true; request: CedarRequest } | { ok: false; error: string } {
  const who = principalFor(gateway, principal);
  if (!who.ok) return who;
  const built = buildRequest({ principal: who.principal, toolName: read.tool, args: read.args, gatewayArn: gateway.gatewayArn, schemaJson: gateway.schemaJson });
  return built.ok ? { ok: true, request: built.request } : { ok: false, error: built.error };
}

/** Just the decision, for the bulk paths (suites, matrix) that never render a response. */
export function decide(compiled: CompiledPolicySet, gateway: SimGateway, call: SimCall): { decision: Decision; determiningPolicies: string[]; invalid?: string } {
  const read = readCall(gateway, call.request);
  if (!read.ok) return { decision: "DENY", determiningPolicies: [], invalid: read.error.error.message };
  const d = decideRead(compiled, gateway, call.principal, read);
  if ("mismatch" in d) return { decision: "DENY", determiningPolicies: [], invalid: d.mismatch };
  return { decision: d.decision, determiningPolicies: d.determiningPolicies, ...(d.request ? {} : { invalid: d.errors[0] }) };
}
