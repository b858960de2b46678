import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { gatewayMetrics, type EvidenceDeps } from "@/lib/evidence/service";
import type { MetricSeries } from "@/lib/evidence/types";
import { startFakeAgentCore, type FakeAgentCore } from "../../scripts/fake-agentcore/server";
import { anchor, depsFor, fault, HOUR, PAYMENTS, traffic } from "./support";

let fake: FakeAgentCore;
let deps: EvidenceDeps;
const to = anchor();
const from = to - 24 * HOUR;
const range = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };

const total = (s: MetricSeries | undefined) => (s?.points ?? []).reduce((n, [, v]) => n + v, 0);
const find = (series: MetricSeries[], metric: string, policy?: string, stat = "Sum") => series.find((s) => s.metric === metric && s.stat === stat && s.dimensions.Policy === policy);

beforeAll(async () => {
  fake = await startFakeAgentCore({ delayMs: 10 });
  deps = await depsFor(fake, "memory://evidence-metrics");
});
afterAll(() => fake?.close());
beforeEach(async () => {
  await fetch(`${fake.url}/__fake/reset`, { method: "POST" });
  await traffic(fake, { from: range.from, to: range.to, count: 1500, metricsPageSize: 100 });
});

describe("gateway metrics from CloudWatch through the real SDK", () => {
  it("follow GetMetricData pages and agree with the traffic the spans describe", async () => {
    const m = await gatewayMetrics(deps, PAYMENTS, range);
    expect(m).toMatchObject({ source: "cloudwatch", period: 300, empty: false, unavailable: [] });
    expect(fake.state.calls.filter((c) => c.operation === "GetMetricData").length).toBeGreaterThan(5);
    const allow = find(m.series, "AllowDecisions");
    const deny = find(m.series, "DenyDecisions");
    expect(allow?.dimensions).toEqual({ TargetResource: PAYMENTS });
    expect(allow?.points).toHaveLength(288);
    expect(allow!.points[0][0]).toBe(range.from.replace(".000Z", ".000Z"));
    expect(total(allow) + total(deny)).toBe(1500);
    // Denials with no determining policy are the default-deny ones: every deny here (the seed only permits).
    expect(total(find(m.series, "NoDeterminingPolicies"))).toBe(total(deny));
    expect(total(find(m.series, "DeterminingPolicies", "payment_limit"))).toBe(total(allow));
    const latency = find(m.series, "Latency", undefined, "Average")!;
    expect(latency.points.length).toBeGreaterThan(0);
    expect(latency.points.every(([, v]) => v >= 8 && v <= 48)).toBe(true);
  });

  it("label a LOG_ONLY policy's matches and decision flips with the policy's name", async () => {
    fake.state.policies.push({
      ...fake.state.policies[0],
      policyId: "getpayments-q1w2e3r4t5",
      name: "get_payments_canary",
      statement: 'permit(principal, action == AgentCore::Action::"PaymentsTarget___get_payment", resource) when { principal.hasTag("role") && principal.getTag("role") == "billing-agent" };',
      enforcementMode: "LOG_ONLY",
    });
    const m = await gatewayMetrics(deps, PAYMENTS, range);
    const matches = total(find(m.series, "LogOnlyMatches", "get_payments_canary"));
    const flips = total(find(m.series, "LogOnlyDecisionFlips", "get_payments_canary"));
    expect(matches).toBeGreaterThan(0);
    // Every call it matches is a default-deny today: promoting it would flip each one.
    expect(flips).toBe(matches);
    expect(total(find(m.series, "LogOnlyMatches", "payment_limit"))).toBe(0);
  });

  it("say there is no data when the range holds no calls", async () => {
    await traffic(fake, { count: 0 });
    const m = await gatewayMetrics(deps, PAYMENTS, range);
    expect(m.empty).toBe(true);
    expect(total(find(m.series, "AllowDecisions"))).toBe(0);
  });

  it("ride out throttling with the SDK's retries, then say to retry and when", async () => {
    await fault(fake, "GetMetricData", "ThrottlingException", 400, 2);
    await expect(gatewayMetrics(deps, PAYMENTS, range)).resolves.toMatchObject({ empty: false });
    await fault(fake, "GetMetricData", "ThrottlingException", 400, 10);
    await expect(gatewayMetrics(deps, PAYMENTS, range)).rejects.toMatchObject({ code: "cloudwatch-throttled", status: 429, details: { retryAfterSeconds: 5 } });
  });

  it("name the missing permission when CloudWatch denies access", async () => {
    await fault(fake, "GetMetricData", "AccessDeniedException", 403);
    const err = await gatewayMetrics(deps, PAYMENTS, range).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "cloudwatch-access-denied", status: 403, details: { permission: "cloudwatch:GetMetricData" } });
    expect((err as Error).message).toContain("cloudwatch:GetMetricData");
    expect((err as Error).message).not.toContain("test-secret");
  });
});
