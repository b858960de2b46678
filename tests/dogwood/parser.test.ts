import { describe, expect, it } from "vitest";
import { DogwoodSyntaxError } from "@/lib/dogwood/problem";
import type { Cond } from "@/lib/dogwood/temporal-ast";
import { parseTemporal } from "@/lib/dogwood/temporal-parser";
import { hasDogwood, readStatement } from "@/lib/dogwood/statement";
import { A, scope } from "./support";

const parse = (body: string): Cond => parseTemporal(body, { start: 0, end: body.length }).condition;
const fail = (body: string): DogwoodSyntaxError => {
  try {
    parse(body);
  } catch (e) {
    if (e instanceof DogwoodSyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed: ${body}`);
};
/** The tree without spans, for comparisons. */
const shape = (c: unknown): unknown =>
  Array.isArray(c) ? c.map(shape) : c && typeof c === "object" ? Object.fromEntries(Object.entries(c).filter(([k]) => !["span", "actionSpan", "kindSpan"].includes(k)).map(([k, v]) => [k, shape(v)])) : c;

const P = (tool: string, kind = "response", fields = "eventResource: resource") => `${A(tool)}::${kind}{ ${fields} }`;

describe("the temporal grammar (formal specification §2.4)", () => {
  it("reads AWS's sample temporal policies: formerly with a correlation, since with a negated left, sum and count over a window", () => {
    const freshness = parse(`formerly within 2m ${P("get_account_balance", "response", "eventResource: resource, output.accountId: context.input.to_account")}`);
    expect(shape(freshness)).toMatchObject({
      k: "formerly",
      window: { amount: 2, unit: "m", seconds: 120 },
      body: { k: "pred", namespace: ["AgentCore", "Action"], action: "Bank___get_account_balance", kind: "response", args: [{ path: ["eventResource"], value: { k: "scope", root: "resource", path: [] } }, { path: ["output", "accountId"], value: { k: "context", path: ["input", "to_account"] } }] },
    });
    const gate = parse(`formerly within 2m ${P("get_account_balance")} && !${P("transfer_funds")} since within 30m ${P("approve_transfer")}`);
    expect(shape(gate)).toMatchObject({ k: "and", left: { k: "formerly" }, right: { k: "since", left: { k: "not", body: { k: "pred", action: "Bank___transfer_funds" } }, window: { seconds: 1800 }, right: { k: "pred", action: "Bank___approve_transfer" } } });
    const cap = parse(`exists (total: Long). (sum amt for (amt: Long), (t: Timepoint). where (formerly within 24h (${P("transfer_funds", "request", "eventResource: resource, input.amount: amt")} && tp(t)))) == total && total >= 60000`);
    expect(shape(cap)).toMatchObject({
      k: "exists",
      binder: { name: "total", type: ["Long"] },
      body: { k: "and", left: { k: "cmp", op: "==", left: { k: "sum", target: "amt", binders: [{ name: "amt" }, { name: "t", type: ["Timepoint"] }] }, right: { k: "var", name: "total" } }, right: { k: "cmp", op: ">=", right: { k: "int", value: 60000 } } },
    });
    // An unparenthesized aggregate on the left works when its body is parenthesized (AWS's rate limit).
    expect(shape(parse(`count for (t: Timepoint). where (formerly within 5m (${P("transfer_funds", "request")} && tp(t))) > 5`))).toMatchObject({ k: "cmp", op: ">", left: { k: "count" }, right: { k: "int", value: 5 } });
  });

  it("binds `!` tighter than `since` and `since` tighter than `&&`; `exists` reaches as far right as it can", () => {
    expect(shape(parse(`!${P("a")} since within 1h ${P("b")}`))).toMatchObject({ k: "since", left: { k: "not" } });
    expect(shape(parse(`!${P("a")} && ${P("b")}`))).toMatchObject({ k: "and", left: { k: "not" }, right: { k: "pred" } });
    expect(shape(parse(`exists (x: String). ${P("a", "request", "eventResource: resource, input.u: x")} && ${P("b", "request", "eventResource: resource, input.u: x")}`))).toMatchObject({ k: "exists", body: { k: "and" } });
    expect(shape(parse(`(exists (x: String). ${P("a", "request", "eventResource: resource, input.u: x")}) && ${P("b")}`))).toMatchObject({ k: "and", left: { k: "exists" } });
  });

  it("tells a parenthesized aggregate from a parenthesized condition, as a PEG would", () => {
    expect(shape(parse(`(count for (t: Timepoint). where (${P("a")} && tp(t))) == 2`))).toMatchObject({ k: "cmp", left: { k: "count" } });
    expect(shape(parse(`(count for (t: Timepoint). where (${P("a")} && tp(t)) == 2)`))).toMatchObject({ k: "cmp", left: { k: "count" }, right: { k: "int", value: 2 } });
    expect(shape(parse(`0 < count for (t: Timepoint). where (${P("a")} && tp(t))`))).toMatchObject({ k: "cmp", op: "<", right: { k: "count" } });
  });

  it("reads refinements, wildcards, entities, decimals, negative integers and previous", () => {
    expect(shape(parse(`previous within 1h ${A("a")}::response{ eventResource: resource }{ input.n: -3, input.s: *, input.t: _, input.d: decimal("0.5"), input.e: AgentCore::OAuthUser::"bob" }`))).toMatchObject({
      k: "previous",
      body: { args: [{ path: ["eventResource"] }, { value: { k: "int", value: -3 } }, { value: { k: "wildcard" } }, { value: { k: "wildcard" } }, { value: { k: "decimal", text: "0.5" } }, { value: { k: "entity", type: "AgentCore::OAuthUser", id: "bob" } }] },
    });
  });

  it("refuses what Dogwood refuses, with the span of the offending text and a way out", () => {
    const body = `eventually within 1h ${P("a")}`;
    expect(fail(body)).toMatchObject({ code: "dogwood-unknown-operator", span: { start: 0, end: 10 }, message: "Unknown temporal operator `eventually`." });
    expect(fail(`once within 1h ${P("a")}`).help).toMatch(/`once` is not one of them/);
    expect(fail(`formerly ${P("a")}`)).toMatchObject({ code: "dogwood-window", message: "`formerly` needs a window." });
    for (const [w, message] of [
      ["1w", "`1w` is not a window."],
      ["30min", "`30min` is not a window."],
      ["1.5h", "`1.5h` is not a window: the amount is a whole number."],
      ["h", "Expected a window such as `1h`, `30m`, `45s` or `7d`."],
    ]) {
      const e = fail(`formerly within ${w} ${P("a")}`);
      expect(e).toMatchObject({ code: "dogwood-duration", message });
      expect(`formerly within ${w} ${P("a")}`.slice(e.span.start, e.span.end)).toBe(w === "h" ? "h" : w);
    }
    expect(fail(`${P("a")} || ${P("b")}`).message).toBe("Unexpected `||`; expected the end of the temporal block.");
    expect(fail(`exists (x: Long). (${P("a", "request", "eventResource: resource, input.n: x")} && x != 3)`)).toMatchObject({ message: "Temporal conditions have no `!=`.", help: "Write `!(a == b)` instead." });
    expect(fail(`exists (x: Long). (${P("a", "request", "eventResource: resource, input.n: x")} && x = 3)`).help).toBe("Did you mean `==`?");
    expect(fail(`formerly within 1h ${A("a")}::response{ eventResource: resource, }`).message).toBe("A field list does not end with a comma.");
    expect(fail(`formerly within 1h formerly within 1h ${P("a")}`).help).toMatch(/Wrap it in parentheses/);
    expect(fail(`once(1h, ${P("a")})`)).toMatchObject({ code: "dogwood-macro" });
    expect(fail(`formerly within ?w ${P("a")}`)).toMatchObject({ code: "dogwood-macro" });
    expect(fail("")).toMatchObject({ message: "This temporal block is empty." });
  });

  it("warns about a window written with a space instead of refusing it", () => {
    const body = `formerly within 1 h ${P("a")}`;
    const r = parseTemporal(body, { start: 0, end: body.length });
    expect(r.warnings).toMatchObject([{ severity: "warning", message: "Write the window as `1h`, without a space." }]);
  });
});

describe("reading a statement's Dogwood structure", () => {
  it("finds tagged and inline temporal blocks, the guardrails tag, provider calls and suppressOutput", () => {
    const text = `@id("x")
permit(${scope("transfer_funds")})
when temporal { formerly within 1h ${P("get_account_balance")} }
when { context.input.amount < 10 && temporal { previous within 5m ${P("approve_transfer")} } }
unless guardrails { BedrockGuardrails::PromptAttack(["JAILBREAK"], [context.input.to_account])["JAILBREAK"].confidenceScore.greaterThan(decimal("0.7")) };`;
    const st = readStatement(text);
    expect(st.effect?.value).toBe("permit");
    expect(st.clauses.map((c) => [c.keyword, c.tag])).toEqual([["when", "temporal"], ["when", null], ["unless", "guardrails"]]);
    expect(st.temporal.map((b) => [b.tagged, b.clause, text.slice(b.span.start, b.span.start + 9)])).toEqual([[true, 0, "when temp"], [false, 1, "temporal "]]);
    expect(st.providers).toMatchObject([{ name: "PromptAttack", clause: 2, valueType: "decimal", categories: [{ value: "JAILBREAK" }], content: [{ path: ["input", "to_account"] }], threshold: { method: "greaterThan", text: "0.7" } }]);
    expect(text.slice(st.providers[0].span.start, st.providers[0].span.end)).toBe('BedrockGuardrails::PromptAttack(["JAILBREAK"], [context.input.to_account])["JAILBREAK"].confidenceScore');
    expect(hasDogwood(text)).toBe(true);
    expect(hasDogwood(`suppressOutput(${scope("send_message")}) when { true };`)).toBe(true);
    expect(hasDogwood(`permit(${scope("send_message")}) when { context.input.message like "*temporal*" && ip("1.2.3.4").isIpv4() };`)).toBe(false);
    expect(hasDogwood(`def temporal once(?w, ?s) { formerly within ?w ?s };`)).toBe(true);
  });
});
