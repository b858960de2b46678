import "server-only";
import type { EnginePolicy } from "@/lib/agentcore/types";
import { AppError, toAppError } from "@/lib/errors";
import { getDraft, saveDraft } from "@/lib/store/drafts";
import { recordAudit, recordVersion } from "@/lib/store/history";
import { publishedVersion } from "@/lib/workspace/published";
import type { PublishingDeps } from "./deps";
import { dropCanaryAnnotation } from "./canary";
import { engineOf, toVersionPolicies, withGatewayLock } from "./publish";
import { settlePolicy } from "./settle";

export interface PromoteResult {
  policy: EnginePolicy;
  version: string;
  versionNumber: number;
}

/**
 * Promotes a canary (a LOG_ONLY policy) to ACTIVE with one UpdatePolicy, records the new set as a
 * version, and keeps the draft in step: a draft based on the old set gets the same change.
 */
export async function promotePolicy(deps: PublishingDeps, gatewayId: string, name: string): Promise<PromoteResult> {
  return withGatewayLock(gatewayId, async () => {
    const gateway = await deps.loadGateway(gatewayId);
    const engineId = engineOf(gateway).policyEngineId;
    const live = await deps.cp.listPolicies(engineId);
    const target = live.find((p) => p.name === name);
    if (!target) throw new AppError("policy-not-found", `No policy named "${name}" is published on ${gateway.name}.`);
    if (target.enforcementMode === "ACTIVE") throw new AppError("conflict", `Policy "${name}" is already ACTIVE.`);
    const before = publishedVersion(live);
    let policy: EnginePolicy;
    try {
      policy = await settlePolicy(deps.cp, engineId, await deps.cp.updatePolicy(engineId, target.policyId, { enforcementMode: "ACTIVE" }), deps.poll);
    } catch (e) {
      const err = toAppError(e);
      await recordAudit({ gatewayId, actor: deps.user, action: "promote", summary: `Promoting "${name}" to ACTIVE failed: ${err.message}`, result: "failure", details: { code: err.code } });
      throw err;
    }
    const after = await deps.cp.listPolicies(engineId);
    const version = publishedVersion(after);
    const v = await recordVersion(gatewayId, { author: deps.user, message: `Promoted "${name}" from LOG_ONLY to ACTIVE`, policies: toVersionPolicies(after) });
    await recordAudit({ gatewayId, actor: deps.user, action: "promote", summary: `Promoted "${name}" to ACTIVE (version ${v.version})`, result: "success", details: { version: v.version, etag: version } });
    const draft = await getDraft(gatewayId);
    if (draft && draft.baseVersion === before) await saveDraft(gatewayId, dropCanaryAnnotation(draft.text, name), version);
    return { policy, version, versionNumber: v.version };
  });
}
