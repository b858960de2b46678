import "server-only";
import type { EnginePolicy, GatewayDetail } from "@/lib/agentcore/types";
import { cedar } from "@/lib/cedar/server";
import { AppError, toAppError, type ErrorCode } from "@/lib/errors";
import { getDb } from "@/lib/store/db";
import { saveDraft } from "@/lib/store/drafts";
import { getVersion, latestVersion, recentVersions, recordAudit, recordVersion, type VersionPolicy } from "@/lib/store/history";
import { closeJournal, openJournal, recordStep } from "@/lib/store/journal";
import { withExclusiveLock } from "@/lib/store/locks";
import { toDocument } from "@/lib/workspace/document";
import { publishedVersion } from "@/lib/workspace/published";
import type { PublishingDeps } from "./deps";
import { planPublish, withGeneratedIds, type PlanOperation, type PublishPlan } from "./plan";
import { describeInterrupted, interruptedUnderLock, resolveInterrupted } from "./recovery";
import { settleDeleted, settlePolicy } from "./settle";

export interface PublishRequest {
  text: string;
  message: string;
  /** The published version (etag) the text was written against. */
  baseVersion: string;
  /** Set when this publish restores a version from the history (audited as a rollback). */
  rollbackOf?: number;
  /** Set when this publish finishes or undoes an interrupted one (lib/publishing/recovery.ts). */
  resolves?: { journalId: number; as: "resumed" | "rolled-back" };
  /** The version's author when it is not the one applying it (an approved change request's requester). */
  author?: string;
}

export interface OpRef {
  name: string;
  op: PlanOperation["op"];
  phase: number;
}
export interface FailedOp extends OpRef {
  code: ErrorCode;
  message: string;
  statusReasons: string[];
}

export interface PublishResult {
  status: "published" | "unchanged" | "partial" | "failed";
  /** The live set's version (etag) now: the `baseVersion` of the next publish, a retry included. */
  version: string;
  /** The history number recorded for the live set now (null when nothing was applied). */
  versionNumber: number | null;
  applied: OpRef[];
  failed: FailedOp[];
  /** Operations not attempted because an earlier one failed. */
  pending: OpRef[];
  /** What was live before this publish: Roll back re-publishes it. */
  previous: { version: string; versionNumber: number | null; text: string };
  /** One sentence for the user. */
  summary: string;
}

/**
 * One publish per gateway at a time across every console instance on the store; the etag check
 * covers changes made outside the console.
 */
export async function withGatewayLock<T>(gatewayId: string, fn: () => Promise<T>): Promise<T> {
  return withExclusiveLock(await getDb(), `publish:${gatewayId}`, fn, () => new AppError("conflict", "Another publish or mode change to this gateway is running. Wait for it to finish and review again."));
}

export function engineOf(gateway: GatewayDetail) {
  if (!gateway.policyEngine) {
    throw new AppError("policy-engine-not-found", `${gateway.name} has no policy engine. Create one and attach it from the gateway's overview first.`);
  }
  return gateway.policyEngine;
}

export function toVersionPolicies(policies: Array<Pick<EnginePolicy, "name" | "description" | "statement" | "enforcementMode">>): VersionPolicy[] {
  return policies.map(({ name, description, statement, enforcementMode }) => ({ name, description, statement, enforcementMode }));
}

/** The etag of a stored version, comparable to `publishedVersion` of a live set. */
export function versionEtag(policies: VersionPolicy[]): string {
  return publishedVersion(policies as EnginePolicy[]);
}

/** Checks the draft's base against what is live; a mismatch is a conflict with both versions in the details. */
export async function assertFresh(gatewayId: string, baseVersion: string, live: EnginePolicy[]): Promise<string> {
  const current = publishedVersion(live);
  if (baseVersion === current) return current;
  const base = (await recentVersions(gatewayId)).find((v) => versionEtag(v.policies) === baseVersion) ?? null;
  throw new AppError("stale-base-version", "The published policies changed since this draft was started (someone else published, or the engine was changed outside the console). Review both versions and choose.", {
    baseVersion,
    currentVersion: current,
    current: { text: toDocument(live), policyCount: live.length },
    base: base ? { text: toDocument(base.policies), versionNumber: base.version } : null,
  });
}

/**
 * History records every set the engine held. If the live set is not the last recorded one (first
 * publish from this console, or a change made elsewhere), it is recorded first so rollback can reach it.
 */
async function recordObserved(gatewayId: string, live: EnginePolicy[]): Promise<number> {
  const latest = await latestVersion(gatewayId);
  if (latest && versionEtag(latest.policies) === publishedVersion(live)) return latest.version;
  const v = await recordVersion(gatewayId, {
    author: "(found on the engine)",
    message: latest ? "Changed outside the console; found before a publish" : "The published set before the first publish from this console",
    policies: toVersionPolicies(live),
  });
  return v.version;
}

export async function previewPublish(deps: PublishingDeps, gatewayId: string, text: string): Promise<{ plan: PublishPlan; gateway: GatewayDetail; live: EnginePolicy[]; currentVersion: string }> {
  const gateway = await deps.loadGateway(gatewayId);
  const engine = engineOf(gateway);
  const live = await deps.cp.listPolicies(engine.policyEngineId);
  const schemaJson = deps.schemaOf(gateway);
  return { plan: planPublish(cedar, { text, published: live, schemaJson, tools: gateway.targets.flatMap((t) => t.tools) }), gateway, live, currentVersion: publishedVersion(live) };
}

/**
 * Publishes a draft document: conflict check, validation, then the plan's operations in order, each
 * waited on until it settles. The first failure stops the run; the answer lists exactly what was
 * applied, what failed (with the service's reasons) and what was not attempted.
 */
export async function publishDraft(deps: PublishingDeps, gatewayId: string, req: PublishRequest): Promise<PublishResult> {
  return withGatewayLock(gatewayId, async () => {
    // A publish that died half-way is settled first (Resume or Roll back): never built upon silently.
    const interrupted = await interruptedUnderLock(deps, gatewayId);
    if (interrupted && interrupted.id !== req.resolves?.journalId) {
      throw new AppError("publish-interrupted", `A publish of this gateway started ${interrupted.startedAt} by ${interrupted.actor} was interrupted before it finished; the engine may hold part of it.`, { interrupted: describeInterrupted(interrupted) }, "Resume it or roll it back (Publish tab, or POST …/publish/interrupted) before publishing again.");
    }
    const { plan, gateway, live } = await previewPublish(deps, gatewayId, req.text);
    const engineId = engineOf(gateway).policyEngineId;
    // Recovery plans from whatever the engine holds when it runs (a step sent before the crash may
    // settle late); every other publish must be written against what is live.
    const before = req.resolves ? publishedVersion(live) : await assertFresh(gatewayId, req.baseVersion, live);
    if (!plan.ok) {
      throw new AppError("validation-failed", `The draft cannot be published: ${plan.errors[0].message}${plan.errors.length > 1 ? ` (and ${plan.errors.length - 1} more)` : ""}`, { errors: plan.errors });
    }
    const action = req.rollbackOf !== undefined ? "rollback" : "publish";
    const previousNumber = await recordObserved(gatewayId, live);
    const previous = { version: before, versionNumber: previousNumber, text: toDocument(live) };
    const rebasedText = withGeneratedIds(cedar, req.text);

    if (plan.operations.length === 0) {
      await saveDraft(gatewayId, rebasedText, before);
      if (req.resolves) await resolveInterrupted(deps, gatewayId, req.resolves, "the engine already held the intended set");
      return { status: "unchanged", version: before, versionNumber: previousNumber, applied: [], failed: [], pending: [], previous, summary: "Nothing to publish: the draft matches the published policies." };
    }

    // Written before anything is sent, and after each step: a crash leaves a record of what was applied.
    const journalId = await openJournal({
      gatewayId,
      actor: deps.user,
      action: req.resolves ? "resume" : action,
      message: req.message,
      intent: { text: req.text, baseVersion: req.baseVersion, previous, operations: plan.operations.map((o) => ({ op: o.op, name: o.name, phase: o.phase })) },
    });
    const applied: PublishResult["applied"] = [];
    const failed: PublishResult["failed"] = [];
    let failure: AppError | null = null;
    for (const [index, op] of plan.operations.entries()) {
      const ref = { name: op.name, op: op.op, phase: op.phase };
      await recordStep(journalId, { index, op: op.op, name: op.name, state: "started", at: new Date().toISOString() });
      try {
        await applyOperation(deps, engineId, op);
        applied.push(ref);
        await recordStep(journalId, { index, op: op.op, name: op.name, state: "applied", at: new Date().toISOString() });
      } catch (e) {
        failure = toAppError(e);
        if (!(e instanceof AppError)) console.error(`[publish] ${op.op} ${op.name}: ${e instanceof Error ? e.message : String(e)}`);
        const statusReasons = (failure.details as { statusReasons?: string[] } | undefined)?.statusReasons ?? [];
        failed.push({ ...ref, code: failure.code, message: failure.message, statusReasons });
        await recordStep(journalId, { index, op: op.op, name: op.name, state: "failed", at: new Date().toISOString(), message: failure.message });
        break;
      }
    }
    await closeJournal(journalId, !failure ? "completed" : applied.length ? "partial" : "failed");
    if (req.resolves) await resolveInterrupted(deps, gatewayId, req.resolves, failure ? `not finished: ${failure.message}` : "finished");
    const pending = plan.operations.slice(applied.length + failed.length).map((o) => ({ name: o.name, op: o.op, phase: o.phase }));

    // Re-read even when nothing counts as applied: a create that ends CREATE_FAILED still leaves a policy.
    const after = await deps.cp.listPolicies(engineId);
    const version = publishedVersion(after);
    const label = req.message.trim() || (action === "rollback" ? `Roll back to version ${req.rollbackOf}` : "Published from the console");
    const counts = `${plan.counts.added} added, ${plan.counts.changed} changed, ${plan.counts.removed} removed`;

    if (!failure) {
      const v = await recordVersion(gatewayId, { author: req.author ?? deps.user, message: label, policies: toVersionPolicies(after) });
      await saveDraft(gatewayId, rebasedText, version);
      const summary = `${action === "rollback" ? `Rolled back to version ${req.rollbackOf}` : "Published"} as version ${v.version}: ${counts}.`;
      await recordAudit({ gatewayId, actor: deps.user, action, summary, result: "success", details: { version: v.version, etag: version, message: label, applied } });
      return { status: "published", version, versionNumber: v.version, applied, failed, pending, previous, summary };
    }

    const notApplied = [...failed, ...pending].map((o) => o.name).join(", ");
    if (applied.length === 0) {
      if (version !== before) await saveDraft(gatewayId, rebasedText, version);
      await recordAudit({ gatewayId, actor: deps.user, action, summary: `${action === "rollback" ? "Rollback" : "Publish"} failed; nothing was applied: ${failure.message}`, result: "failure", details: { message: label, failed, pending } });
      return { status: "failed", version, versionNumber: previousNumber, applied, failed, pending, previous, summary: `Nothing was applied. ${failure.message}` };
    }
    // The engine now holds a set between the old and the new one; it is a real version, and the draft
    // (still the intended set) is rebased on it so Retry continues from here.
    const v = await recordVersion(gatewayId, { author: req.author ?? deps.user, message: `[partial] ${label}`, policies: toVersionPolicies(after) });
    await saveDraft(gatewayId, rebasedText, version);
    const summary = `Partly applied (${applied.length} of ${plan.operations.length} steps); not applied: ${notApplied}. ${failure.message}`;
    await recordAudit({ gatewayId, actor: deps.user, action, summary, result: "partial", details: { version: v.version, etag: version, message: label, applied, failed, pending } });
    return { status: "partial", version, versionNumber: v.version, applied, failed, pending, previous, summary };
  });
}

async function applyOperation(deps: PublishingDeps, engineId: string, op: PlanOperation): Promise<void> {
  const { cp, poll } = deps;
  if (op.op === "create") {
    await settlePolicy(cp, engineId, await cp.createPolicy(engineId, op.create!), poll);
  } else if (op.op === "update") {
    await settlePolicy(cp, engineId, await cp.updatePolicy(engineId, op.policyId!, op.update!), poll);
  } else {
    await cp.deletePolicy(engineId, op.policyId!);
    await settleDeleted(cp, engineId, op.policyId!, op.name, poll);
  }
}

/** The document of a recorded version, for rollback through the review. */
export async function versionDocument(gatewayId: string, version: number): Promise<string> {
  const v = await getVersion(gatewayId, version);
  if (!v) throw new AppError("not-found", `Version ${version} does not exist for this gateway.`);
  return toDocument(v.policies);
}
