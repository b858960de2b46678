import "server-only";
import type { EngineMode, GatewayDetail } from "@/lib/agentcore/types";
import { AppError, toAppError } from "@/lib/errors";
import { recordAudit } from "@/lib/store/history";
import type { PublishingDeps } from "./deps";
import { assertFresh, engineOf, withGatewayLock } from "./publish";

/**
 * Switches the engine's mode on a gateway (LOG_ONLY ↔ ENFORCE). The adapter re-reads the gateway and
 * resends every field UpdateGateway requires, changing only the policy engine configuration.
 * `baseVersion`, when given, is the published set the switch was reviewed on (an approved change
 * request): the switch is a conflict, under the same lock, when the policies changed since.
 */
export async function switchMode(deps: PublishingDeps, gatewayId: string, mode: EngineMode, baseVersion?: string): Promise<GatewayDetail> {
  return withGatewayLock(gatewayId, async () => {
    const gateway = await deps.loadGateway(gatewayId);
    const engine = engineOf(gateway);
    if (baseVersion !== undefined) await assertFresh(gatewayId, baseVersion, await deps.cp.listPolicies(engine.policyEngineId));
    if (engine.mode === mode) return gateway;
    try {
      const updated = await deps.cp.setGatewayPolicyEngine(gatewayId, { policyEngineArn: engine.policyEngineArn, mode });
      await recordAudit({ gatewayId, actor: deps.user, action: "mode-switch", summary: `Engine mode on ${gateway.name}: ${engine.mode} → ${mode}`, result: "success", details: { from: engine.mode, to: mode, policyEngineArn: engine.policyEngineArn } });
      return updated;
    } catch (e) {
      const err = toAppError(e);
      await recordAudit({ gatewayId, actor: deps.user, action: "mode-switch", summary: `Engine mode on ${gateway.name}: ${engine.mode} → ${mode} failed: ${err.message}`, result: "failure", details: { from: engine.mode, to: mode, code: err.code } });
      throw e instanceof AppError ? e : err;
    }
  });
}
