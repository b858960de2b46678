import { evaluate, type CompiledPolicySet, type Evaluation } from "./authorize";
import type { PrincipalKind, SchemaJson } from "./cedar-api";
import { buildRequest, type CedarRequest, type RequestPrincipal } from "./request-from-call";

/** What deciding a call needs to know of its gateway. */
export interface DecisionGateway {
  gatewayArn: string;
  schemaJson: SchemaJson<string> | Record<string, unknown>;
  /** The principal type the gateway's authorizer produces; default OAuthUser. */
  principalType?: PrincipalKind;
}

export interface CallDecision extends Evaluation {
  /** The Cedar request that was evaluated; absent when the call could not be expressed as one. */
  request?: CedarRequest;
}

/**
 * One tool call decided as the gateway decides it: the Cedar request built from the principal and
 * the arguments, then the ACTIVE policies. A call that cannot be expressed as a Cedar request (a
 * number outside Long, a decimal with too many digits) is denied with the reason, as a policy
 * evaluation error would be: it is blocked in ENFORCE and goes through in LOG_ONLY.
 */
export function decideCall(compiled: CompiledPolicySet, gateway: DecisionGateway, call: { principal: RequestPrincipal; tool: string; args: Record<string, unknown> }): CallDecision {
  const principal = call.principal.type || !gateway.principalType ? call.principal : { ...call.principal, type: gateway.principalType };
  const built = buildRequest({ principal, toolName: call.tool, args: call.args, gatewayArn: gateway.gatewayArn, schemaJson: gateway.schemaJson });
  if (!built.ok) return { decision: "DENY", determiningPolicies: [], errors: [`The call cannot be expressed as a Cedar request: ${built.error}`], logOnly: { matched: [], flips: [] } };
  // buildRequest typed the context from this schema, so the request needs no second validation.
  return { ...evaluate(compiled, built.request, { validate: false }), request: built.request };
}
