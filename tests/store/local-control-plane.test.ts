import { afterAll, describe, expect, it } from "vitest";
import { createLocalControlPlane } from "@/lib/agentcore/local";
import { BACKENDS, closeStores, localControlPlaneEach } from "./support/stores";

afterAll(closeStores);

describe.each(BACKENDS)("local control plane on %s", (backend) => {
  // An empty workspace per test: the adapter seeds the demo on first use.
  const store = localControlPlaneEach(backend);

  it("seeds the getting-started demo once, with AWS-shaped ids and ARNs", async () => {
    const [list, again] = await Promise.all([store.cp.listGateways(), store.cp.listGateways()]);
    expect(list.map((g) => g.name)).toEqual(["OrdersGateway", "RefundGateway"]);
    expect(again).toHaveLength(2);
    const refund = list.find((g) => g.name === "RefundGateway")!;
    expect(refund.gatewayId).toMatch(/^refundgateway-[a-z0-9]{10}$/);
    expect(refund.gatewayArn).toBe(`arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/${refund.gatewayId}`);
    expect(refund.gatewayUrl).toBe(`http://127.0.0.1:3999/mcp/${refund.gatewayId}`);
    expect(refund.policyEngine?.mode).toBe("ENFORCE");
    expect(refund.toolCount).toBe(1);
    const orders = list.find((g) => g.name === "OrdersGateway")!;
    expect(orders.policyEngine?.mode).toBe("LOG_ONLY");
    expect(orders.toolCount).toBe(5);
  });

  it("names tools <Target>___<tool> and keeps their input schemas", async () => {
    const [refund] = (await store.cp.listGateways()).filter((g) => g.name === "RefundGateway");
    const detail = await store.cp.getGateway(refund.gatewayId);
    expect(detail.targets[0].tools[0]).toEqual({
      name: "RefundTarget___process_refund",
      description: "Process a customer refund",
      inputSchema: { type: "object", properties: { amount: { type: "integer", description: "Refund amount in dollars" } }, required: ["amount"] },
    });
  });

  it("holds the seed policy in the refund engine, ACTIVE, scoped to the gateway ARN", async () => {
    const [refund] = (await store.cp.listGateways()).filter((g) => g.name === "RefundGateway");
    const policies = await store.cp.listPolicies(refund.policyEngine!.policyEngineId);
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({ name: "refund_limit_policy", status: "ACTIVE", enforcementMode: "ACTIVE" });
    expect(policies[0].statement).toContain(`AgentCore::Gateway::"${refund.gatewayArn}"`);
  });

  it("answers unknown ids with specific not-found errors", async () => {
    await expect(store.cp.getGateway("nope")).rejects.toMatchObject({ code: "gateway-not-found", status: 404 });
    await expect(store.cp.listPolicies("nope")).rejects.toMatchObject({ code: "policy-engine-not-found" });
  });

  it("applies the engine's rules: one valid statement per policy, unique names", async () => {
    const engine = await store.cp.createPolicyEngine({ name: "TestEngine" });
    await expect(store.cp.createPolicyEngine({ name: "TestEngine" })).rejects.toMatchObject({ code: "conflict" });
    await expect(store.cp.createPolicy(engine.policyEngineId, { name: "bad", statement: "permit(principal, action, resource" })).rejects.toMatchObject({
      code: "request-rejected",
    });
    await expect(
      store.cp.createPolicy(engine.policyEngineId, { name: "two", statement: "permit(principal, action, resource); forbid(principal, action, resource);" }),
    ).rejects.toThrow(/exactly one Cedar statement/);
    const p = await store.cp.createPolicy(engine.policyEngineId, { name: "allow_all", statement: "permit(principal, action, resource);", enforcementMode: "LOG_ONLY" });
    expect(p.enforcementMode).toBe("LOG_ONLY");
    await expect(store.cp.createPolicy(engine.policyEngineId, { name: "allow_all", statement: "permit(principal, action, resource);" })).rejects.toMatchObject({
      code: "conflict",
    });
    const promoted = await store.cp.updatePolicy(engine.policyEngineId, p.policyId, { enforcementMode: "ACTIVE" });
    expect(promoted.enforcementMode).toBe("ACTIVE");
    expect(promoted.statement).toBe("permit(principal, action, resource);");
    await store.cp.deletePolicy(engine.policyEngineId, p.policyId);
    expect(await store.cp.listPolicies(engine.policyEngineId)).toEqual([]);
  });

  it("attaches an engine to a gateway in a mode and switches the mode", async () => {
    const [orders] = (await store.cp.listGateways()).filter((g) => g.name === "OrdersGateway");
    const engine = orders.policyEngine!;
    const enforced = await store.cp.setGatewayPolicyEngine(orders.gatewayId, { policyEngineArn: engine.policyEngineArn, mode: "ENFORCE" });
    expect(enforced.policyEngine).toEqual({ ...engine, mode: "ENFORCE" });
    expect(enforced.targets).toHaveLength(1);
  });

  it("seeds the demo once when two console instances open the empty store together", async () => {
    const other = createLocalControlPlane(store.db, { publicUrl: "http://127.0.0.1:4000" });
    const [a, b] = await Promise.all([store.cp.listGateways(), other.listGateways()]);
    expect(a).toHaveLength(2);
    expect(b.map((g) => g.gatewayId)).toEqual(a.map((g) => g.gatewayId));
    expect(await store.cp.listPolicyEngines()).toHaveLength(2);
  });

  it("reports times as ISO instants that move forward with every change", async () => {
    const engine = await store.cp.createPolicyEngine({ name: "Clock" });
    const created = await store.cp.createPolicy(engine.policyEngineId, { name: "p", statement: "permit(principal, action, resource);" });
    expect(created.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(created.updatedAt) - Date.now())).toBeLessThan(60_000);
    const updated = await store.cp.updatePolicy(engine.policyEngineId, created.policyId, { description: "changed" });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect((await store.cp.getPolicy(engine.policyEngineId, created.policyId)).updatedAt).toBe(updated.updatedAt);
  });
});
