/**
 * The series the console charts, the same for CloudWatch and the local decision log. Metric names,
 * dimensions and the namespace are AgentCore's (developer guide, "AgentCore generated Policy …
 * observability data"): policy evaluations are `OperationName=AuthorizeAction` for one gateway
 * (`TargetResource`), per-policy series add `Policy`.
 */
import type { MetricStatistic } from "./types";

export const NAMESPACE = "AWS/Bedrock-AgentCore";
export const OPERATION = "AuthorizeAction";

export interface SeriesSpec {
  metric: string;
  stat: MetricStatistic;
  perPolicy: boolean;
}

export const GATEWAY_SERIES: SeriesSpec[] = [
  { metric: "AllowDecisions", stat: "Sum", perPolicy: false },
  { metric: "DenyDecisions", stat: "Sum", perPolicy: false },
  { metric: "NoDeterminingPolicies", stat: "Sum", perPolicy: false },
  { metric: "MismatchErrors", stat: "Sum", perPolicy: false },
  { metric: "Latency", stat: "Average", perPolicy: false },
  { metric: "Latency", stat: "p99", perPolicy: false },
];

export const POLICY_SERIES: SeriesSpec[] = [
  { metric: "DeterminingPolicies", stat: "Sum", perPolicy: true },
  { metric: "LogOnlyMatches", stat: "Sum", perPolicy: true },
  { metric: "LogOnlyDecisionFlips", stat: "Sum", perPolicy: true },
];

/** The `TargetResource` dimension of a gateway's policy metrics: the gateway id. */
export const targetResource = (gatewayId: string) => gatewayId;

/** Every series for a gateway and its engine's policies, in chart order. */
export function seriesFor(gatewayId: string, policyNames: string[]): Array<{ spec: SeriesSpec; dimensions: Record<string, string> }> {
  const base = { TargetResource: targetResource(gatewayId) };
  return [
    ...GATEWAY_SERIES.map((spec) => ({ spec, dimensions: base })),
    ...POLICY_SERIES.flatMap((spec) => policyNames.map((name) => ({ spec, dimensions: { ...base, Policy: name } }))),
  ];
}

export const isCount = (stat: MetricStatistic) => stat === "Sum";
