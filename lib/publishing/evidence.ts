import "server-only";
import type { EngineMode, GatewayDetail } from "@/lib/agentcore/types";
import { listDecisions, toRecordedCall } from "@/lib/store/decisions";
import { listTestCases } from "@/lib/store/test-cases";
import { simGatewayOf, simulate } from "@/lib/simulation/server";
import type { SimCall } from "@/lib/simulation/types";
import { principalKind } from "@/lib/workspace/schema";

/**
 * The evidence shown before a risky click, computed on the server with the simulation's replay over
 * the gateway's saved test cases and its most recent recorded calls (the local gateway's decision log).
 */

export const RECORDED_LIMIT = 500;
const SHOWN = 25;

export interface EvidenceItem {
  source: "case" | "recorded";
  label: string;
  tool: string;
  /** Identical recorded calls are folded into one item. */
  count: number;
  from?: "ALLOW" | "DENY";
  to?: "ALLOW" | "DENY";
}

interface LabelledCall extends SimCall {
  source: "case" | "recorded";
  label: string;
  tool: string;
  count: number;
}

export interface CallSample {
  calls: LabelledCall[];
  cases: number;
  recorded: number;
}

/** Saved cases, then recorded calls (identical ones folded, newest first). */
export async function sampleCalls(gatewayId: string): Promise<CallSample> {
  const [cases, decisions] = await Promise.all([listTestCases(gatewayId), listDecisions(gatewayId, { limit: RECORDED_LIMIT })]);
  const calls: LabelledCall[] = cases.map((c) => ({
    source: "case",
    principal: c.principal,
    request: c.request,
    label: `case "${c.name}" (${c.suite})`,
    tool: toolOf(c.request),
    count: 1,
  }));
  const folded = new Map<string, LabelledCall>();
  for (const d of decisions) {
    const key = JSON.stringify([d.principal, d.tool, d.arguments]);
    const hit = folded.get(key);
    if (hit) {
      hit.count++;
      continue;
    }
    const rec = toRecordedCall(d);
    folded.set(key, {
      source: "recorded",
      principal: rec.principal,
      request: rec.request,
      label: `${d.tool.split("___").pop()} ${JSON.stringify(d.arguments)} as ${d.persona ?? d.principal.sub}`,
      tool: d.tool,
      count: 1,
    });
  }
  calls.push(...folded.values());
  return { calls, cases: cases.length, recorded: decisions.length };
}

function toolOf(request: unknown): string {
  const name = (request as { params?: { name?: unknown } } | null)?.params?.name;
  return typeof name === "string" ? name : "?";
}

function simGateway(gateway: GatewayDetail, schemaJson: Record<string, unknown>) {
  // The simulation reads the schema and the principal type from the editor context; nothing else.
  return simGatewayOf({ gateway, context: { schemaJson, principalType: principalKind(gateway) } as never });
}

export interface ModeEvidence {
  from: EngineMode;
  to: EngineMode;
  cases: number;
  recorded: number;
  /** Calls the published policies deny: blocked under ENFORCE, let through under LOG_ONLY. */
  denied: { cases: number; recorded: number; items: EvidenceItem[]; more: number };
  recommendation: string;
}

export async function modeEvidence(gateway: GatewayDetail, schemaJson: Record<string, unknown>, publishedText: string, to: EngineMode): Promise<ModeEvidence> {
  const sample = await sampleCalls(gateway.gatewayId);
  const { results } = simulate(simGateway(gateway, schemaJson), publishedText, sample.calls);
  const denied = sample.calls.map((c, i) => ({ c, r: results[i] })).filter(({ r }) => r.decision === "DENY");
  const items = denied.map(({ c }) => ({ source: c.source, label: c.label, tool: c.tool, count: c.count }));
  const from: EngineMode = gateway.policyEngine?.mode ?? "LOG_ONLY";
  return {
    from,
    to,
    cases: sample.cases,
    recorded: sample.recorded,
    denied: {
      cases: denied.filter(({ c }) => c.source === "case").length,
      recorded: denied.filter(({ c }) => c.source === "recorded").reduce((n, { c }) => n + c.count, 0),
      items: items.slice(0, SHOWN),
      more: Math.max(0, items.length - SHOWN),
    },
    recommendation:
      to === "ENFORCE"
        ? sample.cases + sample.recorded === 0
          ? "There is no evidence yet: no saved cases and no recorded calls. Stay in LOG_ONLY, send real traffic, and switch once the decision log shows no surprises."
          : "These calls go through today and will fail once enforced. Check each one is meant to be denied; if not, fix the policies and publish first (AWS recommends LOG_ONLY first)."
        : "In LOG_ONLY nothing is enforced: every call goes through and decisions are only logged.",
  };
}

export interface ImpactEvidence {
  cases: number;
  recorded: number;
  flips: EvidenceItem[];
  allowToDeny: number;
  denyToAllow: number;
  more: number;
  problems: string[];
}

/** Decisions that differ between the published set and the draft, over saved cases and recorded calls. */
export async function publishImpact(gateway: GatewayDetail, schemaJson: Record<string, unknown>, publishedText: string, draftText: string): Promise<ImpactEvidence> {
  const sample = await sampleCalls(gateway.gatewayId);
  const g = simGateway(gateway, schemaJson);
  const before = simulate(g, publishedText, sample.calls);
  const after = simulate(g, draftText, sample.calls);
  const flips: EvidenceItem[] = [];
  sample.calls.forEach((c, i) => {
    const from = before.results[i].decision;
    const to = after.results[i].decision;
    if (from !== to) flips.push({ source: c.source, label: c.label, tool: c.tool, count: c.count, from, to });
  });
  return {
    cases: sample.cases,
    recorded: sample.recorded,
    flips: flips.slice(0, SHOWN),
    more: Math.max(0, flips.length - SHOWN),
    allowToDeny: flips.filter((f) => f.from === "ALLOW").reduce((n, f) => n + f.count, 0),
    denyToAllow: flips.filter((f) => f.from === "DENY").reduce((n, f) => n + f.count, 0),
    problems: after.problems.map((p) => `${p.id}: ${p.message}`),
  };
}

export interface CanaryEvidence {
  policy: string;
  /** Replayed: calls whose decision this LOG_ONLY policy would flip were it ACTIVE. */
  flips: EvidenceItem[];
  flipCount: number;
  /** Live: recorded calls in which the gateway reported this policy in the decision-flip set. */
  recordedFlips: number;
  sampled: { cases: number; recorded: number };
}

/** For each LOG_ONLY policy of the published set: what promoting it to ACTIVE would change. */
export async function canaryEvidence(gateway: GatewayDetail, schemaJson: Record<string, unknown>, publishedText: string, policyNames: string[]): Promise<CanaryEvidence[]> {
  if (policyNames.length === 0) return [];
  const [sample, decisions] = await Promise.all([sampleCalls(gateway.gatewayId), listDecisions(gateway.gatewayId, { limit: RECORDED_LIMIT })]);
  const { results } = simulate(simGateway(gateway, schemaJson), publishedText, sample.calls);
  return policyNames.map((policy) => {
    const flips: EvidenceItem[] = [];
    sample.calls.forEach((c, i) => {
      const r = results[i];
      if (r.logOnly.flips.includes(policy)) flips.push({ source: c.source, label: c.label, tool: c.tool, count: c.count, from: r.decision, to: r.decision === "ALLOW" ? "DENY" : "ALLOW" });
    });
    return {
      policy,
      flips: flips.slice(0, SHOWN),
      flipCount: flips.reduce((n, f) => n + f.count, 0),
      recordedFlips: decisions.filter((d) => d.flips.includes(policy)).length,
      sampled: { cases: sample.cases, recorded: sample.recorded },
    };
  });
}
