import { describe, expect, it } from "vitest";
import type { ToolComparison } from "@/lib/analysis/types";
import { loadToolSet } from "../cedar/fixtures";
import { analyze, DEMO_TOOLS, forbid, gatewayOf, permit, REFUND } from "./support";

const demo = gatewayOf(DEMO_TOOLS);
const LIMIT = permit(REFUND, "context.input.amount < 1000", "refund_limit_policy");

async function compare(published: string, draft: string, gateway = demo) {
  const r = await analyze(gateway, published, draft, { comparisonOnly: true });
  expect(r.soundness).toEqual([]);
  return (tool: string) => r.tools.find((t) => t.tool === tool) as ToolComparison;
}

describe("per-tool comparison of a draft with the published set", () => {
  it("raising the refund limit from 1000 to 1500 is more permissive, with an example amount in [1000, 1499]", async () => {
    const refund = (await compare(LIMIT, permit(REFUND, "context.input.amount < 1500", "refund_limit_policy")))(REFUND);
    expect(refund).toMatchObject({ relation: "more-permissive", newlyDenied: [], method: "solver" });
    expect(refund.newlyAllowed.length).toBeGreaterThan(0);
    for (const ex of refund.newlyAllowed) {
      expect(ex.arguments.amount).toBeGreaterThanOrEqual(1000);
      expect(ex.arguments.amount).toBeLessThanOrEqual(1499);
      expect(ex).toMatchObject({ published: { decision: "DENY" }, draft: { decision: "ALLOW", determiningPolicies: ["refund_limit_policy"] } });
    }
  });

  it("adding a role condition is more restrictive, with an example caller lacking the role", async () => {
    const draft = permit(REFUND, 'context.input.amount < 1000 && principal.hasTag("role") && principal.getTag("role") == "refund-agent"', "refund_limit_policy");
    const refund = (await compare(LIMIT, draft))(REFUND);
    expect(refund).toMatchObject({ relation: "more-restrictive", newlyAllowed: [] });
    expect(refund.newlyDenied.length).toBeGreaterThan(0);
    for (const ex of refund.newlyDenied) {
      expect(ex.principal.claims?.role).not.toBe("refund-agent");
      expect(ex.arguments.amount).toBeLessThan(1000);
      expect(ex).toMatchObject({ published: { decision: "ALLOW" }, draft: { decision: "DENY" } });
    }
  });

  it("tools whose policies did not change are equivalent without the solver; rewrites that mean the same are equivalent by the solver", async () => {
    const same = await compare(LIMIT, `// a comment\n${LIMIT}`);
    expect(same(REFUND)).toMatchObject({ relation: "equivalent", method: "identical" });
    expect(same("OrdersTarget___get_order")).toMatchObject({ relation: "equivalent", method: "identical" });
    const rewritten = await compare(LIMIT, permit(REFUND, "!(context.input.amount >= 1000) && (context.input.amount < 5000 || false)", "renamed"));
    expect(rewritten(REFUND)).toMatchObject({ relation: "equivalent", method: "solver", newlyAllowed: [], newlyDenied: [] });
  });

  it("a change that widens some calls and narrows others is incomparable, with examples both ways", async () => {
    const draft = permit(REFUND, 'context.input.amount < 1500 && principal.hasTag("role")', "refund_limit_policy");
    const refund = (await compare(LIMIT, draft))(REFUND);
    expect(refund.relation).toBe("incomparable");
    expect(refund.newlyAllowed[0].principal.claims).toHaveProperty("role");
    expect(refund.newlyDenied[0].principal.claims?.role).toBeUndefined();
  });

  it("a forbid wins over permits; LOG_ONLY policies do not decide", async () => {
    const withForbid = await compare(LIMIT, `${LIMIT}\n${forbid(REFUND, "context.input.amount > 500", "cap")}`);
    expect(withForbid(REFUND).relation).toBe("more-restrictive");
    expect(withForbid(REFUND).newlyDenied[0]).toMatchObject({ draft: { decision: "DENY", determiningPolicies: ["cap"] } });
    const amount = withForbid(REFUND).newlyDenied[0].arguments.amount as number;
    expect(amount > 500 && amount < 1000).toBe(true);
    const canary = await compare(LIMIT, `${LIMIT}\n@enforcement_mode("LOG_ONLY")\n${forbid(REFUND, "context.input.amount > 500", "cap")}`);
    expect(canary(REFUND).relation).toBe("equivalent");
  });

  it("follows Cedar's error semantics: a getTag that errors makes the policy not apply, and || short-circuits", async () => {
    const unguarded = permit(REFUND, 'principal.getTag("role") == "admin"', "p");
    const guarded = permit(REFUND, 'principal.hasTag("role") && principal.getTag("role") == "admin"', "p");
    expect((await compare(unguarded, guarded))(REFUND).relation).toBe("equivalent");
    // Without a `dept` claim the right side errors: the first form then never applies.
    const left = permit(REFUND, 'principal.getTag("dept") == "x" || context.input.amount < 10', "p");
    const right = permit(REFUND, 'context.input.amount < 10 || principal.getTag("dept") == "x"', "p");
    const c = (await compare(left, right))(REFUND);
    expect(c.relation).toBe("more-permissive");
    expect(c.newlyAllowed[0].principal.claims?.dept).toBeUndefined();
    expect(c.newlyAllowed[0].arguments.amount).toBeLessThan(10);
  });

  it("Long arithmetic that overflows is an error, so the policy does not apply", async () => {
    const c = (await compare(permit(REFUND, "context.input.amount > 0", "p"), permit(REFUND, "context.input.amount * 1000000000 > 0", "p")))(REFUND);
    expect(c.relation).toBe("more-restrictive");
    expect(c.newlyDenied[0].arguments.amount as number).toBeGreaterThan(9223372036);
  });

  it("like patterns are exact: a narrower prefix is more restrictive, with a string outside it", async () => {
    const get = "OrdersTarget___get_order";
    const c = (await compare(permit(get, 'context.input.orderId like "ord-*"', "p"), permit(get, 'context.input.orderId like "ord-1*" && !(context.input.orderId like "*x")', "p")))(get);
    expect(c.relation).toBe("more-restrictive");
    for (const ex of c.newlyDenied) {
      const id = ex.arguments.orderId as string;
      expect(id.startsWith("ord-") && (!id.startsWith("ord-1") || id.endsWith("x"))).toBe(true);
    }
    const same = (await compare(permit(get, 'context.input.orderId like "a*b"', "p"), permit(get, 'context.input.orderId like "a*" && context.input.orderId like "*b" && context.input.orderId != "ab" || context.input.orderId == "ab"', "p")))(get);
    expect(same.relation).toBe("equivalent");
  });

  it("enum arguments, optional fields and their presence", async () => {
    const list = "OrdersTarget___list_orders";
    const status = (s: string) => `AgentCore::OrdersTarget___list_orders::Input::status::"${s}"`;
    const c = (await compare(permit(list, `context.input has status && context.input.status == ${status("shipped")}`, "p"), permit(list, `context.input has status && context.input.status in [${status("shipped")}, ${status("pending")}]`, "p")))(list);
    expect(c.relation).toBe("more-permissive");
    expect(c.newlyAllowed[0].arguments).toEqual({ status: "pending" });
    const optional = (await compare(permit(list, "context.input has limit && context.input.limit < 10", "p"), permit(list, "context.input.limit < 10", "p")))(list);
    expect(optional.relation).toBe("equivalent");
  });

  it("decimal numbers compare as 4-digit fixed point", async () => {
    const pay = loadToolSet("stripe");
    const g = gatewayOf(pay.tools);
    const charge = "PaymentsTarget___create_charge";
    const c = (await compare(permit(charge, 'context.input.amount.lessThan(decimal("10.5"))', "p"), permit(charge, 'context.input.amount.lessThanOrEqual(decimal("10.5"))', "p"), g))(charge);
    expect(c.relation).toBe("more-permissive");
    expect(c.newlyAllowed).toHaveLength(1);
    expect(c.newlyAllowed[0].arguments.amount).toBe(10.5);
    expect(["usd", "eur"]).toContain(c.newlyAllowed[0].arguments.currency);
  });

  it("sets of strings: containsAny is wider than contains", async () => {
    const arrays = gatewayOf(loadToolSet("arrays").tools);
    const tool = "ArrayTarget___arrays";
    const c = (await compare(permit(tool, 'context.input has tags && context.input.tags.contains("a")', "p"), permit(tool, 'context.input has tags && context.input.tags.containsAny(["a", "b"])', "p"), arrays))(tool);
    expect(c.relation).toBe("more-permissive");
    const tags = c.newlyAllowed[0].arguments.tags as string[];
    expect(tags).toContain("b");
    expect(tags).not.toContain("a");
    const empty = (await compare(permit(tool, "context.input has tags && context.input.tags.isEmpty()", "p"), permit(tool, "context.input has tags && context.input.tags == []", "p"), arrays))(tool);
    expect(empty.relation).toBe("equivalent");
  });

  it("examples satisfy the tool's JSON Schema bounds, lengths, patterns and integer enums", async () => {
    const tool = "Shop___order";
    const g = gatewayOf([
      {
        name: tool,
        description: "",
        inputSchema: {
          type: "object",
          properties: { qty: { type: "integer", minimum: 1, maximum: 50 }, code: { type: "string", pattern: "^[A-Z]{3}$" }, level: { type: "integer", enum: [1, 2, 3] } },
          required: ["qty", "code", "level"],
        },
      },
    ]);
    const c = (await compare(permit(tool, "context.input.qty < 10", "p"), permit(tool, 'context.input.qty < 20 && context.input.code like "A*" && context.input.level > 2', "p"), g))(tool);
    expect(c.relation).toBe("incomparable");
    const [up] = c.newlyAllowed;
    expect(up.arguments).toMatchObject({ level: 3, code: expect.stringMatching(/^A[A-Z]{2}$/) });
    expect(up.arguments.qty as number).toBeGreaterThanOrEqual(10);
    expect(up.arguments.qty as number).toBeLessThan(20);
    for (const down of c.newlyDenied) {
      expect(down.arguments.code).toMatch(/^[A-Z]{3}$/);
      expect(down.arguments.qty as number).toBeGreaterThanOrEqual(1);
      expect([1, 2, 3]).toContain(down.arguments.level);
    }
    // Bounds are part of the domain: below the minimum there is no call to differ on.
    expect((await compare(permit(tool, "context.input.qty >= 1", "p"), permit(tool, "true", "p"), g))(tool).relation).toBe("equivalent");
  });

  it("IAM gateways: principal.id is the caller's ARN and examples say so", async () => {
    const iam = gatewayOf(DEMO_TOOLS, "IamEntity");
    const c = (await compare(permit(REFUND, 'principal.id like "arn:aws:iam::*:role/Refunds*"', "p"), permit(REFUND, 'principal.id like "arn:aws:iam::*:role/*"', "p"), iam))(REFUND);
    expect(c.relation).toBe("more-permissive");
    const p = c.newlyAllowed[0].principal;
    expect(p.type).toBe("IamEntity");
    expect(p.sub).toMatch(/^arn:aws:iam::.*:role\//);
    expect(p.sub).not.toMatch(/:role\/Refunds/);
  });

  it("constructs outside the encoded subset are abstracted: sound when unchanged, unknown (named) when the answer hinges on them", async () => {
    const loopback = 'ip("127.0.0.1").isLoopback()';
    const same = (await compare(permit(REFUND, `${loopback} && context.input.amount < 5`, "p"), permit(REFUND, `context.input.amount < 5 && ${loopback}`, "p")))(REFUND);
    expect(same).toMatchObject({ relation: "equivalent", abstracted: ["the extension function isLoopback()"] });
    const hinge = (await compare(permit(REFUND, 'ip("10.0.0.1").isLoopback()', "p"), permit(REFUND, 'ip("10.0.0.1").isLoopback() && context.input.amount < 5', "p")))(REFUND);
    expect(hinge.relation).toBe("unknown");
    expect(hinge.reason).toContain("isLoopback");
  });
});

describe("the soundness guard", () => {
  it("never shows an example cedar-wasm contradicts: it is reported as an analysis bug and the relation is unknown", async () => {
    const { smtSolver } = await import("@/lib/analysis/solver");
    const { analyzeDraft } = await import("@/lib/analysis/analyze");
    const cedar = await import("@cedar-policy/cedar-wasm/nodejs");
    // An engine that denies everything disagrees with the solver about every newly allowed call.
    const lying = { ...cedar, statefulIsAuthorized: ((call: Parameters<typeof cedar.statefulIsAuthorized>[0]) => {
      const real = cedar.statefulIsAuthorized(call);
      return real.type === "success" ? { ...real, response: { ...real.response, decision: "deny", diagnostics: { ...real.response.diagnostics, reason: [] } } } : real;
    }) as typeof cedar.statefulIsAuthorized };
    const r = await analyzeDraft(lying, await smtSolver(), { gateway: demo, publishedText: LIMIT, draftText: permit(REFUND, "context.input.amount < 1500", "refund_limit_policy"), comparisonOnly: true });
    const refund = r.tools.find((t) => t.tool === REFUND)!;
    expect(refund).toMatchObject({ relation: "unknown", newlyAllowed: [], reason: expect.stringContaining("soundness guard") });
    expect(r.soundness).toContainEqual(expect.objectContaining({ tool: REFUND, message: expect.stringContaining("contradict") }));
  });
});
