import "server-only";
import type { Db } from "@/lib/store/db";
import { decisionBuckets, policyBuckets, type PolicyBucket } from "@/lib/store/decision-metrics";
import { seriesFor } from "./catalog";
import { fillPoints } from "./range";
import type { MetricsResult, TimeRange } from "./types";

const POLICY_KIND: Record<string, PolicyBucket["kind"]> = { DeterminingPolicies: "determining", LogOnlyMatches: "logOnlyMatched", LogOnlyDecisionFlips: "flip" };

const NOT_RECORDED = [
  { metric: "MismatchErrors", reason: "The local decision log does not record policy evaluation errors." },
  { metric: "Latency", reason: "The local decision log does not record latency." },
];

/** The same series as CloudWatch's, counted from the local gateway's decision log. */
export async function decisionLogMetrics(gatewayId: string, policyNames: string[], range: TimeRange, db?: Db): Promise<MetricsResult> {
  const [decisions, perPolicy] = await Promise.all([
    decisionBuckets(gatewayId, range.from, range.to, range.period, db),
    policyBuckets(gatewayId, range.from, range.to, range.period, db),
  ]);
  const gatewayValues: Record<string, Map<number, number>> = {
    AllowDecisions: new Map(decisions.map((b) => [b.bucket, b.allow])),
    DenyDecisions: new Map(decisions.map((b) => [b.bucket, b.deny])),
    NoDeterminingPolicies: new Map(decisions.map((b) => [b.bucket, b.noDetermining])),
  };
  const series = seriesFor(gatewayId, policyNames).flatMap(({ spec, dimensions }) => {
    let values: Map<number, number> | undefined;
    if (spec.perPolicy) {
      values = new Map(perPolicy.filter((b) => b.policy === dimensions.Policy && b.kind === POLICY_KIND[spec.metric]).map((b) => [b.bucket, b.count]));
    } else values = gatewayValues[spec.metric];
    return values ? [{ metric: spec.metric, stat: spec.stat, dimensions, points: fillPoints(range, values, true) }] : [];
  });
  return {
    source: "decision-log",
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    period: range.period,
    series,
    empty: decisions.length === 0,
    unavailable: NOT_RECORDED,
  };
}
