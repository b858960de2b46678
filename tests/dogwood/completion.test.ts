import { describe, expect, it } from "vitest";
import { dogwoodSuggestions } from "@/lib/dogwood/completion-context";

const A = 'AgentCore::Action::"Orders___get_order"';
const labels = (before: string) => dogwoodSuggestions(before)?.items.map((i) => i.label) ?? null;
const context = (before: string) => dogwoodSuggestions(before)?.context ?? null;

describe("Dogwood completion at the cursor", () => {
  it("offers the temporal operators inside a temporal block, and not after it closes", () => {
    const open = `permit(principal, action, resource)\nwhen temporal {\n  `;
    expect(labels(open)).toEqual(expect.arrayContaining(["formerly", "previous", "since", "within", "exists", "count", "sum", "tp"]));
    expect(context(`${open}formerly within 1h ${A}::response{ eventResource: resource } }\nwhen `)).toBe("clause-tag");
    // A brace inside a string does not close the block.
    expect(context(`${open}formerly within 1h ${A}::response{ input.note: "}" } && `)).toBe("temporal");
  });

  it("offers event kinds after a predicate's action and event fields inside its braces", () => {
    const open = `permit(principal, action, resource) when temporal { formerly within 1h ${A}::`;
    expect(labels(open)).toEqual(["request", "response", "error"]);
    expect(labels(`${open}response{ `)).toEqual(expect.arrayContaining(["eventResource", "input", "output"]));
    expect(labels(`${open}response{ eventResource: resource, `)).toEqual(expect.arrayContaining(["output"]));
    // In a value, Cedar's own completion (context.input.…) applies.
    expect(context(`${open}response{ output.orderId: context.input.`)).toBe("temporal");
  });

  it("offers the clause tags after when/unless, and suppressOutput where a statement starts", () => {
    expect(labels(`permit(principal, action, resource) when `)).toEqual(["temporal", "guardrails"]);
    expect(labels(`permit(principal, action, resource) when { true } unless te`)).toEqual(["temporal", "guardrails"]);
    expect(labels(`permit(principal, action, resource);\n\n@id("x")\nsupp`)).toEqual(["suppressOutput"]);
    expect(dogwoodSuggestions(`permit(principal, action == `)).toBeNull();
  });

  it("offers guardrail types, their own categories, how to read the result and the threshold methods", () => {
    const head = `forbid(principal, action, resource) when guardrails { BedrockGuardrails::`;
    expect(labels(head)).toEqual(["ContentFilter", "PromptAttack", "SensitiveInformation"]);
    expect(labels(`${head}PromptAttack([`)).toEqual(["JAILBREAK", "PROMPT_INJECTION", "PROMPT_LEAKAGE"]);
    expect(dogwoodSuggestions(`${head}PromptAttack(["JAILBREAK", "`)?.items[0]).toMatchObject({ label: "JAILBREAK", snippet: "JAILBREAK" });
    expect(dogwoodSuggestions(`${head}PromptAttack([`)?.items[0].snippet).toBe('"JAILBREAK"');
    expect(labels(`${head}ContentFilter(["HATE"], [context.input.text])["HATE"].`)).toEqual(["confidenceScore"]);
    expect(labels(`${head}SensitiveInformation(["EMAIL"], [context.input.text]).`)).toEqual(["maxConfidenceScore()", "minConfidenceScore()", "count()", "categories()"]);
    expect(labels(`${head}ContentFilter(["HATE"], [context.input.text])["HATE"].confidenceScore.`)).toEqual(["greaterThan", "greaterThanOrEqual", "lessThan", "lessThanOrEqual"]);
  });
});
