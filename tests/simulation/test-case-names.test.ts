process.env.DATA_DIR = "memory://simulation-test-case-names";
process.env.AGENTCORE_BACKEND = "local";

import { beforeAll, describe, expect, it } from "vitest";
import * as decisionCaseRoute from "@/app/api/gateways/[gatewayId]/decisions/[decisionId]/test-case/route";
import * as caseRoute from "@/app/api/gateways/[gatewayId]/suites/cases/[caseId]/route";
import * as importRoute from "@/app/api/gateways/[gatewayId]/suites/import/route";
import * as suitesRoute from "@/app/api/gateways/[gatewayId]/suites/route";
import { getControlPlane } from "@/lib/agentcore";
import { recordDecision } from "@/lib/store/decisions";
import { callRoute as call } from "../support/route-call";

/** Test cases can be told apart: one name per case in a suite, through the JSON API the UI uses. */

let gatewayId: string;
const TOOL = "RefundTarget___process_refund";
const agent = { sub: "agent-7", claims: { role: "refund-agent" } };
const refund = (amount: number) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: TOOL, arguments: { amount } } });
const suites = () => `/api/gateways/${gatewayId}/suites`;
const post = (body: Record<string, unknown>) => call(suitesRoute.POST, { gatewayId }, suites(), { method: "POST", body: { principal: agent, request: refund(1), expected: "ALLOW", ...body } });

async function record(amount: number, decision: "ALLOW" | "DENY") {
  return recordDecision({ gatewayId, clientId: null, persona: "refund-agent", principal: agent, tool: TOOL, arguments: { amount }, decision, determiningPolicies: [], logOnlyMatched: [], flips: [], mode: "ENFORCE", blocked: decision === "DENY" });
}
const fromLog = (id: number, body: Record<string, unknown> = {}) =>
  call(decisionCaseRoute.POST, { gatewayId, decisionId: String(id) }, `/api/gateways/${gatewayId}/decisions/${id}/test-case`, { method: "POST", body });

beforeAll(async () => {
  gatewayId = (await (await getControlPlane()).listGateways()).find((g) => g.name === "RefundGateway")!.gatewayId;
});

describe("POST /api/gateways/{id}/suites: names are unique within a suite", () => {
  it("refuses a given name the suite has with 409 conflict and a free name to use; another suite may have it", async () => {
    expect((await post({ suite: "names", name: "small refund" })).status).toBe(201);
    const again = await post({ suite: "names", name: "small refund", request: refund(2) });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", message: 'Suite "names" already has a case named "small refund".', details: { suite: "names", name: "small refund", free: "small refund (2)" } });
    expect((await post({ suite: "other", name: "small refund" })).status).toBe(201);
    const listed = await call(suitesRoute.GET, { gatewayId }, `${suites()}?suite=names`);
    expect(listed.body.cases.map((c: { name: string }) => c.name)).toEqual(["small refund"]);
  });

  it("numbers a made-up name (ifNameTaken: number) instead: (2), (3)", async () => {
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await post({ suite: "numbered", name: 'process_refund {"amount":1} as refund-agent', ifNameTaken: "number" })).body.testCase.name);
    expect(names).toEqual(['process_refund {"amount":1} as refund-agent', 'process_refund {"amount":1} as refund-agent (2)', 'process_refund {"amount":1} as refund-agent (3)']);
    expect((await post({ suite: "numbered", name: "x", ifNameTaken: "sometimes" })).status).toBe(400);
  });

  it("refuses a rename or a move onto a taken name (PATCH), and allows keeping one's own name", async () => {
    const a = (await post({ suite: "patch", name: "a" })).body.testCase;
    const b = (await post({ suite: "patch", name: "b" })).body.testCase;
    const elsewhere = (await post({ suite: "patch-2", name: "a" })).body.testCase;
    const patch = (id: number, body: unknown) => call(caseRoute.PATCH, { gatewayId, caseId: String(id) }, `${suites()}/cases/${id}`, { method: "PATCH", body });
    const rename = await patch(b.id, { name: "a" });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe("conflict");
    expect((await patch(elsewhere.id, { suite: "patch" })).status).toBe(409);
    expect((await patch(a.id, { name: "a", expected: "DENY" })).body.testCase).toMatchObject({ name: "a", expected: "DENY" });
    expect((await patch(elsewhere.id, { suite: "patch", name: "c" })).body.testCase).toMatchObject({ suite: "patch", name: "c" });
  });

  it("keeps every case of an imported file that repeats a name, numbering the later ones", async () => {
    const file = { format: "policy-studio-suite/1", suite: "imported", gateway: { name: "RefundGateway", gatewayArn: "arn", tools: [] }, cases: [1, 2, 3].map((n) => ({ name: "same", principal: agent, request: refund(n), expected: "ALLOW" })) };
    expect((await call(importRoute.POST, { gatewayId }, `${suites()}/import`, { method: "POST", body: file })).body).toEqual({ suite: "imported", imported: 3 });
    const listed = await call(suitesRoute.GET, { gatewayId }, `${suites()}?suite=imported`);
    expect(listed.body.cases.map((c: { name: string }) => c.name)).toEqual(["same", "same (2)", "same (3)"]);
  });
});

describe("POST /api/gateways/{id}/decisions/{decisionId}/test-case", () => {
  it("names the case by tool, arguments and persona, numbering a repeat, in the chosen suite with the chosen expected decision", async () => {
    const denied = await record(2000, "DENY");
    const first = await fromLog(denied.id, { suite: "from-log" });
    expect(first.status).toBe(201);
    expect(first.body.testCase).toMatchObject({ suite: "from-log", name: 'process_refund {"amount":2000} as refund-agent', expected: "DENY", request: refund(2000) });
    const second = await fromLog(denied.id, { suite: "from-log", expected: "ALLOW" });
    expect(second.body.testCase).toMatchObject({ name: 'process_refund {"amount":2000} as refund-agent (2)', expected: "ALLOW" });
    const other = await fromLog((await record(500, "ALLOW")).id, { suite: "from-log" });
    expect(other.body.testCase.name).toBe('process_refund {"amount":500} as refund-agent');
  });

  it("refuses a given name the suite has (409) and an expected decision that is not one (400)", async () => {
    const entry = await record(10, "ALLOW");
    expect((await fromLog(entry.id, { suite: "from-log-2", name: "ten" })).status).toBe(201);
    const taken = await fromLog(entry.id, { suite: "from-log-2", name: "ten" });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: "conflict", details: { free: "ten (2)" } });
    const bad = await fromLog(entry.id, { expected: "MAYBE" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "bad-request", message: expect.stringContaining("expected") });
  });
});
