process.env.DATA_DIR = "memory://simulation-api";
process.env.AGENTCORE_BACKEND = "local";

import { beforeAll, describe, expect, it } from "vitest";
import * as personaRoute from "@/app/api/gateways/[gatewayId]/personas/[name]/route";
import * as personasRoute from "@/app/api/gateways/[gatewayId]/personas/route";
import * as simulateRoute from "@/app/api/gateways/[gatewayId]/simulate/route";
import * as corpusRoute from "@/app/api/gateways/[gatewayId]/simulate/corpus/route";
import * as caseRoute from "@/app/api/gateways/[gatewayId]/suites/cases/[caseId]/route";
import * as exportRoute from "@/app/api/gateways/[gatewayId]/suites/export/route";
import * as importRoute from "@/app/api/gateways/[gatewayId]/suites/import/route";
import * as suitesRoute from "@/app/api/gateways/[gatewayId]/suites/route";
import { getControlPlane } from "@/lib/agentcore";
import { ensureGatewayClients, findClient } from "@/lib/store/clients";
import { recordDecision } from "@/lib/store/decisions";
import { callRoute } from "../support/route-call";

/** The console's JSON API for simulation, called through the route handlers as Next would call them. */

let gatewayId: string;
const call = callRoute;

const DENIED = '{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to no determining policies]"}}';
const refundCall = (amount: unknown, principal: Record<string, unknown> = { sub: "agent-7", claims: { role: "refund-agent" } }) => ({
  principal,
  request: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount } } },
});

beforeAll(async () => {
  const gateways = await (await getControlPlane()).listGateways();
  gatewayId = gateways.find((g) => g.name === "RefundGateway")!.gatewayId;
});

describe("POST /api/gateways/{id}/simulate", () => {
  const simulate = (body: unknown, headers?: Record<string, string>) => call(simulateRoute.POST, { gatewayId }, `/api/gateways/${gatewayId}/simulate`, { method: "POST", body, headers });

  it("replays calls against the published policies by default, with the exact gateway bodies in both modes", async () => {
    const r = await simulate({ calls: [refundCall(500), refundCall(2000), { principal: { sub: "x", claims: {} }, request: "{oops" }] });
    expect(r.status).toBe(200);
    const [allowed, denied, broken] = r.body.results;
    expect(allowed).toMatchObject({ decision: "ALLOW", determiningPolicies: ["refund_limit_policy"], errors: [] });
    // The local workspace runs the demo tools itself, so the replay shows the gateway's real answer.
    expect(allowed.response.ENFORCE).toEqual({ jsonrpc: "2.0", id: 1, result: { isError: false, content: [{ type: "text", text: '{"status":"success","message":"Refund of $500 processed successfully","amount":500}' }] } });
    expect(denied.decision).toBe("DENY");
    expect(JSON.stringify(denied.response.ENFORCE)).toBe(DENIED);
    expect(denied.response.LOG_ONLY).toMatchObject({ result: { isError: false } });
    expect(broken.response.ENFORCE.error.code).toBe(-32700);
    expect(broken.errors[0]).toMatch(/not valid JSON/);
  });

  it("evaluates given policy text instead, and maps claims to tags as the gateway does", async () => {
    const policies = `@id("agents_only")\npermit(principal, action in AgentCore::Action::"CallTool", resource) when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" && !principal.hasTag("exp") };`;
    const r = await simulate({ policies, calls: [refundCall(999999, { sub: "a", claims: { role: "refund-agent", exp: 1893456000 } }), refundCall(1, { sub: "b", claims: { role: "viewer" } })] });
    expect(r.body.results.map((x: { decision: string }) => x.decision)).toEqual(["ALLOW", "DENY"]);
    expect(r.body.results[0].determiningPolicies).toEqual(["agents_only"]);
    expect(r.body.results[0].cedarRequest.entities[0].tags).toEqual({ role: "refund-agent" });
  });

  it("refuses bad bodies with specific errors", async () => {
    const empty = await simulate({ calls: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain("at least one call");
    const noSub = await simulate({ calls: [{ principal: { sub: "", claims: {} }, request: {} }] });
    expect(noSub.status).toBe(400);
    expect(noSub.body.error.message).toContain("principal.sub");
    const notJson = await simulate("{");
    expect(notJson.body.error.code).toBe("invalid-json");
    const foreign = await simulate({ calls: [refundCall(1)] }, { origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    const unknown = await call(simulateRoute.POST, { gatewayId: "nope" }, "/api/gateways/nope/simulate", { method: "POST", body: { calls: [refundCall(1)] } });
    expect(unknown.status).toBe(404);
  });
});

describe("personas", () => {
  it("lists the defaults, saves, reads and deletes one, and its claims drive simulated tags", async () => {
    const list = await call(personasRoute.GET, { gatewayId }, `/api/gateways/${gatewayId}/personas`);
    expect(list.body.personas.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["refund-agent", "support-viewer", "admin"]));

    const saved = await call(personaRoute.PUT, { gatewayId, name: "auditor" }, `/api/gateways/${gatewayId}/personas/auditor`, { method: "PUT", body: { sub: "aud-1", claims: { role: "auditor", groups: ["audit", "finance"] } } });
    expect(saved.body).toEqual({ name: "auditor", type: "OAuthUser", sub: "aud-1", claims: { role: "auditor", groups: ["audit", "finance"] } });
    const one = await call(personaRoute.GET, { gatewayId, name: "auditor" }, `/api/gateways/${gatewayId}/personas/auditor`);
    expect(one.body.sub).toBe("aud-1");

    const sim = await call(simulateRoute.POST, { gatewayId }, `/api/gateways/${gatewayId}/simulate`, { method: "POST", body: { calls: [refundCall(1, { sub: saved.body.sub, claims: saved.body.claims })] } });
    expect(sim.body.results[0].cedarRequest.entities[0]).toMatchObject({ uid: { type: "AgentCore::OAuthUser", id: "aud-1" }, tags: { role: "auditor", groups: "audit finance" } });

    const badName = await call(personaRoute.PUT, { gatewayId, name: "no spaces" }, `/api/gateways/${gatewayId}/personas/no%20spaces`, { method: "PUT", body: { sub: "x", claims: {} } });
    expect(badName.status).toBe(400);
    const clients = await ensureGatewayClients(gatewayId);
    expect(clients.map((c) => c.persona)).toContain("auditor");
    expect((await call(personaRoute.DELETE, { gatewayId, name: "auditor" }, `/api/gateways/${gatewayId}/personas/auditor`, { method: "DELETE" })).body).toEqual({ deleted: "auditor" });
    // The local gateway's OAuth client for it is gone too: no more tokens for a deleted persona.
    expect(await findClient(clients.find((c) => c.persona === "auditor")!.clientId)).toBeNull();
    expect((await call(personaRoute.GET, { gatewayId, name: "auditor" }, `/api/gateways/${gatewayId}/personas/auditor`)).status).toBe(404);
  });
});

describe("suites", () => {
  const path = () => `/api/gateways/${gatewayId}/suites`;

  it("adds, changes, exports, imports and deletes cases", async () => {
    const add = (name: string, amount: number, expected: string) =>
      call(suitesRoute.POST, { gatewayId }, path(), { method: "POST", body: { suite: "refunds", name, ...refundCall(amount), expected } });
    expect((await add("small", 500, "ALLOW")).status).toBe(201);
    const big = await add("big", 2000, "ALLOW");
    const bad = await call(suitesRoute.POST, { gatewayId }, path(), { method: "POST", body: { name: "x", ...refundCall(1), expected: "MAYBE" } });
    expect(bad.status).toBe(400);

    const changed = await call(caseRoute.PATCH, { gatewayId, caseId: String(big.body.testCase.id) }, `${path()}/cases/${big.body.testCase.id}`, { method: "PATCH", body: { expected: "DENY" } });
    expect(changed.body.testCase).toMatchObject({ name: "big", expected: "DENY", suite: "refunds" });
    expect((await call(caseRoute.PATCH, { gatewayId, caseId: "99999" }, `${path()}/cases/99999`, { method: "PATCH", body: { expected: "DENY" } })).status).toBe(404);

    const listed = await call(suitesRoute.GET, { gatewayId }, `${path()}?suite=refunds`);
    expect(listed.body.suites).toContain("refunds");
    expect(listed.body.cases.map((c: { name: string }) => c.name)).toEqual(["small", "big"]);

    const exported = await call(exportRoute.GET, { gatewayId }, `${path()}/export?suite=refunds`);
    expect(exported.headers.get("content-disposition")).toContain('filename="RefundGateway-refunds.suite.json"');
    expect(exported.body).toMatchObject({ format: "policy-studio-suite/1", suite: "refunds", gateway: { name: "RefundGateway", principalType: "OAuthUser" }, cases: [{ name: "small" }, { name: "big", expected: "DENY" }] });
    expect(exported.body.gateway.tools.map((t: { name: string }) => t.name)).toContain("RefundTarget___process_refund");
    expect(exported.body.policies).toContain('@id("refund_limit_policy")');

    const imported = await call(importRoute.POST, { gatewayId }, `${path()}/import`, { method: "POST", body: { ...exported.body, suite: "copy" } });
    expect(imported.body).toEqual({ suite: "copy", imported: 2 });
    const notASuite = await call(importRoute.POST, { gatewayId }, `${path()}/import`, { method: "POST", body: { cases: [] } });
    expect(notASuite.status).toBe(400);
    expect(notASuite.body.error.message).toMatch(/format/);

    expect((await call(suitesRoute.DELETE, { gatewayId }, `${path()}?suite=copy`, { method: "DELETE" })).body).toEqual({ suite: "copy", deleted: 2 });
    expect((await call(suitesRoute.DELETE, { gatewayId }, `${path()}?suite=copy`, { method: "DELETE" })).status).toBe(404);
    expect((await call(caseRoute.DELETE, { gatewayId, caseId: String(big.body.testCase.id) }, `${path()}/cases/${big.body.testCase.id}`, { method: "DELETE" })).status).toBe(200);
  });
});

describe("GET /api/gateways/{id}/simulate/corpus", () => {
  it("answers the saved cases and the recorded calls in the shape /simulate takes", async () => {
    await recordDecision({
      gatewayId,
      clientId: null,
      persona: "refund-agent",
      principal: { sub: "refund-agent", claims: { role: "refund-agent" } },
      tool: "RefundTarget___process_refund",
      arguments: { amount: 1500 },
      decision: "DENY",
      determiningPolicies: [],
      logOnlyMatched: [],
      flips: [],
      mode: "ENFORCE",
      blocked: true,
    });
    const r = await call(corpusRoute.GET, { gatewayId }, `/api/gateways/${gatewayId}/simulate/corpus`);
    expect(r.body.recorded).toBeGreaterThanOrEqual(1);
    const recorded = r.body.calls.find((c: { source: string }) => c.source === "recorded");
    expect(recorded).toMatchObject({ label: expect.stringContaining('process_refund {"amount":1500} as refund-agent'), request: { method: "tools/call", params: { arguments: { amount: 1500 } } } });
    expect(r.body.calls.filter((c: { source: string }) => c.source === "case")).toHaveLength(r.body.cases);
    const replay = await call(simulateRoute.POST, { gatewayId }, `/api/gateways/${gatewayId}/simulate`, { method: "POST", body: { calls: [recorded] } });
    expect(replay.body.results[0].decision).toBe("DENY");
  });
});
