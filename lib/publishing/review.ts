import "server-only";
import type { EngineMode, EnginePolicy, GatewayDetail } from "@/lib/agentcore/types";
import { cedar } from "@/lib/cedar/server";
import { AppError } from "@/lib/errors";
import { deleteDraft, getDraft, saveDraft } from "@/lib/store/drafts";
import { getVersion, latestVersion, recentVersions } from "@/lib/store/history";
import { loadCorpus } from "@/lib/workspace/corpus";
import { toDocument } from "@/lib/workspace/document";
import { publishedVersion } from "@/lib/workspace/published";
import type { EvidenceDeps } from "@/lib/evidence/service";
import type { PublishingDeps } from "./deps";
import { canaryEvidence, modeEvidence, publishImpact, type CanaryEvidence, type ImpactEvidence, type ModeEvidence } from "./evidence";
import { liveCanaryEvidence, liveModeEvidence } from "./live-evidence";
import { engineOf, versionEtag } from "./publish";
import { planPublish, type PublishPlan } from "./plan";

/** Everything the review screen shows, computed on the server; serialisable for the client. */
export interface ReviewData {
  gatewayName: string;
  /** The engine's mode on the gateway: publishing to ENFORCE asks for a message and a final confirmation, and with REQUIRE_APPROVAL becomes a change request. */
  engineMode: EngineMode | null;
  publishedText: string;
  draftText: string;
  /** The draft's base and what is live now; they differ when someone else published meanwhile. */
  baseVersion: string;
  currentVersion: string;
  stale: boolean;
  /** The base version's document when the history knows it (for the conflict view). */
  baseText: string | null;
  draftSaved: boolean;
  plan: PublishPlan;
  impact: ImpactEvidence;
  latestVersionNumber: number | null;
}

/** `baseOverride` overrides the draft's text and base version (a change request is reviewed against its own). */
export async function reviewFor(deps: PublishingDeps, gatewayId: string, text?: string, baseOverride?: string): Promise<ReviewData> {
  const draft = await getDraft(gatewayId);
  const { gateway, live } = await liveSet(deps, gatewayId);
  const publishedText = toDocument(live);
  const currentVersion = publishedVersion(live);
  const effectiveText = text ?? draft?.text ?? publishedText;
  const baseVersion = baseOverride ?? draft?.baseVersion ?? currentVersion;
  const plan = planPublish(cedar, { text: effectiveText, published: live, schemaJson: deps.schemaOf(gateway), tools: gateway.targets.flatMap((t) => t.tools) });
  const [corpus, latest, versions] = await Promise.all([
    loadCorpus(gatewayId),
    latestVersion(gatewayId),
    baseVersion !== currentVersion ? recentVersions(gatewayId) : Promise.resolve([]),
  ]);
  const impact = publishImpact(deps.simOf(gateway), corpus, publishedText, effectiveText);
  const base = versions.find((v) => versionEtag(v.policies) === baseVersion);
  return {
    gatewayName: gateway.name,
    engineMode: gateway.policyEngine?.mode ?? null,
    publishedText,
    draftText: effectiveText,
    baseVersion,
    currentVersion,
    stale: baseVersion !== currentVersion,
    baseText: base ? toDocument(base.policies) : null,
    draftSaved: !!draft,
    plan,
    impact,
    latestVersionNumber: latest?.version ?? null,
  };
}

async function liveSet(deps: PublishingDeps, gatewayId: string): Promise<{ gateway: GatewayDetail; live: EnginePolicy[] }> {
  const gateway = await deps.loadGateway(gatewayId);
  return { gateway, live: await deps.cp.listPolicies(engineOf(gateway).policyEngineId) };
}

/** Conflict choices: keep my text on top of the new published version, or take the published set. */
export async function resolveConflict(deps: PublishingDeps, gatewayId: string, keepText: string | null): Promise<{ text: string; baseVersion: string }> {
  const { live } = await liveSet(deps, gatewayId);
  const current = publishedVersion(live);
  if (keepText !== null) {
    const saved = await saveDraft(gatewayId, keepText, current);
    return { text: saved.text, baseVersion: saved.baseVersion };
  }
  await deleteDraft(gatewayId);
  return { text: toDocument(live), baseVersion: current };
}

/** Rollback starts as a draft: the version's document on top of what is live, then the normal review. */
export async function restoreVersionAsDraft(deps: PublishingDeps, gatewayId: string, version: number): Promise<{ text: string; baseVersion: string; reviewUrl: string }> {
  const v = await getVersion(gatewayId, version);
  if (!v) throw new AppError("not-found", `Version ${version} does not exist for this gateway.`);
  const { live } = await liveSet(deps, gatewayId);
  const text = toDocument(v.policies);
  const saved = await saveDraft(gatewayId, text, publishedVersion(live));
  return { text: saved.text, baseVersion: saved.baseVersion, reviewUrl: `/gateways/${encodeURIComponent(gatewayId)}/publish?rollbackOf=${version}` };
}

/** Real traffic over a time range, for the mode switch and canary promotion (lib/publishing/live-evidence.ts). */
export interface LiveInput {
  evidence: EvidenceDeps;
  range: { from: Date; to: Date };
}

/** With `real`, the imported calls are those of its range, and the metrics of that range come with them. */
export async function modeEvidenceFor(deps: PublishingDeps, gatewayId: string, to: EngineMode, real?: LiveInput): Promise<ModeEvidence> {
  const { gateway, live } = await liveSet(deps, gatewayId);
  const [corpus, counted] = await Promise.all([loadCorpus(gatewayId, { range: real?.range }), real ? liveModeEvidence(real.evidence, gatewayId, real.range) : undefined]);
  const evidence = modeEvidence(deps.simOf(gateway), corpus, toDocument(live), gateway.policyEngine?.mode ?? "LOG_ONLY", to);
  return counted ? { ...evidence, live: counted } : evidence;
}

export async function canaryEvidenceFor(deps: PublishingDeps, gatewayId: string, names: string[], real?: LiveInput): Promise<CanaryEvidence[]> {
  const { gateway, live } = await liveSet(deps, gatewayId);
  for (const n of names) if (!live.some((p) => p.name === n)) throw new AppError("policy-not-found", `No policy named "${n}" is published on ${gateway.name}.`);
  const evidence = await canaryEvidence(gatewayId, deps.simOf(gateway), await loadCorpus(gatewayId), toDocument(live), names);
  if (!real) return evidence;
  return Promise.all(evidence.map(async (e) => ({ ...e, live: await liveCanaryEvidence(real.evidence, gatewayId, e.policy, real.range) })));
}

/** What the overview's engine controls need: the mode, and each LOG_ONLY policy with its evidence. */
export interface EngineControlsData {
  gatewayId: string;
  gatewayName: string;
  engine: GatewayDetail["policyEngine"];
  canaries: Array<{ policy: Pick<EnginePolicy, "name" | "description" | "statement" | "enforcementMode" | "status">; evidence: CanaryEvidence }>;
}

export async function engineControlsFor(deps: PublishingDeps, gatewayId: string): Promise<EngineControlsData> {
  const gateway = await deps.loadGateway(gatewayId);
  if (!gateway.policyEngine) return { gatewayId, gatewayName: gateway.name, engine: null, canaries: [] };
  const live = await deps.cp.listPolicies(gateway.policyEngine.policyEngineId);
  const logOnly = live.filter((p) => p.enforcementMode === "LOG_ONLY");
  const corpus = logOnly.length ? await loadCorpus(gatewayId) : { calls: [], notReplayable: { count: 0, byReason: {} } };
  const evidence = await canaryEvidence(gatewayId, deps.simOf(gateway), corpus, toDocument(live), logOnly.map((p) => p.name));
  return {
    gatewayId,
    gatewayName: gateway.name,
    engine: gateway.policyEngine,
    canaries: logOnly.map((p, i) => ({ policy: { name: p.name, description: p.description, statement: p.statement, enforcementMode: p.enforcementMode, status: p.status }, evidence: evidence[i] })),
  };
}
