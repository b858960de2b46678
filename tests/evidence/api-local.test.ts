process.env.DATA_DIR = "memory://evidence-api-local";
process.env.AGENTCORE_BACKEND = "local";

import { beforeAll, describe, expect, it } from "vitest";
import { GET as metrics } from "@/app/api/gateways/[gatewayId]/metrics/route";
import { POST as startImport } from "@/app/api/gateways/[gatewayId]/decisions/import/route";
import { getControlPlane } from "@/lib/agentcore";
import type { MetricSeries, MetricsResult } from "@/lib/evidence/types";
import { recordDecisions, type NewDecision } from "@/lib/store/decisions";

const REFUND = "RefundTarget___process_refund";
const HOUR = 3_600_000;
const to = Math.floor(Date.now() / HOUR) * HOUR;
const from = to - 6 * HOUR;
let gatewayId: string;
let policy: string;

const ctx = <P>(p: P) => ({ params: Promise.resolve(p) });
const get = (q: string) => metrics(new Request(`http://127.0.0.1:3000/x?${q}`), ctx({ gatewayId }));
const total = (s: MetricSeries | undefined) => (s?.points ?? []).reduce((n, [, v]) => n + v, 0);

function decision(at: number, over: Partial<NewDecision>): NewDecision {
  return {
    gatewayId,
    clientId: null,
    persona: "refund-agent",
    principal: { sub: "agent-1", claims: { role: "refund-agent" } },
    tool: REFUND,
    arguments: { amount: 10 },
    decision: "ALLOW",
    determiningPolicies: [policy],
    logOnlyMatched: [],
    flips: [],
    mode: "ENFORCE",
    blocked: false,
    at: new Date(at),
    ...over,
  };
}

beforeAll(async () => {
  const cp = await getControlPlane();
  const g = (await cp.listGateways()).find((x) => x.name === "RefundGateway")!;
  gatewayId = g.gatewayId;
  policy = (await cp.listPolicies(g.policyEngine!.policyEngineId))[0].name;
  await recordDecisions([
    decision(from + 10 * 60_000, {}),
    decision(from + 20 * 60_000, {}),
    decision(from + 2 * HOUR + 5 * 60_000, { decision: "DENY", determiningPolicies: [], blocked: true }),
    decision(from + 3 * HOUR, { decision: "DENY", determiningPolicies: [], logOnlyMatched: [policy], flips: [policy] }),
    decision(from + 4 * HOUR, { mode: "NONE", determiningPolicies: [] }), // no engine then: never policy-evaluated
    decision(from - HOUR, {}), // outside the range
  ]);
});

describe("GET …/metrics on the local workspace", () => {
  it("answers the CloudWatch series shape counted from the decision log", async () => {
    const res = await get(`from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&period=3600`);
    expect(res.status).toBe(200);
    const m = (await res.json()) as MetricsResult;
    expect(m).toMatchObject({ source: "decision-log", period: 3600, empty: false });
    const find = (metric: string, p?: string) => m.series.find((s) => s.metric === metric && s.dimensions.Policy === p);
    expect(find("AllowDecisions")).toEqual({
      metric: "AllowDecisions",
      stat: "Sum",
      dimensions: { TargetResource: gatewayId },
      points: [0, 1, 2, 3, 4, 5].map((h) => [new Date(from + h * HOUR).toISOString(), h === 0 ? 2 : 0]),
    });
    expect(total(find("DenyDecisions"))).toBe(2);
    expect(total(find("NoDeterminingPolicies"))).toBe(2);
    expect(total(find("DeterminingPolicies", policy))).toBe(2);
    expect(total(find("LogOnlyMatches", policy))).toBe(1);
    expect(total(find("LogOnlyDecisionFlips", policy))).toBe(1);
    expect(m.unavailable.map((u) => u.metric)).toEqual(["MismatchErrors", "Latency"]);
  });

  it("says when the range holds no decisions", async () => {
    const m = (await (await get(`from=${new Date(to - 30 * 86_400_000).toISOString()}&to=${new Date(to - 20 * 86_400_000).toISOString()}`)).json()) as MetricsResult;
    expect(m.empty).toBe(true);
  });

  it("answers 400 with the reason for a bad range or period, and 404 for an unknown gateway", async () => {
    for (const [q, message] of [
      ["period=abc", /period/],
      ["from=last-week", /ISO-8601/],
      [`from=${new Date(to).toISOString()}&to=${new Date(from).toISOString()}`, /must be before/],
      [`from=${new Date(to - 40 * 86_400_000).toISOString()}&to=${new Date(to).toISOString()}`, /at most 30 days/],
    ] as const) {
      const res = await get(q);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
    const missing = await metrics(new Request("http://127.0.0.1:3000/x"), ctx({ gatewayId: "nope-0000000000" }));
    expect(missing.status).toBe(404);
  });

  it("does not import spans: the local workspace records its own calls", async () => {
    const res = await startImport(
      new Request("http://127.0.0.1:3000/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ from: new Date(from).toISOString(), to: new Date(to).toISOString() }) }),
      ctx({ gatewayId }),
    );
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: "not-available", message: expect.stringContaining("Decisions tab") });
  });
});
