import "server-only";
import { AppError, toAppError } from "@/lib/errors";
import { resolveRange } from "@/lib/evidence/range";
import { gatewayMetrics, type EvidenceDeps } from "@/lib/evidence/service";
import type { MetricsResult } from "@/lib/evidence/types";
import { spanLabel } from "@/lib/simulation/corpus";
import { importedCallCounts, listImportedCalls } from "@/lib/store/imported-calls";

/**
 * Evidence from real traffic for the two risky clicks: what the metrics counted in a time range (every
 * real call, imported or not), and on AWS the calls imported from policy spans in that range. Each
 * figure that cannot be had says why (CloudWatch denied, throttled) instead of failing the confirmation.
 */

export interface EvidenceRange {
  from: string;
  to: string;
}

/** Why a figure is missing, as the API would answer it (`cloudwatch-access-denied` names the permission). */
export interface LiveError {
  code: string;
  message: string;
  help?: string;
  details?: unknown;
}

export type MetricCounts<K extends string> = { source: MetricsResult["source"]; empty: boolean; counts: Record<K, number> } | { error: LiveError };

export interface LiveModeEvidence {
  range: EvidenceRange;
  /** Spans can be imported on this backend (AWS); the local gateway records its calls itself. */
  spansAvailable: boolean;
  /** Decisions in the range as CloudWatch (or the local decision log) counted them. */
  metrics: MetricCounts<"allowed" | "denied">;
}

/** An imported call named in the evidence, replayable or not. */
export interface LiveCall {
  label: string;
  at: string;
  decision: "ALLOW" | "DENY";
  /** Why it cannot be re-evaluated (empty: it can). */
  missing: string[];
}

export interface LiveCanaryEvidence {
  range: EvidenceRange;
  spansAvailable: boolean;
  /** `LogOnlyDecisionFlips` and `LogOnlyMatches` for this policy (dimension `Policy`) over the range. */
  metrics: MetricCounts<"flips" | "matches">;
  /** Imported calls of the range in which AgentCore reported this policy as flipping the decision, newest first. */
  calls: { count: number; items: LiveCall[] };
}

const WEEK = 7 * 86_400_000;
const SHOWN = 25;

/** A checked range for evidence (1 hour to 30 days); without one, the last 7 days. */
export function evidenceRange(input: { from?: string; to?: string }, now = new Date()): { from: Date; to: Date } {
  const to = input.to ?? now.toISOString();
  const from = input.from ?? new Date(Date.parse(to) - WEEK).toISOString();
  resolveRange({ from, to }, now);
  return { from: new Date(from), to: new Date(to) };
}

const iso = (r: { from: Date; to: Date }): EvidenceRange => ({ from: r.from.toISOString(), to: r.to.toISOString() });

async function metricCounts<K extends string>(deps: EvidenceDeps, gatewayId: string, range: { from: Date; to: Date }, wanted: Record<K, { metric: string; policy?: string }>): Promise<MetricCounts<K>> {
  try {
    const m = await gatewayMetrics(deps, gatewayId, iso(range));
    const sum = ({ metric, policy }: { metric: string; policy?: string }) =>
      m.series.find((s) => s.metric === metric && s.stat === "Sum" && s.dimensions.Policy === policy)?.points.reduce((n, [, v]) => n + v, 0) ?? 0;
    const counts = Object.fromEntries(Object.entries<{ metric: string; policy?: string }>(wanted).map(([k, w]) => [k, sum(w)])) as Record<K, number>;
    return { source: m.source, empty: m.empty, counts };
  } catch (e) {
    if (!(e instanceof AppError)) console.error("evidence metrics failed", e);
    const err = toAppError(e);
    return { error: { code: err.code, message: err.message, ...(err.help ? { help: err.help } : {}), ...(err.details === undefined ? {} : { details: err.details }) } };
  }
}

export async function liveModeEvidence(deps: EvidenceDeps, gatewayId: string, range: { from: Date; to: Date }): Promise<LiveModeEvidence> {
  const metrics = await metricCounts(deps, gatewayId, range, { allowed: { metric: "AllowDecisions" }, denied: { metric: "DenyDecisions" } });
  return { range: iso(range), spansAvailable: deps.clients !== null, metrics };
}

export async function liveCanaryEvidence(deps: EvidenceDeps, gatewayId: string, policy: string, range: { from: Date; to: Date }): Promise<LiveCanaryEvidence> {
  const filter = { ...range, flippedBy: policy };
  const [metrics, rows, counts] = await Promise.all([
    metricCounts(deps, gatewayId, range, { flips: { metric: "LogOnlyDecisionFlips", policy }, matches: { metric: "LogOnlyMatches", policy } }),
    listImportedCalls(gatewayId, { ...filter, limit: SHOWN }, deps.db),
    importedCallCounts(gatewayId, filter, deps.db),
  ]);
  const items = rows.map((r) => ({ label: spanLabel(r), at: r.at.toISOString(), decision: r.decision, missing: r.missing }));
  return { range: iso(range), spansAvailable: deps.clients !== null, metrics, calls: { count: counts.total, items } };
}
