import "server-only";
import type { EngineMode, GatewayDetail } from "@/lib/agentcore/types";
import { AppError, toAppError } from "@/lib/errors";
import { getChangeRequest, insertChangeRequest, transitionChangeRequest, type ChangeRequest } from "@/lib/store/change-requests";
import { recordAudit } from "@/lib/store/history";
import { toDocument } from "@/lib/workspace/document";
import { publishedVersion } from "@/lib/workspace/published";
import { dropCanaryAnnotation } from "./canary";
import type { PublishingDeps } from "./deps";
import type { ModeEvidence } from "./evidence";
import { switchMode } from "./mode";
import { assertFresh, engineOf, previewPublish, publishDraft, type PublishRequest, type PublishResult } from "./publish";
import { modeEvidenceFor, reviewFor, type ReviewData } from "./review";

/**
 * A second pair of eyes before ENFORCE (REQUIRE_APPROVAL): a publish to a gateway whose engine
 * enforces, a promotion there, and a switch of any gateway to ENFORCE become change requests. Another
 * publisher — never the one who asked, nor a token that person created — approves it, and approval
 * applies it through the normal publish path (lib/publishing/publish.ts, mode.ts) with the conflict
 * check against the published version it was requested on. Every step is in the audit log.
 */

/** Who asks or decides: the name recorded, and the stable subject self-approval is judged on. */
export interface Actor {
  name: string;
  subject: string;
}

export type Requested<T> = { outcome: "applied"; result: T } | { outcome: "requested"; changeRequest: ChangeRequest };

const needsApproval = (deps: PublishingDeps, gateway: GatewayDetail) => deps.requireApproval === true && gateway.policyEngine?.mode === "ENFORCE";

/** Publishes now, or — to an enforcing gateway under REQUIRE_APPROVAL — opens a change request. */
export async function publishOrRequest(deps: PublishingDeps, who: Actor, gatewayId: string, req: PublishRequest): Promise<Requested<PublishResult>> {
  const gateway = await deps.loadGateway(gatewayId);
  if (!needsApproval(deps, gateway)) return { outcome: "applied", result: await publishDraft(deps, gatewayId, req) };
  // Checked now, not at approval: a request that cannot be published is refused while its author is here.
  const { plan, live } = await previewPublish(deps, gatewayId, req.text);
  await assertFresh(gatewayId, req.baseVersion, live);
  if (!plan.ok) throw new AppError("validation-failed", `The draft cannot be published: ${plan.errors[0].message}`, { errors: plan.errors });
  if (plan.operations.length === 0) return { outcome: "applied", result: await publishDraft(deps, gatewayId, req) };
  const counts = `${plan.counts.added} added, ${plan.counts.changed} changed, ${plan.counts.removed} removed`;
  const cr = await open(who, {
    gateway,
    kind: "publish",
    message: req.message.trim() || (req.rollbackOf !== undefined ? `Roll back to version ${req.rollbackOf}` : ""),
    text: req.text,
    baseVersion: req.baseVersion,
    rollbackOf: req.rollbackOf ?? null,
    what: `${req.rollbackOf !== undefined ? `roll back to version ${req.rollbackOf}` : "publish"} (${counts})`,
  });
  return { outcome: "requested", changeRequest: cr };
}

/** Switches now, or — to ENFORCE under REQUIRE_APPROVAL — opens a change request. */
export async function switchModeOrRequest(deps: PublishingDeps, who: Actor, gatewayId: string, mode: EngineMode): Promise<Requested<GatewayDetail>> {
  const gateway = await deps.loadGateway(gatewayId);
  const engine = engineOf(gateway);
  if (!deps.requireApproval || mode !== "ENFORCE" || engine.mode === "ENFORCE") return { outcome: "applied", result: await switchMode(deps, gatewayId, mode) };
  const live = await deps.cp.listPolicies(engine.policyEngineId);
  const cr = await open(who, { gateway, kind: "mode", message: "", text: toDocument(live), baseVersion: publishedVersion(live), fromMode: engine.mode, toMode: mode, what: `switch from ${engine.mode} to ${mode}` });
  return { outcome: "requested", changeRequest: cr };
}

/** Promoting a canary on an enforcing gateway is a publish of the live set with that policy ACTIVE. */
export async function promotionRequest(deps: PublishingDeps, who: Actor, gatewayId: string, name: string): Promise<ChangeRequest | null> {
  const gateway = await deps.loadGateway(gatewayId);
  if (!needsApproval(deps, gateway)) return null;
  const live = await deps.cp.listPolicies(engineOf(gateway).policyEngineId);
  const target = live.find((p) => p.name === name);
  if (!target) throw new AppError("policy-not-found", `No policy named "${name}" is published on ${gateway.name}.`);
  if (target.enforcementMode === "ACTIVE") throw new AppError("conflict", `Policy "${name}" is already ACTIVE.`);
  return open(who, {
    gateway,
    kind: "publish",
    message: `Promote "${name}" from LOG_ONLY to ACTIVE`,
    text: dropCanaryAnnotation(toDocument(live), name),
    baseVersion: publishedVersion(live),
    what: `promote "${name}" to ACTIVE`,
  });
}

/** Creating an engine straight in ENFORCE would skip the review a switch gets. */
export function assertEngineModeAllowed(deps: PublishingDeps, mode: EngineMode | undefined): void {
  if (deps.requireApproval && mode === "ENFORCE") {
    throw new AppError("approval-required", "With approvals required, a new policy engine starts in LOG_ONLY; then request the switch to ENFORCE, which another publisher approves.");
  }
}

async function open(
  who: Actor,
  input: { gateway: GatewayDetail; kind: ChangeRequest["kind"]; message: string; text: string; baseVersion: string; rollbackOf?: number | null; fromMode?: EngineMode; toMode?: EngineMode; what: string },
): Promise<ChangeRequest> {
  const { gateway, what, ...fields } = input;
  const cr = await insertChangeRequest({ ...fields, gatewayId: gateway.gatewayId, gatewayName: gateway.name, requestedBy: who.name, requestedBySubject: who.subject });
  await recordAudit({
    gatewayId: gateway.gatewayId,
    actor: who.name,
    action: "change-request",
    summary: `Requested approval (change request #${cr.id}) to ${what} on ${gateway.name}${cr.message ? `: ${cr.message}` : ""}`,
    result: "success",
    details: { changeRequest: cr.id, kind: cr.kind, baseVersion: cr.baseVersion },
  });
  return cr;
}

async function openRequest(id: number): Promise<ChangeRequest> {
  const cr = await getChangeRequest(id);
  if (!cr) throw new AppError("not-found", `There is no change request #${id}.`);
  if (cr.status !== "open") throw closed(cr);
  return cr;
}

const closed = (cr: ChangeRequest) =>
  new AppError("change-request-closed", `Change request #${cr.id} is ${cr.status === "applying" ? "being applied right now" : `already ${cr.status}${cr.decidedBy ? ` by ${cr.decidedBy}` : ""}`}.`, { status: cr.status });

function assertNotAuthor(cr: ChangeRequest, who: Actor, doing: string): void {
  if (cr.requestedBySubject === who.subject) {
    throw new AppError("self-approval", `${who.name} requested change request #${cr.id} (or created the token that did), so cannot ${doing} it: another publisher must.`, undefined, "Ask another publisher to review it; withdraw it if it is no longer wanted.");
  }
}

const describe = (cr: ChangeRequest) => (cr.kind === "mode" ? `switch to ${cr.toMode}` : cr.rollbackOf !== null ? `roll back to version ${cr.rollbackOf}` : "publish");

/**
 * Approves and applies. The request is claimed first (`open` → `applying`, once, across instances);
 * a failure that applied nothing puts it back to `open` and answers the error (a conflict included).
 */
export async function approveChangeRequest(deps: PublishingDeps, who: Actor, id: number, reason = ""): Promise<{ changeRequest: ChangeRequest; result: PublishResult | GatewayDetail }> {
  const cr = await openRequest(id);
  assertNotAuthor(cr, who, "approve");
  const claimed = await transitionChangeRequest(id, "open", "applying");
  if (!claimed) throw closed((await getChangeRequest(id)) ?? cr);
  const applier = { ...deps, user: who.name };
  let outcome: { result: PublishResult | GatewayDetail; summary: string; partial: boolean };
  try {
    if (cr.kind === "mode") {
      const gateway = await switchMode(applier, cr.gatewayId, cr.toMode!, cr.baseVersion);
      outcome = { result: gateway, summary: `${cr.gatewayName} is now in ${gateway.policyEngine?.mode}`, partial: false };
    } else {
      const label = cr.message || (cr.rollbackOf !== null ? `Roll back to version ${cr.rollbackOf}` : "Published from the console");
      const result = await publishDraft(applier, cr.gatewayId, { text: cr.text, baseVersion: cr.baseVersion, rollbackOf: cr.rollbackOf ?? undefined, author: cr.requestedBy, message: `${label} (change request #${cr.id}, approved by ${who.name})` });
      if (result.status === "failed") throw new AppError(result.failed[0].code, result.summary, result);
      outcome = { result, summary: result.summary, partial: result.status === "partial" };
    }
  } catch (e) {
    const err = toAppError(e);
    await transitionChangeRequest(id, "applying", "open");
    await recordAudit({ gatewayId: cr.gatewayId, actor: who.name, action: "change-request", summary: `Approving change request #${cr.id} (${describe(cr)} by ${cr.requestedBy}) failed; it stays open: ${err.message}`, result: "failure", details: { changeRequest: cr.id, code: err.code } });
    throw e instanceof AppError ? e : err;
  }
  const result = cr.kind === "mode" ? { mode: cr.toMode, summary: outcome.summary } : pickResult(outcome.result as PublishResult);
  const approved = (await transitionChangeRequest(id, "applying", "approved", { decidedBy: who.name, reason: reason.trim() || null, result }))!;
  await recordAudit({
    gatewayId: cr.gatewayId,
    actor: who.name,
    action: "change-request",
    summary: `Approved change request #${cr.id} (${describe(cr)} by ${cr.requestedBy})${reason.trim() ? `: ${reason.trim()}` : ""}. ${outcome.summary}`,
    result: outcome.partial ? "partial" : "success",
    details: { changeRequest: cr.id, requestedBy: cr.requestedBy, result },
  });
  return { changeRequest: approved, result: outcome.result };
}

const pickResult = (r: PublishResult) => ({ status: r.status, versionNumber: r.versionNumber, version: r.version, summary: r.summary });

export async function rejectChangeRequest(who: Actor, id: number, reason: string): Promise<ChangeRequest> {
  const cr = await openRequest(id);
  assertNotAuthor(cr, who, "reject");
  const rejected = await transitionChangeRequest(id, "open", "rejected", { decidedBy: who.name, reason });
  if (!rejected) throw closed((await getChangeRequest(id)) ?? cr);
  await recordAudit({ gatewayId: cr.gatewayId, actor: who.name, action: "change-request", summary: `Rejected change request #${cr.id} (${describe(cr)} by ${cr.requestedBy}): ${reason}`, result: "success", details: { changeRequest: cr.id, reason } });
  return rejected;
}

/** The one who asked takes it back. */
export async function withdrawChangeRequest(who: Actor, id: number): Promise<ChangeRequest> {
  const cr = await openRequest(id);
  if (cr.requestedBySubject !== who.subject) throw new AppError("forbidden", `Only ${cr.requestedBy}, who requested change request #${cr.id}, can withdraw it; a publisher can reject it.`);
  const withdrawn = await transitionChangeRequest(id, "open", "withdrawn", { decidedBy: who.name });
  if (!withdrawn) throw closed((await getChangeRequest(id)) ?? cr);
  await recordAudit({ gatewayId: cr.gatewayId, actor: who.name, action: "change-request", summary: `Withdrew change request #${cr.id} (${describe(cr)})`, result: "success", details: { changeRequest: cr.id } });
  return withdrawn;
}

/** What a reviewer sees: the request, and while it is open the same review a publish gets (or a switch's evidence). */
export interface ChangeRequestDetail {
  changeRequest: ChangeRequest;
  review: ReviewData | null;
  mode: { evidence: ModeEvidence; currentMode: EngineMode; currentVersion: string; stale: boolean } | null;
}

export async function changeRequestDetail(deps: PublishingDeps, id: number): Promise<ChangeRequestDetail> {
  const cr = await getChangeRequest(id);
  if (!cr) throw new AppError("not-found", `There is no change request #${id}.`);
  if (cr.status !== "open") return { changeRequest: cr, review: null, mode: null };
  if (cr.kind === "publish") return { changeRequest: cr, review: await reviewFor(deps, cr.gatewayId, cr.text, cr.baseVersion), mode: null };
  const gateway = await deps.loadGateway(cr.gatewayId);
  const live = await deps.cp.listPolicies(engineOf(gateway).policyEngineId);
  const currentVersion = publishedVersion(live);
  return {
    changeRequest: cr,
    review: null,
    mode: { evidence: await modeEvidenceFor(deps, cr.gatewayId, cr.toMode!), currentMode: engineOf(gateway).mode, currentVersion, stale: currentVersion !== cr.baseVersion },
  };
}
