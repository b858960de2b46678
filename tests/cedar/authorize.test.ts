import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { afterEach, describe, expect, it } from "vitest";
import { compilePolicySet, disposeCompiled, evaluate, type CompiledPolicySet, type PolicyToCompile } from "@/lib/cedar/authorize";
import { buildRequest, type RequestPrincipal as CallPrincipal } from "@/lib/cedar/request-from-call";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { loadToolSet, REFUND_GATEWAY, SEED_POLICY } from "./fixtures";

const schema = generateSchema([...loadToolSet("demo-refund").tools, ...loadToolSet("demo-orders").tools, ...loadToolSet("stripe").tools]).json;
const agent: CallPrincipal = { sub: "agent-1", claims: { role: "refund-agent" } };
const viewer: CallPrincipal = { sub: "viewer-1", claims: { role: "viewer" } };

let compiled: CompiledPolicySet[] = [];
afterEach(() => {
  compiled.forEach(disposeCompiled);
  compiled = [];
});

function engine(policies: Array<string | [string, string, "ACTIVE" | "LOG_ONLY"]>) {
  const list: PolicyToCompile[] = policies.map((p, i) => (typeof p === "string" ? { id: `p${i}`, text: p, enforcementMode: "ACTIVE" } : { id: p[0], text: p[1], enforcementMode: p[2] }));
  const c = compilePolicySet(cedar, { policies: list, schemaJson: schema });
  compiled.push(c);
  return (toolName: string, args: unknown, principal: CallPrincipal = agent) => {
    const built = buildRequest({ principal, toolName, args, gatewayArn: REFUND_GATEWAY, schemaJson: schema });
    if (!built.ok) throw new Error(built.error);
    return evaluate(c, built.request);
  };
}

const REFUND = "RefundTarget___process_refund";
const A = (tool: string) => `AgentCore::Action::"${tool}"`;

describe("AgentCore decision semantics", () => {
  it("the seed policy allows 500 and denies 2000", () => {
    const call = engine([SEED_POLICY]);
    expect(call(REFUND, { amount: 500 })).toEqual({ decision: "ALLOW", determiningPolicies: ["p0"], errors: [], logOnly: { matched: [], flips: [] } });
    expect(call(REFUND, { amount: 2000 })).toEqual({ decision: "DENY", determiningPolicies: [], errors: [], logOnly: { matched: [], flips: [] } });
  });

  it("default deny with no policies, and for a tool no policy names", () => {
    expect(engine([])(REFUND, { amount: 1 }).decision).toBe("DENY");
    expect(engine([SEED_POLICY])("OrdersTarget___get_order", { orderId: "1" }).decision).toBe("DENY");
  });

  it("forbid wins over permit", () => {
    const call = engine([`permit(principal, action, resource);`, `forbid(principal, action == ${A(REFUND)}, resource) when { context.input.amount > 100 };`]);
    expect(call(REFUND, { amount: 50 })).toMatchObject({ decision: "ALLOW", determiningPolicies: ["p0"] });
    expect(call(REFUND, { amount: 500 })).toMatchObject({ decision: "DENY", determiningPolicies: ["p1"] });
    expect(call("OrdersTarget___get_order", { orderId: "1" })).toMatchObject({ decision: "ALLOW" });
  });

  it("unless clauses", () => {
    const call = engine([`permit(principal, action == ${A(REFUND)}, resource) unless { context.input.amount >= 1000 };`]);
    expect(call(REFUND, { amount: 999 }).decision).toBe("ALLOW");
    expect(call(REFUND, { amount: 1000 }).decision).toBe("DENY");
  });

  it("claims as tags: hasTag/getTag", () => {
    const call = engine([`permit(principal, action == ${A(REFUND)}, resource) when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000 };`]);
    expect(call(REFUND, { amount: 10 }, agent).decision).toBe("ALLOW");
    expect(call(REFUND, { amount: 10 }, viewer).decision).toBe("DENY");
    expect(call(REFUND, { amount: 10 }, { sub: "x" }).decision).toBe("DENY");
  });

  it("a getTag without hasTag errors for a principal without the tag: the policy is skipped and the error reported", () => {
    const call = engine([`permit(principal, action, resource) when { principal.getTag("role") == "refund-agent" };`]);
    const r = call(REFUND, { amount: 1 }, { sub: "x" });
    expect(r.decision).toBe("DENY");
    expect(r.errors[0]).toMatch(/^p0: /);
  });

  it("action in CallTool / Mcp groups applies to every tool (the schema supplies the parents)", () => {
    for (const group of ["CallTool", "Mcp"]) {
      const call = engine([`permit(principal, action in ${A(group)}, resource);`]);
      expect(call(REFUND, { amount: 1 }).decision).toBe("ALLOW");
      expect(call("OrdersTarget___list_orders", {}).decision).toBe("ALLOW");
    }
  });

  it("action in [list] and resource == gateway", () => {
    const call = engine([`permit(principal, action in [${A("OrdersTarget___get_order")}, ${A("OrdersTarget___list_orders")}], resource == AgentCore::Gateway::"${REFUND_GATEWAY}");`]);
    expect(call("OrdersTarget___get_order", { orderId: "1" }).decision).toBe("ALLOW");
    expect(call("OrdersTarget___list_orders", {}).decision).toBe("ALLOW");
    expect(call("OrdersTarget___update_order", { orderId: "1" }).decision).toBe("DENY");
  });

  it("decimals compare with lessThan, enums by entity literal", () => {
    const call = engine([
      `permit(principal, action == ${A("PaymentsTarget___create_charge")}, resource) when { context.input.amount.lessThan(decimal("100.00")) && context.input.currency == AgentCore::PaymentsTarget___create_charge::Input::currency::"usd" };`,
    ]);
    expect(call("PaymentsTarget___create_charge", { amount: 99.99, currency: "usd" }).decision).toBe("ALLOW");
    expect(call("PaymentsTarget___create_charge", { amount: 100, currency: "usd" }).decision).toBe("DENY");
    expect(call("PaymentsTarget___create_charge", { amount: 99.99999, currency: "usd" }).decision).toBe("ALLOW"); // truncated to 99.9999
    expect(call("PaymentsTarget___create_charge", { amount: 5, currency: "eur" }).decision).toBe("DENY");
  });

  it("tag entities from additionalProperties", () => {
    const call = engine([`permit(principal, action == ${A("PaymentsTarget___create_charge")}, resource) when { context.input has metadata && context.input.metadata.hasTag("env") && context.input.metadata.getTag("env") == "test" };`]);
    expect(call("PaymentsTarget___create_charge", { amount: 1, currency: "usd", metadata: { env: "test" } }).decision).toBe("ALLOW");
    expect(call("PaymentsTarget___create_charge", { amount: 1, currency: "usd", metadata: { env: "prod" } }).decision).toBe("DENY");
  });

  it("principal and resource scope constraints", () => {
    const call = engine([`permit(principal == AgentCore::OAuthUser::"agent-1", action, resource is AgentCore::Gateway);`]);
    expect(call(REFUND, { amount: 1 }, agent).decision).toBe("ALLOW");
    expect(call(REFUND, { amount: 1 }, viewer).decision).toBe("DENY");
  });

  it("a request whose context does not match the schema is denied with an error", () => {
    const c = compilePolicySet(cedar, { policies: [{ id: "all", text: "permit(principal, action, resource);", enforcementMode: "ACTIVE" }], schemaJson: schema });
    compiled.push(c);
    const r = evaluate(c, {
      principal: { type: "AgentCore::OAuthUser", id: "a" },
      action: { type: "AgentCore::Action", id: REFUND },
      resource: { type: "AgentCore::Gateway", id: "g" },
      context: { input: { amount: "lots" } },
      entities: [],
    });
    expect(r.decision).toBe("DENY");
    expect(r.errors.length).toBeGreaterThan(0);
    expect(evaluate(c, { ...{ principal: { type: "AgentCore::OAuthUser", id: "a" }, resource: { type: "AgentCore::Gateway", id: "g" }, context: {}, entities: [] }, action: { type: "AgentCore::Action", id: "Nope" } }).errors[0]).toMatch(/not in this gateway/);
  });

  it("reports policies that do not compile and ignores them", () => {
    const c = compilePolicySet(cedar, {
      policies: [
        { id: "ok", text: "permit(principal, action, resource);", enforcementMode: "ACTIVE" },
        { id: "bad", text: "permit(principal, action, resource", enforcementMode: "ACTIVE" },
        { id: "ok", text: "forbid(principal, action, resource);", enforcementMode: "ACTIVE" },
      ],
      schemaJson: schema,
    });
    compiled.push(c);
    expect(c.problems.map((p) => p.id)).toEqual(["bad", "ok"]);
  });
});

describe("LOG_ONLY policies", () => {
  const permitAll = "permit(principal, action, resource);";
  const forbidBig = `forbid(principal, action == ${A(REFUND)}, resource) when { context.input.amount > 100 };`;
  const permitSmall = `permit(principal, action == ${A(REFUND)}, resource) when { context.input.amount < 50 };`;

  it("a LOG_ONLY forbid never decides, but flips an ALLOW it matches", () => {
    const call = engine([["all", permitAll, "ACTIVE"], ["big", forbidBig, "LOG_ONLY"]]);
    expect(call(REFUND, { amount: 500 })).toEqual({ decision: "ALLOW", determiningPolicies: ["all"], errors: [], logOnly: { matched: ["big"], flips: ["big"] } });
    expect(call(REFUND, { amount: 5 })).toEqual({ decision: "ALLOW", determiningPolicies: ["all"], errors: [], logOnly: { matched: [], flips: [] } });
  });

  it("a LOG_ONLY permit flips a default deny, but not a deny by an ACTIVE forbid", () => {
    const call = engine([["small", permitSmall, "LOG_ONLY"], ["big", forbidBig, "ACTIVE"]]);
    expect(call(REFUND, { amount: 10 })).toEqual({ decision: "DENY", determiningPolicies: [], errors: [], logOnly: { matched: ["small"], flips: ["small"] } });
    expect(call(REFUND, { amount: 70 }).logOnly).toEqual({ matched: [], flips: [] });
    const withForbid = engine([["all", `permit(principal, action, resource) when { context.input has amount && context.input.amount < 10 };`, "LOG_ONLY"], ["deny", `forbid(principal, action, resource);`, "ACTIVE"]]);
    expect(withForbid(REFUND, { amount: 5 })).toEqual({ decision: "DENY", determiningPolicies: ["deny"], errors: [], logOnly: { matched: ["all"], flips: [] } });
  });

  it("matched LOG_ONLY policies that agree with the decision are not flips", () => {
    const call = engine([["seed", SEED_POLICY, "ACTIVE"], ["dup", permitSmall, "LOG_ONLY"], ["f", forbidBig, "LOG_ONLY"]]);
    expect(call(REFUND, { amount: 10 })).toEqual({ decision: "ALLOW", determiningPolicies: ["seed"], errors: [], logOnly: { matched: ["dup"], flips: [] } });
    expect(call(REFUND, { amount: 500 })).toEqual({ decision: "ALLOW", determiningPolicies: ["seed"], errors: [], logOnly: { matched: ["f"], flips: ["f"] } });
    expect(call(REFUND, { amount: 5000 })).toEqual({ decision: "DENY", determiningPolicies: [], errors: [], logOnly: { matched: ["f"], flips: [] } });
  });

  it("flips agree with brute force (each LOG_ONLY made ACTIVE alone) over a grid of calls", () => {
    const active: Array<[string, string]> = [
      ["seed", SEED_POLICY],
      ["viewer-no", `forbid(principal, action, resource) when { principal.hasTag("role") && principal.getTag("role") == "viewer" };`],
    ];
    const logOnly: Array<[string, string]> = [
      ["lo-forbid-300", `forbid(principal, action == ${A(REFUND)}, resource) when { context.input.amount > 300 };`],
      ["lo-permit-viewer", `permit(principal, action, resource) when { principal.hasTag("role") && principal.getTag("role") == "viewer" };`],
      ["lo-permit-orders", `permit(principal, action in [${A("OrdersTarget___get_order")}], resource);`],
      ["lo-permit-big", `permit(principal, action == ${A(REFUND)}, resource) when { context.input.amount < 5000 };`],
    ];
    const call = engine([...active.map(([id, t]) => [id, t, "ACTIVE"] as [string, string, "ACTIVE"]), ...logOnly.map(([id, t]) => [id, t, "LOG_ONLY"] as [string, string, "LOG_ONLY"])]);
    const calls: Array<[string, unknown, CallPrincipal]> = [];
    for (const p of [agent, viewer]) {
      for (const amount of [10, 400, 2000, 9000]) calls.push([REFUND, { amount }, p]);
      calls.push(["OrdersTarget___get_order", { orderId: "1" }, p]);
    }
    for (const [tool, args, p] of calls) {
      const got = call(tool, args, p);
      const base = engine(active.map(([id, t]) => [id, t, "ACTIVE"] as [string, string, "ACTIVE"]))(tool, args, p);
      expect(got.decision).toBe(base.decision);
      const brute = logOnly
        .filter(([id, t]) => engine([...active.map(([i, x]) => [i, x, "ACTIVE"] as [string, string, "ACTIVE"]), [id, t, "ACTIVE"]])(tool, args, p).decision !== base.decision)
        .map(([id]) => id);
      expect([...got.logOnly.flips].sort()).toEqual(brute.sort());
    }
  });
});

describe("compilation", () => {
  it("indexes by action: shares one preparsed set between tools with the same applicable policies", () => {
    const c = compilePolicySet(cedar, {
      policies: [
        { id: "all", text: "permit(principal, action, resource);", enforcementMode: "ACTIVE" },
        { id: "refund", text: SEED_POLICY, enforcementMode: "ACTIVE" },
      ],
      schemaJson: schema,
    });
    compiled.push(c);
    expect(c.setIds).toHaveLength(2); // {all} for every other tool, {all, refund} for the refund tool
  });

  it("disposed sets can no longer be used", () => {
    const c = compilePolicySet(cedar, { policies: [{ id: "all", text: "permit(principal, action, resource);", enforcementMode: "ACTIVE" }], schemaJson: schema });
    disposeCompiled(c);
    const built = buildRequest({ principal: agent, toolName: REFUND, args: { amount: 1 }, gatewayArn: "g", schemaJson: schema });
    expect(built.ok && evaluate(c, built.request).decision).toBe("DENY");
  });
});
