import type { ControlPlane } from "@/lib/agentcore/types";
import { schemaDeps, type PublishingDeps } from "@/lib/publishing/deps";

/** Publishing wired to one adapter, with fast polling. */
export function depsFor(cp: ControlPlane, user = "alice"): PublishingDeps {
  return {
    cp,
    user,
    loadGateway: (id) => cp.getGateway(id),
    ...schemaDeps(cp),
    poll: { intervalMs: 10, maxIntervalMs: 40, timeoutMs: 3_000 },
  };
}

export const permit = (tool: string, when = "") => `permit(principal, action == AgentCore::Action::"${tool}", resource)${when ? ` when { ${when} }` : ""};`;
export const forbid = (tool: string, when = "") => `forbid(principal, action == AgentCore::Action::"${tool}", resource)${when ? ` when { ${when} }` : ""};`;
export const named = (name: string, statement: string, extra = "") => `@id("${name}")\n${extra}${statement}`;
