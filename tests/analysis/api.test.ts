process.env.DATA_DIR = "memory://analysis-api";
process.env.AGENTCORE_BACKEND = "local";

import { beforeAll, describe, expect, it } from "vitest";
import * as analysisRoute from "@/app/api/gateways/[gatewayId]/analysis/route";
import * as draftRoute from "@/app/api/gateways/[gatewayId]/draft/route";
import * as simulateRoute from "@/app/api/gateways/[gatewayId]/simulate/route";
import { getControlPlane } from "@/lib/agentcore";
import { refundPolicyStatement } from "@/lib/demo/tools";
import { toSimulateCall, type ToolComparison } from "@/lib/analysis/types";
import { callRoute } from "../support/route-call";

/** The analysis JSON API, called through the route handlers as Next calls them. */

const REFUND = "RefundTarget___process_refund";
let gatewayId: string;
let arn: string;
const call = callRoute;

const analysis = (body: unknown, headers?: Record<string, string>, id = gatewayId) => call(analysisRoute.POST, { gatewayId: id }, `/api/gateways/${id}/analysis`, { method: "POST", body, headers });
const raised = () => `@id("refund_limit_policy")\n${refundPolicyStatement(arn).replace("< 1000", "< 1500")}\n`;

beforeAll(async () => {
  const g = (await (await getControlPlane()).listGateways()).find((x) => x.name === "RefundGateway")!;
  gatewayId = g.gatewayId;
  arn = g.gatewayArn;
});

describe("POST /api/gateways/{id}/analysis", () => {
  it("answers tools, findings and elapsedMs for a given draft; every example replays as is through /simulate", async () => {
    const r = await analysis({ text: raised() });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tools: expect.any(Array), findings: expect.any(Array), elapsedMs: expect.any(Number), soundness: [] });
    const refund = r.body.tools.find((t: ToolComparison) => t.tool === REFUND) as ToolComparison;
    expect(refund).toMatchObject({ relation: "more-permissive", newlyDenied: [] });
    const calls = refund.newlyAllowed.map((ex) => toSimulateCall(REFUND, ex));
    const published = await call(simulateRoute.POST, { gatewayId }, `/api/gateways/${gatewayId}/simulate`, { method: "POST", body: { calls } });
    const draft = await call(simulateRoute.POST, { gatewayId }, `/api/gateways/${gatewayId}/simulate`, { method: "POST", body: { calls, policies: raised() } });
    expect(published.body.results.map((x: { decision: string }) => x.decision)).toEqual(calls.map(() => "DENY"));
    expect(draft.body.results.map((x: { decision: string }) => x.decision)).toEqual(calls.map(() => "ALLOW"));
  });

  it("defaults to the saved draft", async () => {
    const saved = await call(draftRoute.PUT, { gatewayId }, `/api/gateways/${gatewayId}/draft`, { method: "PUT", body: { text: `@id("refund_limit_policy")\n${refundPolicyStatement(arn).replace("< 1000", "< 10")}\n` } });
    expect(saved.status).toBe(200);
    const r = await analysis({});
    expect(r.body.tools.find((t: ToolComparison) => t.tool === REFUND).relation).toBe("more-restrictive");
    expect(r.body.personas.length).toBeGreaterThan(0);
  });

  it("refuses bad bodies, foreign origins and unknown gateways with specific errors", async () => {
    const bad = await analysis({ text: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("text");
    expect((await analysis("{")).body.error.code).toBe("invalid-json");
    expect((await analysis({}, { origin: "http://evil.example" })).status).toBe(403);
    expect((await analysis({}, undefined, "nope")).status).toBe(404);
  });
});
