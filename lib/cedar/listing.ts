import type { CompiledPolicySet } from "./authorize";
import { ACTION_TYPE, GATEWAY_TYPE, type CedarApi, type EntityJson, type EntityUidJson } from "./cedar-api";

/**
 * Which tools a principal sees in `tools/list`. AgentCore treats listing as a meta action: a tool is
 * listed when some call of it could be permitted, since the arguments are not known yet. Cedar's
 * partial evaluation with the whole `context.input` unknown answers exactly that: a tool is hidden
 * only when the ACTIVE policies deny it whatever the arguments (no permit can match this principal,
 * or a forbid matches it regardless of the input).
 */
export function listableTools(cedar: Pick<CedarApi, "isAuthorizedPartial">, compiled: CompiledPolicySet, principal: EntityJson, gatewayArn: string, tools: string[]): string[] {
  const uid = ("__entity" in principal.uid ? principal.uid.__entity : principal.uid) as Exclude<EntityUidJson, { __entity: unknown }>;
  return tools.filter((tool) => {
    const bucket = compiled.byAction.get(tool);
    if (!bucket) return false;
    const active = bucket.members.map((id) => compiled.policies.get(id)!).filter((p) => p.mode === "ACTIVE");
    if (!active.some((p) => p.effect === "permit")) return false;
    const action = compiled.actionEntities.get(tool);
    const answer = cedar.isAuthorizedPartial({
      principal: uid,
      action: { type: ACTION_TYPE, id: tool },
      resource: { type: GATEWAY_TYPE, id: gatewayArn },
      context: { input: { __extn: { fn: "unknown", arg: "input" } } } as never,
      policies: { staticPolicies: Object.fromEntries(active.map((p) => [p.id, p.json])) },
      entities: action ? [principal, action] : [principal],
    });
    // A policy set Cedar cannot evaluate hides nothing it might allow: the call itself is still checked.
    return answer.type !== "residuals" || answer.response.decision !== "deny";
  });
}
