import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledSetCount } from "@/lib/gateway/authorize-call";
import { deniedErrorBody } from "@/lib/mcp/responses";
import { listDecisions } from "@/lib/store/decisions";
import { gateways } from "@/lib/store/schema";
import { call, REFUND, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const refundCall = async (amount: number, persona = "refund-agent") => (await h.post(call(REFUND, { amount }), { token: await h.token(persona) })).json();
const latest = async () => (await listDecisions(h.refund.gatewayId, { limit: 1 }, h.db))[0];
const engineId = () => h.refund.policyEngine!.policyEngineId;
const engineArn = () => h.refund.policyEngine!.policyEngineArn;

describe("policy and mode changes take effect on the next call", () => {
  it("compiles the published set once, not per call", async () => {
    await refundCall(1);
    const before = compiledSetCount();
    for (let i = 0; i < 20; i++) await refundCall(10 + i);
    expect(compiledSetCount()).toBe(before);
  });

  it("gateway LOG_ONLY lets a would-be denial through and records it as DENY, not blocked", async () => {
    await h.cp.setGatewayPolicyEngine(h.refund.gatewayId, { policyEngineArn: engineArn(), mode: "LOG_ONLY" });
    const body = await refundCall(2000);
    expect(body.result).toEqual({
      isError: false,
      content: [{ type: "text", text: '{"status":"success","message":"Refund of $2000 processed successfully","amount":2000}' }],
    });
    expect(await latest()).toMatchObject({ decision: "DENY", blocked: false, mode: "LOG_ONLY", arguments: { amount: 2000 } });

    await h.cp.setGatewayPolicyEngine(h.refund.gatewayId, { policyEngineArn: engineArn(), mode: "ENFORCE" });
    expect((await refundCall(2000)).error.code).toBe(-32002);
    expect(await latest()).toMatchObject({ decision: "DENY", blocked: true, mode: "ENFORCE" });
  });

  it("a published statement change applies to the next call", async () => {
    const [policy] = await h.cp.listPolicies(engineId());
    const raised = policy.statement.replace("< 1000", "< 5000");
    await h.cp.updatePolicy(engineId(), policy.policyId, { statement: raised });
    expect((await refundCall(2000)).result.isError).toBe(false);
    await h.cp.updatePolicy(engineId(), policy.policyId, { statement: policy.statement });
    expect((await refundCall(2000)).error.code).toBe(-32002);
  });

  it("a LOG_ONLY forbid is matched and reported as a flip without deciding; promoted to ACTIVE it denies and is named", async () => {
    const canary = await h.cp.createPolicy(engineId(), {
      name: "no_big_refunds_for_viewers",
      statement: `@id("no_big_refunds_for_viewers")
forbid(principal, action == AgentCore::Action::"${REFUND}", resource)
when { context.input.amount > 100 };`,
      enforcementMode: "LOG_ONLY",
    });
    const allowed = await refundCall(500);
    expect(allowed.result.isError).toBe(false);
    expect(await latest()).toMatchObject({
      decision: "ALLOW",
      determiningPolicies: ["refund_limit_policy"],
      logOnlyMatched: ["no_big_refunds_for_viewers"],
      flips: ["no_big_refunds_for_viewers"],
      blocked: false,
    });
    // Below the canary's threshold nothing matches.
    await refundCall(50);
    expect(await latest()).toMatchObject({ decision: "ALLOW", logOnlyMatched: [], flips: [] });

    await h.cp.updatePolicy(engineId(), canary.policyId, { enforcementMode: "ACTIVE" });
    const res = await h.post(call(REFUND, { amount: 500 }), { token: await h.token() });
    expect(await res.text()).toBe(deniedErrorBody(1, ["no_big_refunds_for_viewers"]));
    expect(deniedErrorBody(1, ["no_big_refunds_for_viewers"])).toBe(
      '{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to determining policies: no_big_refunds_for_viewers]"}}',
    );
    expect(await latest()).toMatchObject({ decision: "DENY", determiningPolicies: ["no_big_refunds_for_viewers"], blocked: true });
    await h.cp.deletePolicy(engineId(), canary.policyId);
    expect((await refundCall(500)).result.isError).toBe(false);
  });

  it("claims become tags: a role-based policy tells personas apart", async () => {
    const [policy] = await h.cp.listPolicies(engineId());
    await h.cp.updatePolicy(engineId(), policy.policyId, {
      statement: policy.statement.replace("when { context.input.amount < 1000 }", 'when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000 }'),
    });
    expect((await refundCall(500, "refund-agent")).result.isError).toBe(false);
    expect((await refundCall(500, "support-viewer")).error.code).toBe(-32002);
    expect(await latest()).toMatchObject({ persona: "support-viewer", principal: { sub: "support-viewer", claims: { role: "support-viewer" } }, decision: "DENY" });
    await h.cp.updatePolicy(engineId(), policy.policyId, { statement: policy.statement });
  });

  it("with no engine attached every valid call goes through and is logged with mode NONE", async () => {
    await h.db.update(gateways).set({ policyEngineArn: null, policyEngineMode: null }).where(eq(gateways.gatewayId, h.refund.gatewayId));
    try {
      expect((await refundCall(99_999)).result.isError).toBe(false);
      expect(await latest()).toMatchObject({ decision: "ALLOW", mode: "NONE", blocked: false, determiningPolicies: [] });
    } finally {
      await h.cp.setGatewayPolicyEngine(h.refund.gatewayId, { policyEngineArn: engineArn(), mode: "ENFORCE" });
    }
  });

  it("in ENFORCE, tools/list shows each principal only the tools some call of which it could be permitted; LOG_ONLY hides nothing", async () => {
    const orders = await h.cp.getGateway(h.orders.gatewayId);
    const engine = orders.policyEngine!;
    const listed = async (persona: string) => {
      const body = await (await h.post({ jsonrpc: "2.0", id: 7, method: "tools/list" }, { gateway: h.orders, token: await h.token(persona, h.orders) })).json();
      return body.result.tools.map((t: { name: string }) => t.name).sort();
    };
    const reads = await h.cp.createPolicy(engine.policyEngineId, {
      name: "viewers_read",
      statement: `permit(principal, action in [AgentCore::Action::"OrdersTarget___get_order", AgentCore::Action::"OrdersTarget___list_orders"], resource) when { principal.hasTag("role") && principal.getTag("role") == "support-viewer" };`,
    });
    const cancels = await h.cp.createPolicy(engine.policyEngineId, {
      name: "admins_cancel_small",
      statement: `permit(principal, action == AgentCore::Action::"OrdersTarget___cancel_order", resource) when { principal.hasTag("role") && principal.getTag("role") == "admin" && context.input.orderId like "ord-*" };`,
    });
    try {
      expect(await listed("support-viewer")).toHaveLength(5);
      await h.cp.setGatewayPolicyEngine(h.orders.gatewayId, { policyEngineArn: engine.policyEngineArn, mode: "ENFORCE" });
      expect(await listed("support-viewer")).toEqual(["OrdersTarget___get_order", "OrdersTarget___list_orders"]);
      // Listed because some arguments would be permitted; the call itself is still checked.
      expect(await listed("admin")).toEqual(["OrdersTarget___cancel_order"]);
      expect(await listed("refund-agent")).toEqual([]);
    } finally {
      await h.cp.setGatewayPolicyEngine(h.orders.gatewayId, { policyEngineArn: engine.policyEngineArn, mode: "LOG_ONLY" });
      await h.cp.deletePolicy(engine.policyEngineId, reads.policyId);
      await h.cp.deletePolicy(engine.policyEngineId, cancels.policyId);
    }
  });

  it("an orders gateway with no policies denies by default but, in LOG_ONLY, runs the tool with realistic output", async () => {
    const token = await h.token("admin", h.orders);
    const res = await h.post(call("OrdersTarget___get_order", { orderId: "ord-1001" }), { gateway: h.orders, token });
    const body = await res.json();
    const order = JSON.parse(body.result.content[0].text);
    expect(order).toMatchObject({ orderId: "ord-1001", currency: "USD" });
    expect(order.items[0]).toHaveProperty("sku");
    const [entry] = await listDecisions(h.orders.gatewayId, { limit: 1 }, h.db);
    expect(entry).toMatchObject({ decision: "DENY", mode: "LOG_ONLY", blocked: false, persona: "admin" });
  });
});
