import { describe, expect, it } from "vitest";
import { analyze, DEMO_TOOLS, forbid, gatewayOf, permit, REFUND } from "./support";

const demo = gatewayOf(DEMO_TOOLS);
const GET = "OrdersTarget___get_order";

async function findings(draft: string, personas = []) {
  const r = await analyze(demo, "", draft, { personas });
  expect(r.soundness).toEqual([]);
  return r.findings;
}

describe("exact findings per draft policy", () => {
  it("ALLOW_ALL and DENY_ALL, established by the solver over every tool, caller and argument", async () => {
    expect(await findings('@id("all")\npermit(principal, action, resource);')).toEqual([expect.objectContaining({ type: "ALLOW_ALL", policyId: "all", method: "solver" })]);
    const deny = await findings('@id("none")\nforbid(principal, action in AgentCore::Action::"CallTool", resource);');
    expect(deny).toContainEqual(expect.objectContaining({ type: "DENY_ALL", policyId: "none", method: "solver" }));
    // A condition that is always true for the tool's domain (amount is a safe integer) still counts.
    expect(await findings('@id("p")\npermit(principal, action, resource) when { principal.id != "" };')).toContainEqual(expect.objectContaining({ type: "ALLOW_ALL" }));
  });

  it("ALLOW_NONE / DENY_NONE: contradictory numbers, contradictory like patterns, missing attributes", async () => {
    expect(await findings(permit(REFUND, "context.input.amount < 5 && context.input.amount > 10", "p"))).toEqual([expect.objectContaining({ type: "ALLOW_NONE", method: "solver" })]);
    // No string both starts with "a" and with "b": found by refining the string abstraction.
    expect(await findings(forbid(GET, 'context.input.orderId like "a*" && context.input.orderId like "b*"', "f"))).toEqual([expect.objectContaining({ type: "DENY_NONE", policyId: "f", method: "solver" })]);
    // get_order has no `amount`: reading it is an error, so the policy never applies.
    expect(await findings(permit(GET, "context.input.amount < 5", "p"))).toEqual([expect.objectContaining({ type: "ALLOW_NONE" })]);
    // Satisfiable patterns are not flagged.
    expect(await findings(permit(GET, 'context.input.orderId like "a*" && context.input.orderId like "*b"', "p"))).toEqual([]);
  });

  it("SHADOWED: a permit every call of which a forbid denies", async () => {
    const f = await findings(`${permit(REFUND, "context.input.amount < 100", "small")}\n${forbid(REFUND, "context.input.amount < 500", "cap")}`);
    expect(f).toContainEqual(expect.objectContaining({ type: "SHADOWED", policyId: "small", method: "solver" }));
    // A forbid that covers only part of the permit leaves it reachable.
    const partial = await findings(`${permit(REFUND, "context.input.amount < 1000", "p")}\n${forbid(REFUND, "context.input.amount > 500", "f")}`);
    expect(partial.filter((x) => x.type === "SHADOWED")).toEqual([]);
  });

  it("REDUNDANT: a permit implied by another, a forbid that denies nothing a permit allows", async () => {
    const f = await findings(`${permit(REFUND, "context.input.amount < 100", "narrow")}\n${permit(REFUND, "context.input.amount < 1000", "wide")}\n${forbid(REFUND, "context.input.amount > 5000", "moot")}`);
    expect(f).toContainEqual(expect.objectContaining({ type: "REDUNDANT", policyId: "narrow", method: "solver" }));
    expect(f).toContainEqual(expect.objectContaining({ type: "REDUNDANT", policyId: "moot", method: "solver" }));
    expect(f.find((x) => x.policyId === "wide")).toBeUndefined();
  });

  it("ordinary policies have no findings", async () => {
    expect(
      await findings(
        [
          permit(REFUND, 'principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000', "refunds"),
          permit(GET, 'context.input.orderId like "ord-*"', "reads"),
          forbid("OrdersTarget___create_order", "context.input.total > 100000", "big"),
          permit("OrdersTarget___create_order", 'principal.hasTag("role")', "creates"),
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("says when the solver could not settle a policy, and falls back to today's methods, labelled", async () => {
    const f = await findings(permit(REFUND, 'ip("10.0.0.1").isLoopback()', "loop"));
    expect(f).toContainEqual(expect.objectContaining({ type: "NOT_TRANSLATABLE", policyId: "loop", method: "solver", solverGap: expect.stringContaining("isLoopback") }));
    for (const x of f.filter((y) => y.type !== "NOT_TRANSLATABLE")) {
      expect(x.method).not.toBe("solver");
      expect(x.solverGap).toContain("isLoopback");
    }
  });
});

describe("what each persona can call", () => {
  it("per tool: always, never, or only when the arguments meet ranges and values, exactly", async () => {
    const draft = [
      permit(REFUND, 'principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000', "refunds"),
      permit("OrdersTarget___list_orders", 'context.input has status && context.input.status == AgentCore::OrdersTarget___list_orders::Input::status::"shipped"', "list"),
      permit(GET, "true", "reads"),
    ].join("\n");
    const r = await analyze(demo, "", draft, { personas: [{ name: "agent", type: "OAuthUser", sub: "agent-7", claims: { role: "refund-agent", exp: 1 } }, { name: "viewer", type: "OAuthUser", sub: "v", claims: { role: "viewer" } }] });
    const [agent, viewer] = r.personas;
    expect(agent.principal.claims).toEqual({ role: "refund-agent" });
    const refund = agent.tools.find((t) => t.tool === REFUND)!;
    expect(refund).toMatchObject({ access: "only-when", exact: true, constraints: [{ path: "amount", kind: "range", max: "999", text: "amount ≤ 999" }] });
    expect(refund.allowedExample!.arguments.amount).toBeLessThan(1000);
    expect(refund.deniedExample!.arguments.amount).toBeGreaterThanOrEqual(1000);
    expect(refund.deniedExample!.principal.claims).toEqual({ role: "refund-agent" });
    expect(agent.tools.find((t) => t.tool === GET)!.access).toBe("always");
    expect(agent.tools.find((t) => t.tool === "OrdersTarget___cancel_order")!.access).toBe("never");
    const list = agent.tools.find((t) => t.tool === "OrdersTarget___list_orders")!;
    expect(list).toMatchObject({ access: "only-when", exact: true });
    expect(list.constraints).toContainEqual(expect.objectContaining({ path: "status", kind: "values", values: ["shipped"] }));
    expect(viewer.tools.find((t) => t.tool === REFUND)!.access).toBe("never");
  });
});
