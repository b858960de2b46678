import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { ORDER_MCP_TOOLS, REFUND_MCP_TOOLS } from "@/lib/demo/tools";
import { analyzePolicies, emptyRange } from "@/lib/analysis/findings";
import { generateSchema } from "@/lib/cedar/schema-from-tools";

const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/demo-abc1234567";
const TOOLS = [...REFUND_MCP_TOOLS, ...ORDER_MCP_TOOLS];
const PAY = [
  { name: "Pay___create_payment", description: "Charge a card", inputSchema: { type: "object", properties: { amount: { type: "number" }, currency: { type: "string" } }, required: ["amount", "currency"] } },
  { name: "Pay___get_payment", description: "Read a payment", inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
];

function findingsFor(statements: string[], tools = TOOLS) {
  const schema = generateSchema(tools);
  return analyzePolicies(cedar, { policies: statements.map((text, i) => ({ id: `p${i}`, text })), schemaJson: schema.json as Record<string, unknown>, gatewayArn: ARN, tools });
}

const REFUND = 'AgentCore::Action::"RefundTarget___process_refund"';
const GW = `AgentCore::Gateway::"${ARN}"`;

describe("risk findings on valid policies", () => {
  it("ALLOW_ALL: a permit with no effective condition on every tool, established by partial evaluation", () => {
    for (const text of ["permit(principal, action, resource);", "permit(principal, action, resource) when { true };", `permit(principal, action in AgentCore::Action::"CallTool", resource == ${GW}) when { 1 < 2 };`]) {
      const [f] = findingsFor([text]);
      expect(f, text).toMatchObject({ type: "ALLOW_ALL", policyId: "p0", method: "partial-evaluation", how: expect.stringContaining("isAuthorizedPartial") });
    }
  });

  it("DENY_ALL: an unconditional forbid on every tool", () => {
    expect(findingsFor(['forbid(principal, action in AgentCore::Action::"CallTool", resource);'])[0]).toMatchObject({ type: "DENY_ALL", method: "partial-evaluation" });
  });

  it("no ALL finding when the permit is conditional, or covers only some tools", () => {
    expect(findingsFor(['permit(principal, action, resource) when { principal.hasTag("role") };']).map((f) => f.type)).not.toContain("ALLOW_ALL");
    expect(findingsFor([`permit(principal, action == ${REFUND}, resource);`])).toEqual([]);
    expect(findingsFor(['forbid(principal, action, resource) unless { principal.hasTag("role") && principal.getTag("role") == "admin" };']).map((f) => f.type)).not.toContain("DENY_ALL");
  });

  it("ALLOW_NONE / DENY_NONE: no tool of this gateway in scope, by scope analysis", () => {
    const [f] = findingsFor(['permit(principal, action == AgentCore::Action::"Other___tool", resource);']);
    expect(f).toMatchObject({ type: "ALLOW_NONE", method: "scope-analysis", message: expect.stringContaining("no tool of this gateway") });
    expect(findingsFor(['forbid(principal, action in [AgentCore::Action::"A___x", AgentCore::Action::"B___y"], resource);'])[0]).toMatchObject({ type: "DENY_NONE", method: "scope-analysis" });
  });

  it("ALLOW_NONE: another gateway as resource, or a condition that is always false, by partial evaluation", () => {
    expect(findingsFor([`permit(principal, action == ${REFUND}, resource == AgentCore::Gateway::"arn:other")`.concat(";")])[0]).toMatchObject({ type: "ALLOW_NONE", method: "partial-evaluation" });
    expect(findingsFor([`forbid(principal, action == ${REFUND}, resource) when { 1 > 2 };`])[0]).toMatchObject({ type: "DENY_NONE", method: "partial-evaluation" });
  });

  it("contradictory numeric conditions, Long and decimal, found in the residual", () => {
    const long = findingsFor([`permit(principal, action == ${REFUND}, resource) when { context.input.amount < 5 && context.input.amount > 10 };`]);
    expect(long[0]).toMatchObject({ type: "ALLOW_NONE", method: "partial-evaluation", message: expect.stringContaining("amount < 5 and context.input.amount > 10") });
    const between = findingsFor([`forbid(principal, action == ${REFUND}, resource) when { context.input.amount > 4 && context.input.amount < 5 };`]);
    expect(between[0]).toMatchObject({ type: "DENY_NONE", method: "partial-evaluation" });
    const dec = findingsFor(['permit(principal, action == AgentCore::Action::"Pay___create_payment", resource) when { context.input.amount.lessThan(decimal("5.0")) && context.input.amount.greaterThanOrEqual(decimal("10.0")) };'], PAY);
    expect(dec[0]).toMatchObject({ type: "ALLOW_NONE", method: "partial-evaluation" });
    // 4 < x < 5 is satisfiable for decimals.
    expect(findingsFor(['permit(principal, action == AgentCore::Action::"Pay___create_payment", resource) when { context.input.amount.greaterThan(decimal("4.0")) && context.input.amount.lessThan(decimal("5.0")) };'], PAY)).toEqual([]);
  });

  it("a permit that a forbid makes unreachable (shadowing), by sampling", () => {
    const f = findingsFor([`permit(principal, action == ${REFUND}, resource) when { context.input.amount < 100 };`, `forbid(principal, action == ${REFUND}, resource) when { context.input.amount < 500 };`]);
    expect(f).toContainEqual(expect.objectContaining({ type: "ALLOW_NONE", policyId: "p0", method: "sampling", message: expect.stringContaining("forbidden by p1") }));
    // A forbid that covers only part of the permit leaves it reachable.
    const partial = findingsFor([`permit(principal, action == ${REFUND}, resource) when { context.input.amount < 1000 };`, `forbid(principal, action == ${REFUND}, resource) when { context.input.amount > 500 };`]);
    expect(partial).toEqual([]);
  });

  it("ordinary policies with roles, limits, string and enum comparisons have no findings", () => {
    expect(
      findingsFor([
        `permit(principal, action == ${REFUND}, resource == ${GW}) when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000 };`,
        'permit(principal, action == AgentCore::Action::"OrdersTarget___get_order", resource) when { context.input.orderId like "ord-*" };',
        'forbid(principal, action == AgentCore::Action::"OrdersTarget___create_order", resource) when { context.input.total > 100000 };',
      ]),
    ).toEqual([]);
    expect(findingsFor(['permit(principal, action == AgentCore::Action::"Pay___create_payment", resource) when { context.input.currency == "EUR" };'], PAY)).toEqual([]);
  });

  it("each finding says how it was established", () => {
    const all = findingsFor([
      "permit(principal, action, resource);",
      'permit(principal, action == AgentCore::Action::"Other___tool", resource);',
      `forbid(principal, action == ${REFUND}, resource) when { context.input.amount < 5 && context.input.amount > 10 };`,
    ]);
    expect(all.map((f) => f.method).sort()).toEqual(["partial-evaluation", "partial-evaluation", "scope-analysis"]);
    for (const f of all) expect(f.how.length).toBeGreaterThan(20);
  });

  it("ignores policies that do not parse (validation reports them)", () => {
    expect(findingsFor(["permit(principal, action, resource"])).toEqual([]);
  });
});

describe("emptyRange", () => {
  it("handles negations and literals on either side", () => {
    const json = (cond: string) => {
      const r = cedar.policyToJson(`permit(principal, action, resource) when { ${cond} };`);
      if (r.type !== "success") throw new Error("parse");
      return r.json;
    };
    expect(emptyRange(json("context.x < 3 && 5 < context.x"))).toBeTruthy();
    expect(emptyRange(json("!(context.x >= 3) && context.x >= 3"))).toBeTruthy();
    expect(emptyRange(json("context.x == 4 && context.x > 3"))).toBeNull();
    expect(emptyRange(json("context.x < 3 && context.y > 5"))).toBeNull();
  });
});

describe("findings on Dogwood statements", () => {
  const GET = 'AgentCore::Action::"OrdersTarget___get_order"';
  const temporal = (effect: string, action = "action") => `${effect}(principal, ${action}, resource) when temporal { formerly within 1h ${GET}::response{ eventResource: resource } };`;

  it("never reads a temporal forbid or permit as unconditional: whether it matches depends on the session", () => {
    expect(findingsFor([temporal("forbid")])).toEqual([]);
    expect(findingsFor([temporal("permit")])).toEqual([]);
    expect(findingsFor([`permit(principal, action, resource);`, temporal("forbid")]).map((f) => [f.type, f.policyId])).toEqual([["ALLOW_ALL", "p0"]]);
  });

  it("still finds a Dogwood statement whose scope names no tool of this gateway, on its stateless view", () => {
    expect(findingsFor([temporal("permit", 'action == AgentCore::Action::"Elsewhere___x"')])).toEqual([expect.objectContaining({ type: "ALLOW_NONE", policyId: "p0", method: "scope-analysis" })]);
    // suppressOutput never decides a call: no decision finding either way.
    const suppress = `suppressOutput(principal, action == ${GET}, resource) when guardrails { BedrockGuardrails::SensitiveInformation(["EMAIL"], [context.output.text]).count() > 0 };`;
    expect(findingsFor([suppress])).toEqual([]);
  });
});
