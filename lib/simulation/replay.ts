import { evaluate, type CompiledPolicySet } from "@/lib/cedar/authorize";
import { buildRequest, type CedarRequest } from "@/lib/cedar/request-from-call";
import { gatewayResponses, rpcError, RPC } from "@/lib/gateway/responses";
import { parseToolCall, type ParsedCall } from "./parse-call";
import { gatewayPrincipal, principalMismatch } from "./principal";
import type { SimCall, SimGateway, SimResult } from "./types";

/** The tool's own output is unknown to a simulation; the allowed shape carries this placeholder. */
export const toolOutputPlaceholder = (tool: string) => `<output of ${tool}>`;

/**
 * Replays one `tools/call` exactly as the gateway would decide it: parse, check the arguments, build
 * the Cedar request (claims → tags), evaluate ACTIVE policies (LOG_ONLY ones reported beside), and
 * render the gateway's answer in both engine modes.
 */
export function replayCall(compiled: CompiledPolicySet, gateway: SimGateway, call: SimCall): SimResult {
  const parsed = parseToolCall(call.request, gateway);
  if (!parsed.ok) {
    const error = rpcError(parsed.id, parsed.code, parsed.message);
    // The gateway refuses a malformed call before any policy runs, in either mode.
    return { decision: "DENY", determiningPolicies: [], errors: [parsed.message], logOnly: { matched: [], flips: [] }, response: { LOG_ONLY: error, ENFORCE: error } };
  }
  const mismatch = principalMismatch(call.principal, gateway.principalType);
  if (mismatch) {
    const error = rpcError(parsed.id, RPC.INVALID_PARAMS, mismatch);
    return { decision: "DENY", determiningPolicies: [], errors: [mismatch], logOnly: { matched: [], flips: [] }, response: { LOG_ONLY: error, ENFORCE: error }, tool: parsed.tool };
  }
  const built = buildRequest({ principal: gatewayPrincipal(call.principal, gateway.principalType), toolName: parsed.tool, args: parsed.args, gatewayArn: gateway.gatewayArn, schemaJson: gateway.schemaJson as never });
  if (!built.ok) {
    const message = `The call cannot be expressed as a Cedar request: ${built.error}`;
    const error = rpcError(parsed.id, RPC.INVALID_PARAMS, message);
    return { decision: "DENY", determiningPolicies: [], errors: [message], logOnly: { matched: [], flips: [] }, response: { LOG_ONLY: error, ENFORCE: error }, tool: parsed.tool };
  }
  const r = evaluate(compiled, built.request, { validate: false });
  return {
    decision: r.decision,
    determiningPolicies: r.determiningPolicies,
    errors: r.errors,
    logOnly: r.logOnly,
    cedarRequest: built.request,
    response: gatewayResponses(parsed.id, r.decision, r.determiningPolicies, toolOutputPlaceholder(parsed.tool)),
    tool: parsed.tool,
  };
}

/**
 * The Cedar request for an already parsed call, as the gateway builds it (claims → tags, the
 * gateway's principal type), or why there is none.
 */
export function requestFor(gateway: SimGateway, principal: SimCall["principal"], parsed: Extract<ParsedCall, { ok: true }>): { ok: true; request: CedarRequest } | { ok: false; error: string } {
  const mismatch = principalMismatch(principal, gateway.principalType);
  if (mismatch) return { ok: false, error: mismatch };
  const built = buildRequest({ principal: gatewayPrincipal(principal, gateway.principalType), toolName: parsed.tool, args: parsed.args, gatewayArn: gateway.gatewayArn, schemaJson: gateway.schemaJson as never });
  return built.ok ? { ok: true, request: built.request } : { ok: false, error: built.error };
}

/** Just the decision, for the bulk paths (suites, matrix) that never render a response. */
export function decide(
  compiled: CompiledPolicySet,
  gateway: SimGateway,
  call: SimCall,
  parsedCall?: ParsedCall,
): { decision: "ALLOW" | "DENY"; determiningPolicies: string[]; invalid?: string } {
  const parsed = parsedCall ?? parseToolCall(call.request, gateway);
  if (!parsed.ok) return { decision: "DENY", determiningPolicies: [], invalid: parsed.message };
  const built = requestFor(gateway, call.principal, parsed);
  if (!built.ok) return { decision: "DENY", determiningPolicies: [], invalid: built.error };
  const r = evaluate(compiled, built.request, { validate: false });
  return { decision: r.decision, determiningPolicies: r.determiningPolicies };
}
