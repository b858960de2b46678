import type { CompiledPolicySet } from "./authorize";
import type { CedarApi, EntityJson } from "./cedar-api";

/**
 * Which tools a principal sees in `tools/list`. AgentCore treats listing as a meta action: a tool is
 * listed when some call of it could be permitted, since the arguments are not known yet. Cedar's
 * partial evaluation with the whole `context.input` unknown answers exactly that: a tool is hidden
 * only when the ACTIVE policies deny it whatever the arguments (no permit can match this principal,
 * or a forbid matches it regardless of the input).
 */
export function listableTools(cedar: Pick<CedarApi, "isAuthorizedPartial">, compiled: CompiledPolicySet, principal: { uid: { type: string; id: string }; entity: EntityJson }, gatewayArn: string, tools: string[]): string[] {
  return tools.filter((tool) => {
    const bucket = compiled.byAction.get(tool);
    if (!bucket) return false;
    const active = bucket.members.map((id) => compiled.policies.get(id)!).filter((p) => p.mode === "ACTIVE");
    if (!active.some((p) => p.effect === "permit")) return false;
    const action = compiled.actionEntities.get(tool);
    const answer = cedar.isAuthorizedPartial({
      principal: principal.uid,
      action: { type: "AgentCore::Action", id: tool },
      resource: { type: "AgentCore::Gateway", id: gatewayArn },
      context: { input: { __extn: { fn: "unknown", arg: "input" } } } as never,
      policies: { staticPolicies: Object.fromEntries(active.map((p) => [p.id, p.json])) },
      entities: action ? [principal.entity, action] : [principal.entity],
    });
    // A policy set Cedar cannot evaluate hides nothing it might allow: the call itself is still checked.
    return answer.type !== "residuals" || answer.response.decision !== "deny";
  });
}
