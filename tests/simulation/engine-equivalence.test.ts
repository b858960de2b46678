import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { afterAll, describe, expect, it } from "vitest";
import { compilePolicySet, disposeCompiled, evaluate, type PolicyToCompile } from "@/lib/cedar/authorize";
import { buildRequest, type RequestPrincipal as CallPrincipal } from "@/lib/cedar/request-from-call";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { toolsCall } from "@/lib/mcp/tool-call";
import { impact } from "@/lib/simulation/impact";
import { simGateway } from "@/lib/simulation/sim-gateway";
import { decide } from "@/lib/simulation/replay";
import { loadToolSet, REFUND_GATEWAY } from "../cedar/fixtures";

/**
 * The simulator evaluates requests it built itself without cedar-wasm's schema (the fast path,
 * `validate: false`), sending the action's groups as an entity instead. These tests prove that path
 * decides exactly like the schema-validated one the gateway uses, including through action groups,
 * decimals, enum entities, tag entities and LOG_ONLY flip sets.
 */
const tools = [...loadToolSet("demo-refund").tools, ...loadToolSet("demo-orders").tools, ...loadToolSet("stripe").tools];
const schema = generateSchema(tools).json;
const A = (tool: string) => `AgentCore::Action::"${tool}"`;

const policies: PolicyToCompile[] = [
  { id: "all_tools_for_admins", enforcementMode: "ACTIVE", text: `permit(principal, action in ${A("CallTool")}, resource) when { principal.hasTag("role") && principal.getTag("role") == "admin" };` },
  { id: "mcp_freeze", enforcementMode: "ACTIVE", text: `forbid(principal, action in ${A("Mcp")}, resource) when { principal.hasTag("frozen") };` },
  { id: "refund_limit", enforcementMode: "ACTIVE", text: `permit(principal, action == ${A("RefundTarget___process_refund")}, resource) when { context.input.amount < 1000 };` },
  {
    id: "small_charges",
    enforcementMode: "ACTIVE",
    text: `permit(principal, action == ${A("PaymentsTarget___create_charge")}, resource) when { context.input.amount.lessThan(decimal("50.0")) && context.input.currency == AgentCore::PaymentsTarget___create_charge::Input::currency::"usd" };`,
  },
  { id: "no_fraud_refunds", enforcementMode: "ACTIVE", text: `forbid(principal, action == ${A("PaymentsTarget___refund_charge")}, resource) when { context.input has reason && context.input.reason == AgentCore::PaymentsTarget___refund_charge::Input::reason::"fraudulent" };` },
  { id: "canary_group_forbid", enforcementMode: "LOG_ONLY", text: `forbid(principal, action in ${A("CallTool")}, resource) when { principal.hasTag("department") && principal.getTag("department") == "it" };` },
  { id: "canary_refund_permit", enforcementMode: "LOG_ONLY", text: `permit(principal, action == ${A("RefundTarget___process_refund")}, resource) when { context.input.amount < 5000 };` },
  { id: "action_in_condition", enforcementMode: "ACTIVE", text: `permit(principal, action, resource) when { action in ${A("Mcp")} && principal.hasTag("role") && principal.getTag("role") == "auditor" };` },
];

const compiled = compilePolicySet(cedar, { policies, schemaJson: schema });
afterAll(() => disposeCompiled(compiled));

const principals: CallPrincipal[] = [
  { sub: "agent", claims: { role: "refund-agent" } },
  { sub: "root", claims: { role: "admin", department: "it" } },
  { sub: "cold", claims: { role: "admin", frozen: "yes" } },
  { sub: "auditor", claims: { role: "auditor" } },
  { sub: "iam", type: "IamEntity", claims: {} },
  // Same tags as "agent": impact analysis may share their evaluations only where no policy tells them apart.
  { sub: "agent-2", claims: { role: "refund-agent" } },
];
const calls: Array<[string, unknown]> = [
  ["RefundTarget___process_refund", { amount: 500 }],
  ["RefundTarget___process_refund", { amount: 2000 }],
  ["RefundTarget___process_refund", { amount: 9000 }],
  ["PaymentsTarget___create_charge", { amount: 9.99, currency: "usd", metadata: { order: "o-1" } }],
  ["PaymentsTarget___create_charge", { amount: 75, currency: "usd" }],
  ["PaymentsTarget___create_charge", { amount: 9.99, currency: "eur" }],
  ["PaymentsTarget___refund_charge", { charge: "ch_1", reason: "fraudulent" }],
  ["PaymentsTarget___refund_charge", { charge: "ch_1" }],
  ["OrdersTarget___get_order", { orderId: "o-1" }],
];

/** Cedar reports determining policies as a set: their order is not part of the answer. */
const sorted = (e: ReturnType<typeof evaluate>) => ({
  ...e,
  determiningPolicies: [...e.determiningPolicies].sort(),
  logOnly: { matched: [...e.logOnly.matched].sort(), flips: [...e.logOnly.flips].sort() },
});

describe("the simulator's schema-less fast path decides like the schema-validated path", () => {
  it("for every principal and call, including action groups, decimals, enums and LOG_ONLY flips", () => {
    let compared = 0;
    for (const principal of principals) {
      const iamSchema = principal.type === "IamEntity" ? generateSchema(tools, { principal: "IamEntity", numbersAsDecimal: true, objectsAsRecords: true }).json : schema;
      const set = principal.type === "IamEntity" ? compilePolicySet(cedar, { policies, schemaJson: iamSchema }) : compiled;
      for (const [toolName, args] of calls) {
        const built = buildRequest({ principal, toolName, args, gatewayArn: REFUND_GATEWAY, schemaJson: iamSchema });
        if (!built.ok) continue;
        const checked = evaluate(set, built.request);
        const fast = evaluate(set, built.request, { validate: false });
        expect(sorted(fast), `${principal.sub} ${toolName} ${JSON.stringify(args)}`).toEqual(sorted(checked));
        compared++;
      }
      if (set !== compiled) disposeCompiled(set);
    }
    expect(compared).toBeGreaterThanOrEqual(40);
  });

  it("still honours `action in CallTool` without the schema (the action's groups travel as an entity)", () => {
    const built = buildRequest({ principal: principals[1], toolName: "OrdersTarget___get_order", args: { orderId: "o-1" }, gatewayArn: REFUND_GATEWAY, schemaJson: schema });
    if (!built.ok) throw new Error(built.error);
    const r = evaluate(compiled, built.request, { validate: false });
    expect(r).toMatchObject({ decision: "ALLOW", determiningPolicies: ["all_tools_for_admins"], logOnly: { matched: ["canary_group_forbid"], flips: ["canary_group_forbid"] } });
  });
});

describe("impact analysis decides both sets with one evaluation per call", () => {
  const gateway = simGateway({ gatewayArn: REFUND_GATEWAY, principalType: "OAuthUser", schemaJson: schema as Record<string, unknown>, tools });
  const corpus = principals
    .filter((p) => p.type !== "IamEntity")
    .flatMap((principal) => calls.map(([name, args], i) => ({ principal: { ...principal, claims: principal.claims ?? {} }, request: toolsCall(name, args as Record<string, unknown>, i), label: `${principal.sub} ${name} ${JSON.stringify(args)}`, source: "case" as const, tool: name as string, count: 1 })));
  const variants: Record<string, PolicyToCompile[]> = {
    "a limit raised": policies.map((p) => (p.id === "refund_limit" ? { ...p, text: p.text.replace("< 1000", "< 5000") } : p)),
    "a group forbid added": [...policies, { id: "freeze_it", enforcementMode: "ACTIVE", text: `forbid(principal, action in ${A("CallTool")}, resource) when { principal.hasTag("department") && principal.getTag("department") == "it" };` }],
    "a condition on a group changed": policies.map((p) => (p.id === "action_in_condition" ? { ...p, text: p.text.replace('"auditor"', '"refund-agent"') } : p)),
    "a canary promoted to ACTIVE": policies.map((p) => (p.id === "canary_refund_permit" ? { ...p, enforcementMode: "ACTIVE" } : p)),
    "a forbid demoted to LOG_ONLY": policies.map((p) => (p.id === "mcp_freeze" ? { ...p, enforcementMode: "LOG_ONLY" } : p)),
    "everything removed": [],
    "a forbid on one tag's presence": [...policies, { id: "freeze_departments", enforcementMode: "ACTIVE", text: `forbid(principal, action in ${A("CallTool")}, resource) when { principal.hasTag("department") };` }],
    "a forbid on one principal": [...policies, { id: "freeze_agent_2", enforcementMode: "ACTIVE", text: `forbid(principal == AgentCore::OAuthUser::"agent-2", action in ${A("CallTool")}, resource);` }],
    "a forbid reading the context of every tool": [...policies, { id: "no_big_amounts", enforcementMode: "ACTIVE", text: `forbid(principal, action in ${A("CallTool")}, resource) when { context.input has amount && context.input.amount == 2000 };` }],
  };
  for (const [what, draftPolicies] of Object.entries(variants)) {
    it(`finds exactly the flips of deciding each set separately: ${what}`, () => {
      const draft = compilePolicySet(cedar, { policies: draftPolicies, schemaJson: schema });
      try {
        const expected = corpus.flatMap((c, index) => {
          const before = decide(compiled, gateway, c);
          const after = decide(draft, gateway, c);
          if (before.decision === after.decision) return [];
          // The forbids that deny it on its DENY side are that side's determining policies (none: default deny).
          const forbids = [...(before.decision === "DENY" ? before : after).determiningPolicies].sort();
          return [{ index, source: c.source, label: c.label, tool: c.tool, count: 1, from: before.decision, to: after.decision, arguments: c.request.params.arguments, forbids }];
        });
        const r = impact(corpus, gateway, compiled, draft);
        expect(r.flips).toEqual(expected);
        expect(r.allowToDeny + r.denyToAllow).toBe(expected.length);
        if (what !== "a forbid demoted to LOG_ONLY") expect(expected.length).toBeGreaterThan(0);
      } finally {
        disposeCompiled(draft);
      }
    });
  }
});
