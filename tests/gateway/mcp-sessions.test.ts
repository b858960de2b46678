import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PolicySession, compileSessionEngine } from "@/lib/dogwood/session";
import { PolicySessions } from "@/lib/gateway/policy-sessions";
import { cedar } from "@/lib/cedar/server";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { ORDER_MCP_TOOLS } from "@/lib/demo/tools";
import { addDecisionToSuite } from "@/lib/gateway/decision-to-test-case";
import { listDecisions } from "@/lib/store/decisions";
import { call, startHarness, type Harness } from "./harness";

/** Temporal policies through the local gateway's real HTTP endpoint, with the policy session header. */

let h: Harness;
const HEADER = "x-amzn-bedrock-agentcore-policy-session-id";
const A = (t: string) => `AgentCore::Action::"OrdersTarget___${t}"`;
const GET = "OrdersTarget___get_order";
const UPDATE = "OrdersTarget___update_order";
const engineId = () => h.orders.policyEngine!.policyEngineId;

beforeAll(async () => {
  h = await startHarness();
  await h.cp.setGatewayPolicyEngine(h.orders.gatewayId, { policyEngineArn: h.orders.policyEngine!.policyEngineArn, mode: "ENFORCE" });
  await h.cp.createPolicy(engineId(), { name: "reads", statement: `permit(principal, action == ${A("get_order")}, resource);` });
  await h.cp.createPolicy(engineId(), {
    name: "update_after_read",
    definitionKind: "policy",
    statement: `permit(principal, action == ${A("update_order")}, resource)\nwhen temporal { formerly within 1h ${A("get_order")}::response{ eventResource: resource, output.orderId: context.input.orderId } };`,
  });
});
afterAll(async () => h?.close());

const send = async (body: unknown, session: string | null, persona = "refund-agent") =>
  h.post(body, { gateway: h.orders, token: await h.token(persona, h.orders), headers: session === null ? {} : { [HEADER]: session } });
const latest = async () => (await listDecisions(h.orders.gatewayId, { limit: 1 }, h.db))[0];

describe("the local gateway honours temporal policies in policy sessions", () => {
  it("refuses a call without a session id with a validation error, as the service documents", async () => {
    const res = await send(call(GET, { orderId: "ord-1" }), null);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ jsonrpc: "2.0", id: 1, error: { code: -32600 } });
    expect(body.error.message).toMatch(/^ValidationException: .*x-amzn-bedrock-agentcore-policy-session-id/);
    expect((await send(call(GET, { orderId: "ord-1" }), "x".repeat(257))).status).toBe(400);
  });

  it("allows the gated tool only after the prerequisite ran in the same session, and logs which event made it true", async () => {
    const denied = await (await send(call(UPDATE, { orderId: "ord-1001" }), "sess-a")).json();
    expect(denied.error.code).toBe(-32002);
    expect((await latest()).errors).toEqual([]);
    const read = await (await send(call(GET, { orderId: "ord-1001" }), "sess-a")).json();
    expect(read.result.isError).toBe(false);
    const allowed = await (await send(call(UPDATE, { orderId: "ord-1001" }), "sess-a")).json();
    expect(allowed.result.isError).toBe(false);
    expect(await latest()).toMatchObject({
      tool: UPDATE,
      decision: "ALLOW",
      determiningPolicies: ["update_after_read"],
      sessionId: "sess-a",
      sessionCall: 2,
      temporal: [{ policy: "update_after_read", madeTrueBy: [{ call: 1, kind: "response", tool: GET }] }],
    });
    // The log can be read one session at a time.
    expect((await listDecisions(h.orders.gatewayId, { session: "sess-a" }, h.db)).map((e) => e.sessionCall)).toEqual([2, 1, 0]);
    // Saved as a test case, the call brings its session's earlier calls along, each with the decision it got.
    const saved = await addDecisionToSuite(h.orders.gatewayId, (await latest()).id, {}, h.db);
    expect(saved).toMatchObject({ session: [{ expected: "DENY", request: call(UPDATE, { orderId: "ord-1001" }) }, { expected: "ALLOW" }, { expected: "ALLOW" }] });
  });

  it("keeps sessions apart by id and by principal", async () => {
    await send(call(GET, { orderId: "ord-2" }), "sess-b");
    expect((await (await send(call(UPDATE, { orderId: "ord-2" }), "sess-c")).json()).error.code).toBe(-32002);
    // The same id from another principal is another session.
    expect((await (await send(call(UPDATE, { orderId: "ord-2" }), "sess-b", "admin")).json()).error.code).toBe(-32002);
    expect((await (await send(call(UPDATE, { orderId: "ord-2" }), "sess-b")).json()).result.isError).toBe(false);
  });

  it("invalidates open sessions when a temporal policy changes (409), and a new session id starts afresh", async () => {
    await send(call(GET, { orderId: "ord-3" }), "sess-d");
    const policies = await h.cp.listPolicies(engineId());
    const gated = policies.find((p) => p.name === "update_after_read")!;
    await h.cp.updatePolicy(engineId(), gated.policyId, { statement: gated.statement.replace("within 1h", "within 2h"), definitionKind: "policy" });
    const conflict = await send(call(UPDATE, { orderId: "ord-3" }), "sess-d");
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.message).toMatch(/^ConflictException: .*start a new session/);
    // The invalidated id stays refused.
    expect((await send(call(GET, { orderId: "ord-3" }), "sess-d")).status).toBe(409);
    await send(call(GET, { orderId: "ord-3" }), "sess-e");
    expect((await (await send(call(UPDATE, { orderId: "ord-3" }), "sess-e")).json()).result.isError).toBe(false);
  });

  it("denies with the reason (fail closed) what the console cannot decide", async () => {
    const macro = await h.cp.createPolicy(engineId(), {
      name: "macro_gate",
      definitionKind: "policy",
      statement: `forbid(principal, action == ${A("cancel_order")}, resource) when temporal { once(1h, ${A("get_order")}::response{ eventResource: resource }) };`,
    });
    await h.cp.createPolicy(engineId(), { name: "cancels", statement: `permit(principal, action == ${A("cancel_order")}, resource);` });
    const res = await (await send(call("OrdersTarget___cancel_order", { orderId: "ord-4" }), "sess-f")).json();
    expect(res.error.code).toBe(-32002);
    expect(await latest()).toMatchObject({ decision: "DENY", blocked: true, errors: [expect.stringMatching(/depends on a macro call.*denied \(fail closed\)/)] });
    await h.cp.deletePolicy(engineId(), macro.policyId);
  });

  it("needs no session id once no temporal policy is left", async () => {
    for (const p of await h.cp.listPolicies(engineId())) if (p.definitionKind === "policy") await h.cp.deletePolicy(engineId(), p.policyId);
    const res = await send(call(GET, { orderId: "ord-5" }), null);
    expect(res.status).toBe(200);
    expect((await latest()).sessionId).toBeNull();
  });
});

describe("the gateway's session store", () => {
  const schemaJson = generateSchema(ORDER_MCP_TOOLS).json;
  const engine = compileSessionEngine(cedar, { policies: [], schemaJson, tools: ORDER_MCP_TOOLS });
  const key = (sessionId: string) => ({ gatewayId: "g", sub: "u", sessionId });

  it("is bounded in sessions and idle time, and refuses a dropped id rather than starting it over", () => {
    const store = new PolicySessions({ maxSessions: 2, idleSeconds: 60, maxCalls: 2, maxRetired: 10 });
    expect(store.open(key("a"), engine, "t", 0).ok).toBe(true);
    expect(store.open(key("b"), engine, "t", 1).ok).toBe(true);
    expect(store.open(key("c"), engine, "t", 2).ok).toBe(true);
    expect(store.size).toBe(2);
    expect(store.open(key("a"), engine, "t", 3)).toMatchObject({ ok: false, reason: "expired" });
    expect(store.open(key("b"), engine, "t", 100)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("refuses a call past the per-session bound and keeps one session object per key", () => {
    const store = new PolicySessions({ maxSessions: 5, idleSeconds: 60, maxCalls: 1, maxRetired: 10 });
    const first = store.open(key("a"), engine, "t", 0);
    expect(first.ok && first.session).toBeInstanceOf(PolicySession);
    if (first.ok) first.session.skip();
    expect(store.open(key("a"), engine, "t", 1)).toMatchObject({ ok: false, reason: "full" });
  });
});
