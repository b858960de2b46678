import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { ORDER_MCP_TOOLS, REFUND_MCP_TOOLS, refundPolicyStatement } from "@/lib/demo/tools";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { generatedPolicyName, ordering, planPublish, withGeneratedIds, type PublishedPolicy } from "@/lib/publishing/plan";
import { toDocument } from "@/lib/workspace/document";

const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/refundgateway-abc1234567";
const tools = [...REFUND_MCP_TOOLS, ...ORDER_MCP_TOOLS];
const schemaJson = generateSchema(tools).json as Record<string, unknown>;

const REFUND = refundPolicyStatement(ARN);
const pol = (name: string, statement: string, extra: Partial<PublishedPolicy> = {}): PublishedPolicy => ({ policyId: `${name}-id`, name, description: "", statement, enforcementMode: "ACTIVE", ...extra });
const permitTool = (tool: string, when = "") => `permit(principal, action == AgentCore::Action::"${tool}", resource)${when ? ` when { ${when} }` : ""};`;
const forbidTool = (tool: string, when = "") => `forbid(principal, action == AgentCore::Action::"${tool}", resource)${when ? ` when { ${when} }` : ""};`;
const doc = (...ps: PublishedPolicy[]) => toDocument(ps);
const plan = (text: string, published: PublishedPolicy[]) => planPublish(cedar, { text, published, schemaJson });

describe("diffing the draft document against the engine by name", () => {
  it("finds nothing to do when the draft is the published document", () => {
    const published = [pol("refund_limit_policy", REFUND, { description: "Refunds under $1000" })];
    const p = plan(doc(...published), published);
    expect(p.ok).toBe(true);
    expect(p.operations).toEqual([]);
    expect(p.policies).toMatchObject([{ name: "refund_limit_policy", change: "unchanged" }]);
    expect(p.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 1 });
  });

  it("reports added, changed and removed policies, and sends statements without the console's annotations", () => {
    const published = [pol("refund_limit_policy", REFUND), pol("old_reads", permitTool("OrdersTarget___get_order"))];
    const draft = doc(pol("refund_limit_policy", REFUND.replace("1000", "500")), pol("no_creates", forbidTool("OrdersTarget___create_order"), { description: "No new orders" }));
    const p = plan(draft, published);
    expect(p.ok).toBe(true);
    expect(Object.fromEntries(p.policies.map((x) => [x.name, x.change]))).toEqual({ refund_limit_policy: "changed", no_creates: "added", old_reads: "removed" });
    const create = p.operations.find((o) => o.op === "create")!;
    expect(create.create).toEqual({ name: "no_creates", description: "No new orders", statement: forbidTool("OrdersTarget___create_order"), definitionKind: "cedar", enforcementMode: "ACTIVE" });
    expect(create.create!.statement).not.toContain("@");
    const update = p.operations.find((o) => o.op === "update")!;
    expect(update).toMatchObject({ policyId: "refund_limit_policy-id", update: { statement: expect.stringContaining("< 500") } });
    expect(update.update).not.toHaveProperty("description");
    expect(p.operations.find((o) => o.op === "delete")).toMatchObject({ name: "old_reads", policyId: "old_reads-id" });
  });

  it("re-sends a policy the engine reports as CREATE_FAILED or UPDATE_FAILED, even when the draft matches it", () => {
    const published = [pol("refund_limit_policy", REFUND, { status: "CREATE_FAILED" }), pol("reads", permitTool("OrdersTarget___get_order"), { status: "UPDATE_FAILED" }), pol("lists", permitTool("OrdersTarget___list_orders"), { status: "ACTIVE" })];
    const p = plan(doc(...published), published);
    expect(p.policies.map((x) => [x.name, x.change, x.resend])).toEqual([
      ["refund_limit_policy", "changed", "CREATE_FAILED"],
      ["reads", "changed", "UPDATE_FAILED"],
      ["lists", "unchanged", undefined],
    ]);
    // UpdatePolicy is refused on a policy that was never created: that one is deleted and created again.
    expect(p.operations).toMatchObject([
      { op: "delete", name: "refund_limit_policy", policyId: "refund_limit_policy-id", phase: 1 },
      { op: "update", name: "reads", update: { statement: permitTool("OrdersTarget___get_order") }, reason: "re-sends a policy the engine reports UPDATE_FAILED" },
      { op: "create", name: "refund_limit_policy", create: { statement: REFUND }, phase: 4 },
    ]);
  });

  it("sees description and enforcement-mode changes as their own fields", () => {
    const published = [pol("reads", permitTool("OrdersTarget___get_order"))];
    const p = plan(doc(pol("reads", permitTool("OrdersTarget___get_order"), { description: "Reads", enforcementMode: "LOG_ONLY" })), published);
    expect(p.policies[0]).toMatchObject({ change: "changed", statementChanged: false, descriptionChanged: true, modeChanged: true, before: { enforcementMode: "ACTIVE" }, after: { enforcementMode: "LOG_ONLY" } });
    expect(p.operations[0].update).toEqual({ description: "Reads", enforcementMode: "LOG_ONLY" });
  });

  it("ignores whitespace around a statement but not inside it", () => {
    const published = [pol("reads", `  ${permitTool("OrdersTarget___get_order")}\n`)];
    expect(plan(doc(pol("reads", permitTool("OrdersTarget___get_order"))), published).operations).toEqual([]);
  });
});

describe("ordering so the live set never allows what both the old and new sets deny", () => {
  it("adds forbids and removes permits first, then changes, then adds permits, then removes forbids, canaries last", () => {
    const published = [
      pol("old_permit", permitTool("OrdersTarget___list_orders")),
      pol("old_forbid", forbidTool("OrdersTarget___update_order")),
      pol("swap_permit", permitTool("OrdersTarget___get_order", "context.input.orderId == \"a\"")),
      pol("swap_forbid", forbidTool("OrdersTarget___create_order", "principal.hasTag(\"x\")")),
    ];
    const draft = doc(
      pol("new_permit", permitTool("RefundTarget___process_refund")),
      pol("new_forbid", forbidTool("OrdersTarget___list_orders")),
      pol("swap_permit", permitTool("OrdersTarget___get_order", "context.input.orderId == \"b\"")),
      pol("swap_forbid", forbidTool("OrdersTarget___create_order", "principal.hasTag(\"y\")")),
      pol("canary", permitTool("OrdersTarget___update_order"), { enforcementMode: "LOG_ONLY" }),
    );
    const p = plan(draft, published);
    expect(p.ok).toBe(true);
    expect(p.operations.map((o) => `${o.phase}:${o.op}:${o.name}`)).toEqual([
      "1:delete:old_permit",
      "1:create:new_forbid",
      "2:update:swap_forbid",
      "3:update:swap_permit",
      "4:create:new_permit",
      "5:delete:old_forbid",
      "6:create:canary",
    ]);
    // A changed forbid together with a changed permit cannot swap atomically together: say so.
    expect(p.warnings.map((w) => w.message).join("\n")).toContain("not atomic together");
  });

  it("treats a mode change as adding or removing the policy from the deciding set", () => {
    expect(ordering({ effect: "permit", mode: "ACTIVE" }, { effect: "permit", mode: "LOG_ONLY" }, false).phase).toBe(1);
    expect(ordering({ effect: "permit", mode: "LOG_ONLY" }, { effect: "permit", mode: "ACTIVE" }, false).phase).toBe(4);
    expect(ordering({ effect: "forbid", mode: "LOG_ONLY" }, { effect: "forbid", mode: "ACTIVE" }, false).phase).toBe(1);
    expect(ordering({ effect: "forbid", mode: "ACTIVE" }, { effect: "forbid", mode: "LOG_ONLY" }, true).phase).toBe(5);
    expect(ordering({ effect: "permit", mode: "LOG_ONLY" }, { effect: "permit", mode: "LOG_ONLY" }, true).phase).toBe(6);
    expect(ordering(null, { effect: "forbid", mode: "LOG_ONLY" }, false).phase).toBe(6);
  });

  it("puts an effect flip where both halves belong: permit→forbid narrows, forbid→permit widens", () => {
    expect(ordering({ effect: "permit", mode: "ACTIVE" }, { effect: "forbid", mode: "ACTIVE" }, true)).toMatchObject({ phase: 1, reason: expect.stringContaining("narrows") });
    expect(ordering({ effect: "forbid", mode: "ACTIVE" }, { effect: "permit", mode: "ACTIVE" }, true)).toMatchObject({ phase: 4, reason: expect.stringContaining("widens") });
  });

  it("does not warn when only permits change in place", () => {
    const published = [pol("a", permitTool("OrdersTarget___get_order")), pol("b", permitTool("OrdersTarget___list_orders"))];
    const p = plan(doc(pol("a", permitTool("OrdersTarget___get_order", "true")), pol("b", permitTool("OrdersTarget___list_orders", "true"))), published);
    expect(p.operations.map((o) => o.phase)).toEqual([3, 3]);
    expect(p.warnings).toEqual([]);
  });

  it("proves the invariant by brute force: every intermediate set allows only calls the old or the new set allows", () => {
    // A tiny model: calls are (tool, amount); policies are predicates. Check every prefix of the plan.
    const published = [
      pol("p1", permitTool("RefundTarget___process_refund", "context.input.amount < 100")),
      pol("p2", permitTool("RefundTarget___process_refund", "context.input.amount < 50")),
      pol("f1", forbidTool("RefundTarget___process_refund", "context.input.amount == 30")),
    ];
    const draft = doc(
      pol("p2", permitTool("RefundTarget___process_refund", "context.input.amount < 80")),
      pol("p3", permitTool("RefundTarget___process_refund", "context.input.amount > 200")),
      pol("f2", forbidTool("RefundTarget___process_refund", "context.input.amount == 70")),
    );
    const p = plan(draft, published);
    type Live = Map<string, { statement: string; mode: string }>;
    const live: Live = new Map(published.map((x) => [x.name, { statement: x.statement, mode: x.enforcementMode }]));
    const allowed = (set: Live, amount: number) => {
      const active = [...set.values()].filter((x) => x.mode === "ACTIVE");
      const matches = (s: string) => {
        const lt = /amount < (\d+)/.exec(s);
        const gt = /amount > (\d+)/.exec(s);
        const eq = /amount == (\d+)/.exec(s);
        return lt ? amount < +lt[1] : gt ? amount > +gt[1] : eq ? amount === +eq[1] : true;
      };
      return active.some((x) => x.statement.startsWith("permit") && matches(x.statement)) && !active.some((x) => x.statement.startsWith("forbid") && matches(x.statement));
    };
    const oldSet = new Map(live);
    const newSet: Live = new Map(p.desired.map((d) => [d.name, { statement: d.statement, mode: d.enforcementMode }]));
    const amounts = Array.from({ length: 300 }, (_, i) => i);
    for (const op of p.operations) {
      if (op.op === "delete") live.delete(op.name);
      else if (op.op === "create") live.set(op.name, { statement: op.create!.statement, mode: op.create!.enforcementMode });
      else live.set(op.name, { statement: op.update!.statement ?? live.get(op.name)!.statement, mode: op.update!.enforcementMode ?? live.get(op.name)!.mode });
      for (const a of amounts) if (allowed(live, a)) expect(allowed(oldSet, a) || allowed(newSet, a), `amount ${a} after ${op.op} ${op.name}`).toBe(true);
    }
    expect([...live.keys()].sort()).toEqual([...newSet.keys()].sort());
  });
});

describe("validating before anything is sent", () => {
  it("blocks a draft that does not validate against the gateway schema, with the line", () => {
    const p = plan(`@id("typo")\n${permitTool("RefundTarget___process_refund", "context.input.amout < 5")}\n`, []);
    expect(p.ok).toBe(false);
    expect(p.errors[0]).toMatchObject({ line: 2, message: expect.stringContaining("amout") });
  });

  it("blocks duplicate names and names the engine would refuse", () => {
    const dup = plan(`@id("a")\n${permitTool("OrdersTarget___get_order")}\n@id("a")\n${permitTool("OrdersTarget___list_orders")}\n`, []);
    expect(dup.errors.map((e) => e.message)).toContainEqual(expect.stringContaining('Two policies are named "a" (lines 1 and 3)'));
    const bad = plan(`@id("9 lives")\n${permitTool("OrdersTarget___get_order")}\n`, []);
    expect(bad.errors[0].message).toContain("not a valid engine policy name");
  });

  it("blocks a policy over 10 KB and a set over 200 KB", () => {
    const big = `context.input.orderId != "${"x".repeat(10_300)}"`;
    const one = plan(`@id("huge")\n${permitTool("OrdersTarget___get_order", big)}\n`, []);
    expect(one.errors.map((e) => e.message)).toContainEqual(expect.stringContaining("at most 10 KB per policy"));
    const many = Array.from({ length: 25 }, (_, i) => `@id("p${i}")\n${permitTool("OrdersTarget___get_order", `context.input.orderId != "${"y".repeat(9_000)}"`)}`).join("\n");
    const all = plan(many, []);
    expect(all.errors.map((e) => e.message)).toContainEqual(expect.stringContaining("at most 200 KB"));
    expect(all.totalBytes).toBeGreaterThan(200 * 1024);
  });

  it("rejects an unknown @enforcement_mode and an unfinished trailing policy", () => {
    const p = plan(`@id("a")\n@enforcement_mode("SHADOW")\n${permitTool("OrdersTarget___get_order")}\npermit(principal,`, []);
    expect(p.errors.map((e) => e.message).join("\n")).toMatch(/SHADOW[\s\S]*|not a complete policy/);
    expect(p.errors.some((e) => e.message.includes("SHADOW"))).toBe(true);
  });

  it("warns that an empty draft means default deny", () => {
    expect(plan("", [pol("a", permitTool("OrdersTarget___get_order"))]).warnings[0].message).toContain("default deny");
  });
});

describe("policies without @id", () => {
  it("get a stable, valid generated name that the review announces and the draft keeps", () => {
    const text = `// reads\n${permitTool("OrdersTarget___get_order")}\n`;
    const p = plan(text, []);
    const name = p.policies[0].name;
    expect(name).toMatch(/^permit_get_order_[0-9a-f]{6}$/);
    expect(p.policies[0].generatedName).toBe(true);
    expect(plan(text, []).policies[0].name).toBe(name);
    expect(p.warnings[0].message).toContain(`published as "${name}"`);
    const kept = withGeneratedIds(cedar, text);
    expect(kept).toBe(`// reads\n@id("${name}")\n${permitTool("OrdersTarget___get_order")}\n`);
    // After the draft keeps the id, the same policy maps to the same engine policy: nothing to do.
    expect(plan(kept, [pol(name, permitTool("OrdersTarget___get_order"))]).operations).toEqual([]);
  });

  it("names a policy over every tool and over several tools", () => {
    expect(generatedPolicyName("forbid", null, "forbid(principal, action, resource);")).toMatch(/^forbid_all_tools_[0-9a-f]{6}$/);
    expect(generatedPolicyName("permit", ["A___x", "A___y"], "s")).toMatch(/^permit_tools_/);
  });
});
