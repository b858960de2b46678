import "server-only";
import { GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { EvidenceClients } from "./aws-clients";
import { mapCloudWatchError } from "./aws-errors";
import { isCount, NAMESPACE, OPERATION, seriesFor } from "./catalog";
import { fillPoints } from "./range";
import type { MetricSeries, MetricsResult, TimeRange } from "./types";

/** GetMetricData takes at most 500 queries per request. */
const QUERIES_PER_REQUEST = 500;

export interface PolicyRef {
  policyId: string;
  name: string;
}

/**
 * A gateway's policy metrics from CloudWatch over a range, every page of every query merged by id.
 * Per-policy series are asked for each policy of the engine (the `Policy` dimension is the policy id)
 * and labelled with the policy's name, as the local source labels them.
 */
export async function cloudWatchMetrics(clients: EvidenceClients, gatewayId: string, policies: PolicyRef[], range: TimeRange): Promise<MetricsResult> {
  const wanted = seriesFor(gatewayId, policies.map((p) => p.name));
  const idOfName = new Map(policies.map((p) => [p.name, p.policyId]));
  const queries: MetricDataQuery[] = wanted.map(({ spec, dimensions }, i) => {
    const dims = [
      { Name: "OperationName", Value: OPERATION },
      { Name: "TargetResource", Value: dimensions.TargetResource },
      ...(dimensions.Policy ? [{ Name: "Policy", Value: idOfName.get(dimensions.Policy) ?? dimensions.Policy }] : []),
    ];
    return { Id: `q${i}`, MetricStat: { Metric: { Namespace: NAMESPACE, MetricName: spec.metric, Dimensions: dims }, Period: range.period, Stat: spec.stat }, ReturnData: true };
  });
  const values = new Map<string, Map<number, number>>();
  for (let i = 0; i < queries.length; i += QUERIES_PER_REQUEST) {
    let NextToken: string | undefined;
    do {
      const page = await clients.cloudwatch
        .send(new GetMetricDataCommand({ MetricDataQueries: queries.slice(i, i + QUERIES_PER_REQUEST), StartTime: range.from, EndTime: range.to, ScanBy: "TimestampAscending", NextToken }))
        .catch((e: unknown) => {
          throw mapCloudWatchError(e, { permission: "cloudwatch:GetMetricData", endpointHost: clients.cloudwatchHost, region: clients.region });
        });
      for (const r of page.MetricDataResults ?? []) {
        const map = values.get(r.Id ?? "") ?? new Map<number, number>();
        (r.Timestamps ?? []).forEach((t, k) => map.set(t.getTime(), r.Values?.[k] ?? 0));
        values.set(r.Id ?? "", map);
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  const series: MetricSeries[] = wanted.map(({ spec, dimensions }, i) => ({
    metric: spec.metric,
    stat: spec.stat,
    dimensions,
    points: fillPoints(range, values.get(`q${i}`) ?? new Map(), isCount(spec.stat)),
  }));
  const empty = [...values.values()].every((m) => m.size === 0);
  return { source: "cloudwatch", from: range.from.toISOString(), to: range.to.toISOString(), period: range.period, series, empty, unavailable: [] };
}
