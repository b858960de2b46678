import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { joinPolicies, splitPolicies } from "@/lib/cedar/policy-parts";
import { formatPolicies } from "@/lib/cedar/format";

const DOC = `// Orders: read yes, write no
@id("orders-read")
@description("reads; with a ; inside a string")
permit(principal, action in [AgentCore::Action::"OrdersTarget___get_order", AgentCore::Action::"OrdersTarget___list_orders"], resource);

// é😀 writes are prohibited
forbid(principal, action == AgentCore::Action::"OrdersTarget___update_order", resource) // trailing ; comment
when { context.input.orderId like "*;*" };
permit(principal, action in AgentCore::Action::"CallTool", resource);
permit(principal, action, resource) unless { principal.getTag("x") == "y" };
`;

describe("splitPolicies / joinPolicies", () => {
  const { parts, trailing } = splitPolicies(cedar, DOC);

  it("round-trips byte for byte", () => {
    expect(joinPolicies(parts, trailing)).toBe(DOC);
    for (const p of parts) expect(DOC.slice(p.start, p.end)).toBe(p.text);
  });

  it("reads ids, effects, annotations and action scopes", () => {
    expect(parts.map((p) => p.id)).toEqual(["orders-read", "policy1", "policy2", "policy3"]);
    expect(parts.map((p) => p.effect)).toEqual(["permit", "forbid", "permit", "permit"]);
    expect(parts[0].annotations).toEqual({ id: "orders-read", description: "reads; with a ; inside a string" });
    expect(parts[0].actions).toEqual(["OrdersTarget___get_order", "OrdersTarget___list_orders"]);
    expect(parts[1].actions).toEqual(["OrdersTarget___update_order"]);
    expect(parts[2].actions).toBeNull();
    expect(parts[3].actions).toBeNull();
    expect(parts[1].leading).toContain("writes are prohibited");
    expect([parts[0].startLine, parts[0].endLine, parts[1].startLine, parts[1].endLine]).toEqual([2, 4, 7, 8]);
  });

  it("joins edited or new parts with a blank line", () => {
    const joined = joinPolicies([parts[0], { text: 'forbid(principal, action, resource);' }]);
    expect(joined).toBe(`${parts[0].leading}${parts[0].text}\n\nforbid(principal, action, resource);\n`);
    expect(splitPolicies(cedar, joined).parts).toHaveLength(2);
  });

  it("keeps a policy that does not parse, with a best-guess effect and the error", () => {
    const { parts: broken, trailing: rest } = splitPolicies(cedar, `@id("bad") forbid(principal, action == , resource);\npermit(`);
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ id: "bad", effect: "forbid", actions: null });
    expect(broken[0].parseError).toBeTruthy();
    expect(rest).toBe("\npermit(");
  });

  it("gives repeated @id values distinct ids", () => {
    const { parts: dup } = splitPolicies(cedar, `@id("a") permit(principal, action, resource);\n@id("a") forbid(principal, action, resource);`);
    expect(dup.map((p) => p.id)).toEqual(["a", "a#2"]);
  });

  it("empty text has no parts", () => {
    expect(splitPolicies(cedar, "")).toEqual({ parts: [], trailing: "" });
  });
});

describe("formatPolicies", () => {
  it("formats with Cedar's formatter, keeping comments, idempotently", () => {
    const r = formatPolicies(cedar, "// keep me\npermit(principal,action==AgentCore::Action::\"A___b\",resource) when {context.input.amount<1000};");
    expect(r).toEqual({ ok: true, text: '// keep me\npermit (\n  principal,\n  action == AgentCore::Action::"A___b",\n  resource\n)\nwhen { context.input.amount < 1000 };\n' });
    if (r.ok) expect(formatPolicies(cedar, r.text)).toEqual(r);
  });
  it("returns diagnostics for text that does not parse", () => {
    const r = formatPolicies(cedar, "permit(\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ severity: "error", startLine: 1, startColumn: 8 });
  });
  it("leaves empty text alone", () => expect(formatPolicies(cedar, "")).toEqual({ ok: true, text: "" }));
});
