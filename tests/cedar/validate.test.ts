import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { byteOffsetToPosition, OffsetMapper, utf8Length } from "@/lib/cedar/diagnostics";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { validatePolicies } from "@/lib/cedar/validate";
import { loadToolSet, SEED_POLICY } from "./fixtures";

const schema = generateSchema([...loadToolSet("demo-refund").tools, ...loadToolSet("demo-orders").tools]).json;
const check = (text: string) => validatePolicies(cedar, text, schema);

describe("byte offsets → Monaco positions", () => {
  it("counts UTF-16 columns after multi-byte characters", () => {
    const text = "é😀x\nab";
    // é = 2 bytes, 😀 = 4 bytes (2 UTF-16 units), so x starts at byte 6 and UTF-16 column 4
    expect(byteOffsetToPosition(text, 6)).toEqual({ line: 1, column: 4 });
    expect(byteOffsetToPosition(text, utf8Length("é😀x\n") + 1)).toEqual({ line: 2, column: 2 });
    expect(byteOffsetToPosition(text, 0)).toEqual({ line: 1, column: 1 });
    expect(byteOffsetToPosition(text, 999)).toEqual({ line: 2, column: 3 });
  });
  it("never lands inside a surrogate pair", () => {
    expect(byteOffsetToPosition("😀", 2)).toEqual({ line: 1, column: 1 });
    expect(new OffsetMapper("a😀b").index(5)).toBe(3);
  });
});

describe("validatePolicies", () => {
  it("the seed policy validates clean; empty text too", () => {
    expect(check(SEED_POLICY)).toEqual([]);
    expect(check("")).toEqual([]);
    expect(check("// only a comment\n")).toEqual([]);
  });

  it("reports an unknown attribute at its exact line/column after non-ASCII text, with help and @id", () => {
    const text = `// Remboursé 😀 ok\n@id("refund-limit")\npermit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource)\nwhen { context.input.amout < 1000 };`;
    const [d, ...rest] = check(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "error", policyId: "refund-limit", help: "did you mean `amount`?", startLine: 4, startColumn: 8, endLine: 4, endColumn: 27 });
    expect(d.message).toMatch(/attribute `input.amout`/);
    expect(d.message).not.toMatch(/policy0/);
    const lines = text.split("\n");
    expect(lines[3].slice(d.startColumn - 1, d.endColumn - 1)).toBe("context.input.amout");
  });

  it("reports decimal misuse and optional-attribute access per policy (policy<N> when no @id)", () => {
    const text = `permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource);\npermit(principal, action == AgentCore::Action::"OrdersTarget___create_order", resource) when { context.input.total < 5 };`;
    const ds = check(text);
    expect(ds.length).toBeGreaterThan(0);
    expect(ds.every((d) => d.policyId === "policy1" && d.startLine === 2)).toBe(true);
    expect(ds.map((d) => d.message).join(" ")).toMatch(/decimal/);
  });

  it("reports parse errors with the expected-token hint as help", () => {
    const text = "permit(principal, action, resource) when { 1 + };";
    const ds = check(text);
    expect(ds[0]).toMatchObject({ severity: "error", startLine: 1 });
    expect(ds.some((d) => d.help && /expected/.test(d.help))).toBe(true);
    const unexpected = ds.find((d) => /unexpected token `}`/.test(d.message))!;
    expect(text.slice(unexpected.startColumn - 1, unexpected.endColumn - 1)).toBe("}");
  });

  it("reports unknown actions", () => {
    const ds = check(`permit(principal, action == AgentCore::Action::"Nope___tool", resource);`);
    expect(ds.some((d) => d.severity === "error" && /Nope___tool/.test(d.message))).toBe(true);
  });

  it("turns a broken schema into one diagnostic instead of throwing", () => {
    const ds = validatePolicies(cedar, SEED_POLICY, "not a schema");
    expect(ds).toHaveLength(1);
    expect(ds[0].code).toBe("schema-invalid");
    expect(validatePolicies(cedar, SEED_POLICY, 42 as never)[0].severity).toBe("error");
  });

  it("role + amount policy with tags validates", () => {
    expect(
      check(`permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource) when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000 };`),
    ).toEqual([]);
  });
});
