import "server-only";
import type { ControlPlane, EnginePolicy, PolicyEngine } from "@/lib/agentcore/types";
import { AppError } from "@/lib/errors";
import type { PollOptions } from "./deps";

/**
 * AgentCore answers policy writes with CREATING/UPDATING/DELETING and settles later; the embedded
 * engine answers ACTIVE at once (no waiting). A publish moves on only when a policy has settled, so
 * that what it reports as applied really is live.
 */
export async function settlePolicy(cp: ControlPlane, policyEngineId: string, policy: EnginePolicy, poll: PollOptions): Promise<EnginePolicy> {
  const started = Date.now();
  let wait = poll.intervalMs;
  let current = policy;
  for (;;) {
    if (current.status === "ACTIVE") return current;
    if (current.status.endsWith("_FAILED")) {
      const reasons = current.statusReasons.length ? current.statusReasons.join("; ") : "the service gave no reason";
      throw new AppError("policy-failed", `AgentCore marked policy "${current.name}" ${current.status}: ${reasons}`, { status: current.status, statusReasons: current.statusReasons });
    }
    if (Date.now() - started > poll.timeoutMs) {
      throw new AppError("policy-not-settled", `Policy "${current.name}" is still ${current.status} after ${Math.round(poll.timeoutMs / 1000)} s; it may still become ACTIVE. Retry to continue from what is live.`, {
        status: current.status,
        statusReasons: current.statusReasons,
      });
    }
    await sleep(wait);
    wait = Math.min(wait * 2, poll.maxIntervalMs);
    current = await cp.getPolicy(policyEngineId, current.policyId);
  }
}

/** Waits until a deleted policy is gone (DELETING → not found), or reports DELETE_FAILED. */
export async function settleDeleted(cp: ControlPlane, policyEngineId: string, policyId: string, name: string, poll: PollOptions): Promise<void> {
  const started = Date.now();
  let wait = poll.intervalMs;
  for (;;) {
    let current: EnginePolicy;
    try {
      current = await cp.getPolicy(policyEngineId, policyId);
    } catch (e) {
      if (e instanceof AppError && (e.code === "policy-not-found" || e.code === "not-found")) return;
      throw e;
    }
    if (current.status === "DELETE_FAILED") {
      throw new AppError("policy-failed", `AgentCore could not delete policy "${name}": ${current.statusReasons.join("; ") || "the service gave no reason"}`, { status: current.status, statusReasons: current.statusReasons });
    }
    if (Date.now() - started > poll.timeoutMs) {
      throw new AppError("policy-not-settled", `Policy "${name}" is still ${current.status} after ${Math.round(poll.timeoutMs / 1000)} s.`, { status: current.status });
    }
    await sleep(wait);
    wait = Math.min(wait * 2, poll.maxIntervalMs);
  }
}

export async function settleEngine(cp: ControlPlane, engine: PolicyEngine, poll: PollOptions): Promise<PolicyEngine> {
  const started = Date.now();
  let wait = poll.intervalMs;
  let current = engine;
  for (;;) {
    if (current.status === "ACTIVE") return current;
    if (current.status.endsWith("_FAILED")) {
      throw new AppError("policy-failed", `AgentCore marked policy engine "${current.name}" ${current.status}: ${current.statusReasons.join("; ") || "no reason given"}`);
    }
    if (Date.now() - started > poll.timeoutMs) throw new AppError("policy-not-settled", `Policy engine "${current.name}" is still ${current.status}.`);
    await sleep(wait);
    wait = Math.min(wait * 2, poll.maxIntervalMs);
    current = await cp.getPolicyEngine(current.policyEngineId);
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
