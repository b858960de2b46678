import "server-only";
import { createHash } from "node:crypto";
import { getControlPlane } from "@/lib/agentcore";
import type { EnginePolicy, GatewayDetail } from "@/lib/agentcore/types";

/**
 * An etag of the engine's published set. A draft remembers the one it started from; a publish against
 * anything else is a conflict (someone else published, or the AWS console was used).
 */
export function publishedVersion(policies: EnginePolicy[]): string {
  const canonical = [...policies]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => [p.name, p.description, p.statement, p.enforcementMode]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 16);
}

export async function publishedPolicies(gateway: GatewayDetail): Promise<EnginePolicy[]> {
  if (!gateway.policyEngine) return [];
  const cp = await getControlPlane();
  return cp.listPolicies(gateway.policyEngine.policyEngineId);
}
