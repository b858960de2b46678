/**
 * CloudWatch `GetMetricData` over the fake's traffic, as @aws-sdk/client-cloudwatch 3.x sends it:
 * awsJson1_0 (`X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`, `x-amzn-query-mode`),
 * PascalCase members, timestamps in epoch seconds. Metrics live in `AWS/Bedrock-AgentCore` under
 * the dimension sets the service publishes for policy evaluation: `OperationName` + `TargetResource`
 * (the gateway), optionally with `Mode`, `Policy` (a policy id) or `ToolName`. Only MetricStat
 * queries are answered; results are paged by datapoints with `NextToken`.
 */
import type { FakeCall } from "./traffic";

export const NAMESPACE = "AWS/Bedrock-AgentCore";

export class CloudWatchError extends Error {
  constructor(
    readonly type: string,
    readonly queryCode: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Query {
  Id?: string;
  MetricStat?: { Metric?: { Namespace?: string; MetricName?: string; Dimensions?: Array<{ Name?: string; Value?: string }> }; Period?: number; Stat?: string };
  Expression?: string;
  ReturnData?: boolean;
}

type Sample = (call: FakeCall, policy: string | undefined) => number | undefined;

const one = (b: boolean) => (b ? 1 : 0);
const perPolicy = (list: (c: FakeCall) => string[]): Sample => (c, p) => (p === undefined ? list(c).length : list(c).includes(p) ? 1 : undefined);

/** What one call contributes to each metric (undefined: no datapoint for that dimension set). */
const SAMPLES: Record<string, Sample> = {
  Invocations: (_c, p) => (p === undefined ? 1 : undefined),
  Latency: (c, p) => (p === undefined ? c.latencyMs : undefined),
  AllowDecisions: (c, p) => (p === undefined ? one(c.decision === "ALLOW") : c.decision === "ALLOW" && c.determining.includes(p) ? 1 : undefined),
  DenyDecisions: (c, p) => (p === undefined ? one(c.decision === "DENY") : c.decision === "DENY" && c.determining.includes(p) ? 1 : undefined),
  NoDeterminingPolicies: (c, p) => (p === undefined ? one(c.decision === "DENY" && c.determining.length === 0) : undefined),
  DeterminingPolicies: perPolicy((c) => c.determining),
  MismatchErrors: (c, p) => (p === undefined ? one(c.mismatched.length > 0) : undefined),
  TotalMismatchedPolicies: (c, p) => (p === undefined ? c.mismatched.length : undefined),
  PolicyMismatch: (c, p) => (p === undefined ? undefined : c.mismatched.includes(p) ? 1 : undefined),
  LogOnlyMatches: perPolicy((c) => c.logOnlyMatched),
  LogOnlyDecisionFlips: perPolicy((c) => c.flips),
  LogOnlyEvalIncomplete: (_c, p) => (p === undefined ? 0 : undefined),
};

const OPTIONAL_DIMENSIONS = new Set(["Mode", "Policy", "ToolName"]);

function statistic(stat: string, values: number[]): number {
  if (stat === "Sum") return values.reduce((a, b) => a + b, 0);
  if (stat === "SampleCount") return values.length;
  if (stat === "Average") return values.reduce((a, b) => a + b, 0) / values.length;
  if (stat === "Minimum") return Math.min(...values);
  if (stat === "Maximum") return Math.max(...values);
  const p = /^p(\d{1,2}(?:\.\d+)?)$/.exec(stat);
  if (p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((Number(p[1]) / 100) * sorted.length) - 1)];
  }
  throw new CloudWatchError("InvalidParameterValueException", "InvalidParameterValue", 400, `The value ${stat} for parameter MetricDataQueries.member.MetricStat.Stat is not valid.`);
}

function series(calls: FakeCall[], q: Query, start: number, end: number): Array<[number, number]> {
  const stat = q.MetricStat!;
  const metric = stat.Metric ?? {};
  const period = Number(stat.Period);
  if (!Number.isInteger(period) || period <= 0 || (period >= 60 && period % 60 !== 0)) {
    throw new CloudWatchError("InvalidParameterValueException", "InvalidParameterValue", 400, "The parameter Period must be a multiple of 60.");
  }
  const sample = SAMPLES[metric.MetricName ?? ""] as Sample | undefined;
  const dims = new Map((metric.Dimensions ?? []).map((d) => [d.Name ?? "", d.Value ?? ""]));
  const extra = [...dims.keys()].filter((k) => k !== "OperationName" && k !== "TargetResource");
  const published = metric.Namespace === NAMESPACE && sample && dims.get("OperationName") === "AuthorizeAction" && dims.has("TargetResource") && extra.length <= 1 && extra.every((k) => OPTIONAL_DIMENSIONS.has(k));
  if (!published || !sample) return [];
  const buckets = new Map<number, number[]>();
  for (const c of calls) {
    if (c.at < start || c.at >= end || c.gatewayId !== dims.get("TargetResource")) continue;
    if (dims.has("Mode") && dims.get("Mode") !== c.mode) continue;
    if (dims.has("ToolName") && dims.get("ToolName") !== c.tool) continue;
    const v = sample(c, dims.get("Policy"));
    if (v === undefined) continue;
    const bucket = start + Math.floor((c.at - start) / (period * 1000)) * period * 1000;
    const list = buckets.get(bucket) ?? [];
    list.push(v);
    buckets.set(bucket, list);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, values]) => [t / 1000, statistic(stat.Stat ?? "", values)]);
}

/** `GetMetricData`: every query's datapoints, flattened in query order and cut into pages of `pageSize`. */
export function getMetricData(calls: FakeCall[], body: Record<string, unknown>, pageSize: number) {
  const queries = (body.MetricDataQueries as Query[] | undefined) ?? [];
  if (queries.length === 0 || queries.length > 500) {
    throw new CloudWatchError("InvalidParameterValueException", "InvalidParameterValue", 400, "MetricDataQueries must hold between 1 and 500 queries.");
  }
  const ids = new Set<string>();
  for (const q of queries) {
    if (!q.Id || !/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) throw new CloudWatchError("InvalidParameterValueException", "InvalidParameterValue", 400, `The value ${q.Id} for parameter MetricDataQueries.member.Id is not valid: it must start with a lowercase letter.`);
    if (ids.has(q.Id)) throw new CloudWatchError("InvalidParameterValueException", "InvalidParameterValue", 400, `The Id ${q.Id} is used by more than one query.`);
    ids.add(q.Id);
    if (!q.MetricStat) throw new CloudWatchError("InvalidParameterValueException", "InvalidParameterValue", 400, "The fake CloudWatch answers MetricStat queries only.");
  }
  const start = Number(body.StartTime) * 1000;
  const end = Number(body.EndTime) * 1000;
  if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) {
    throw new CloudWatchError("InvalidParameterValueException", "InvalidParameterValue", 400, "The parameter StartTime must be less than the parameter EndTime.");
  }
  const descending = body.ScanBy !== "TimestampAscending";
  const all = queries.map((q) => {
    const points = series(calls, q, start, end);
    return { id: q.Id!, label: q.MetricStat?.Metric?.MetricName ?? q.Id!, points: descending ? points.reverse() : points };
  });
  const size = Math.max(1, Math.min(Number(body.MaxDatapoints ?? 100_800) || 100_800, pageSize));
  const offset = Number(body.NextToken ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw new CloudWatchError("InvalidNextToken", "InvalidNextToken", 400, "The NextToken is not valid.");
  let seen = 0;
  const results = all.map((s) => {
    const lo = Math.max(0, offset - seen);
    const hi = Math.min(s.points.length, offset + size - seen);
    const page = hi > lo ? s.points.slice(lo, hi) : [];
    const complete = hi >= s.points.length;
    seen += s.points.length;
    return { Id: s.id, Label: s.label, Timestamps: page.map((p) => p[0]), Values: page.map((p) => p[1]), StatusCode: complete ? "Complete" : "PartialData" };
  });
  const next = offset + size < seen ? String(offset + size) : undefined;
  return { MetricDataResults: results, Messages: [], ...(next ? { NextToken: next } : {}) };
}
