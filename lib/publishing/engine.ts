import "server-only";
import type { EngineMode, GatewayDetail, PolicyEngine } from "@/lib/agentcore/types";
import { AppError, toAppError } from "@/lib/errors";
import { recordAudit } from "@/lib/store/history";
import type { PublishingDeps } from "./deps";
import { withGatewayLock } from "./publish";
import { settleEngine } from "./settle";

/**
 * Creates a policy engine and attaches it to a gateway that has none, in LOG_ONLY unless told
 * otherwise (AWS's advice: watch the decisions before enforcing them).
 */
export async function createAndAttachEngine(
  deps: PublishingDeps,
  gatewayId: string,
  input: { name: string; description?: string; mode?: EngineMode },
): Promise<{ engine: PolicyEngine; gateway: GatewayDetail }> {
  return withGatewayLock(gatewayId, async () => {
    const gateway = await deps.loadGateway(gatewayId);
    if (gateway.policyEngine) {
      throw new AppError("conflict", `${gateway.name} already has policy engine ${gateway.policyEngine.policyEngineId}; switch its mode instead.`);
    }
    const mode = input.mode ?? "LOG_ONLY";
    let engine: PolicyEngine;
    try {
      engine = await settleEngine(deps.cp, await deps.cp.createPolicyEngine({ name: input.name, description: input.description }), deps.poll);
    } catch (e) {
      const err = toAppError(e);
      await recordAudit({ gatewayId, actor: deps.user, action: "engine-create", summary: `Creating policy engine "${input.name}" failed: ${err.message}`, result: "failure", details: { code: err.code } });
      throw err;
    }
    try {
      const updated = await deps.cp.setGatewayPolicyEngine(gatewayId, { policyEngineArn: engine.policyEngineArn, mode });
      await recordAudit({ gatewayId, actor: deps.user, action: "engine-create", summary: `Created policy engine "${engine.name}" and attached it to ${gateway.name} in ${mode}`, result: "success", details: { policyEngineArn: engine.policyEngineArn, mode } });
      return { engine, gateway: updated };
    } catch (e) {
      const err = toAppError(e);
      await recordAudit({ gatewayId, actor: deps.user, action: "engine-create", summary: `Created policy engine "${engine.name}" but attaching it to ${gateway.name} failed: ${err.message}`, result: "partial", details: { policyEngineArn: engine.policyEngineArn, code: err.code } });
      throw new AppError(err.code, `Policy engine "${engine.name}" was created, but attaching it to ${gateway.name} failed: ${err.message}`, { engine });
    }
  });
}
