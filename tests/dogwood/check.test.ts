import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { checkDocument } from "@/lib/dogwood/check";
import { engineStatementErrors } from "@/lib/dogwood/engine-check";
import { statelessView } from "@/lib/dogwood/stateless";
import { DOGWOOD_VOCABULARY, dogwoodRanges } from "@/lib/dogwood/vocabulary";
import { A, BANK_TOOLS, bankSchema, scope } from "./support";

const check = (text: string, tools = BANK_TOOLS) => checkDocument(cedar, text, { schemaJson: bankSchema, tools });
const errors = (text: string) => check(text).diagnostics.filter((d) => d.severity === "error");
const at = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  const before = text.slice(0, i).split("\n");
  return { startLine: before.length, startColumn: before.at(-1)!.length + 1 };
};
const temporal = (body: string, tool = "transfer_funds", extra = "") => `@id("t")\npermit(${scope(tool)})\nwhen temporal {\n  ${body}\n}${extra};`;
const R = (tool: string, kind = "response", fields = "") => `${A(tool)}::${kind}{ eventResource: resource${fields ? `, ${fields}` : ""} }`;

describe("checking a document with Dogwood statements", () => {
  it("validates the stateless part against the gateway's schema, with Cedar's markers at the author's line and column", () => {
    const text = temporal(`formerly within 2m ${R("get_account_balance")}`, "transfer_funds", "\nwhen { context.input.amout <= 10000 }");
    const [d] = errors(text);
    expect(d).toMatchObject({ ...at(text, "context.input.amout"), message: expect.stringContaining("attribute `input.amout`") });
    expect(check(temporal(`formerly within 2m ${R("get_account_balance")}`, "transfer_funds", "\nwhen { context.input.amount <= 10000 }")).diagnostics).toEqual([]);
  });

  it("keeps positions right after non-ASCII text (UTF-16 columns, UTF-8 offsets from cedar-wasm)", () => {
    const text = `// Überweisung ✓ 😀\n${temporal(`formerly within 1w ${R("get_account_balance")}`, "transfer_funds", `\nwhen { context.input.to_account == "é😀" && context.input.nope == 1 }`)}`;
    expect(errors(text).map((d) => [d.startLine, d.startColumn, d.message.slice(0, 20)])).toEqual([
      [at(text, "1w").startLine, at(text, "1w").startColumn, "`1w` is not a window"],
      [at(text, "context.input.nope").startLine, at(text, "context.input.nope").startColumn, expect.stringContaining("attribute `input.nop")],
    ]);
  });

  it("reports the Dogwood grammar checks at the offending text", () => {
    const cases: Array<[string, string, RegExp]> = [
      [temporal(`formerly within 1h ${R("get_balance")}`), '"Bank___get_balance"', /is not a tool of this gateway/],
      [temporal(`formerly within 1h ${A("get_account_balance")}::completed{ eventResource: resource }`), "completed", /Unknown event kind `completed`/],
      [temporal(`formerly within 1h ${A("get_account_balance")}::response{ output.accountId: "A" }`), `${A("get_account_balance")}::response`, /^temporal predicates do not constrain the matched event to the current request's resource$/],
      [temporal(`formerly within 1h ${R("get_account_balance", "request", "input.account: \"A\"")}`), "input.account", /`input.account` is not an input of Bank___get_account_balance/],
      [temporal(`formerly within 1h ${R("get_account_balance", "request", "output.accountId: \"A\"")}`), "output.accountId", /Only `response` events carry `output/],
      [temporal(`formerly within 1h ${R("get_account_balance", "response", "output.accountId: context.system.now")}`), "context.system.now", /has only `input`/],
      [temporal(`formerly within 1h ${R("get_account_balance", "response", "output.accountId: context.input.to_acount")}`), "context.input.to_acount", /is not an input of Bank___transfer_funds/],
      [temporal(`formerly within 1h ${R("get_account_balance", "response", "output.accountId: acct")}`), "acct", /The variable `acct` is free/],
      [temporal(`exists (n: String). (formerly within 1h ${R("transfer_funds", "request", "input.to_account: n")} && n > 3)`), "n > 3", /^comparison requires numeric operands on both sides$/],
      [temporal(`exists (t: Long). (sum a for (a: String). where ${R("transfer_funds", "request", "input.to_account: a")}) == t && t > 1`), "(a: String)", /`sum` needs an integer/],
      [temporal(`count for (t: Timepoint), (u: String). where (formerly within 1h (${R("transfer_funds", "request")} && tp(t))) > 2`), "(u: String)", /does not occur in the aggregation/],
      [temporal(`previous within 1h ${R("transfer_funds", "request")} || formerly within 1h ${R("approve_transfer")}`), "||", /Unexpected `\|\|`/],
    ];
    for (const [text, needle, message] of cases) {
      const found = errors(text);
      expect(found.map((d) => d.message).join(" | "), text).toMatch(message);
      expect(found.find((d) => message.test(d.message)), text).toMatchObject(at(text, needle));
    }
  });

  it("checks guardrail calls: type, categories, the 0–1 threshold, the direction and how the result is read", () => {
    const forbid = (cond: string, effect = "forbid") => `${effect}(${scope("send_message")}) when guardrails { ${cond} };`;
    const expectError = (text: string, needle: string, message: RegExp) => {
      const d = errors(text).find((x) => message.test(x.message));
      expect(d, `${text}\n${errors(text).map((x) => x.message).join("\n")}`).toMatchObject(at(text, needle));
    };
    expectError(forbid('BedrockGuardrails::ContentFilter(["VIOLENCE"], [context.input.message])["VIOLENCE"].confidenceScore.greaterThanOrEqual(decimal("1.5"))'), 'decimal("1.5")', /threshold 1.5 is outside 0–1/);
    expectError(forbid('BedrockGuardrails::ContentFilter(["GORE"], [context.input.message])["GORE"].confidenceScore.greaterThan(decimal("0.5"))'), '"GORE"', /Unknown ContentFilter category "GORE"/);
    expectError(forbid('BedrockGuardrails::ToxicityFilter(["X"], [context.input.message]).count() > 0'), "ToxicityFilter", /Unknown guardrail type `ToxicityFilter`/);
    expectError(forbid('Acme::Scanner(context.input.message).bad == true'), "Scanner", /is not an information provider AgentCore offers/);
    expectError(forbid('BedrockGuardrails::SensitiveInformation(["EMAIL"], [context.input.message])["EMAIL"].confidenceScore.greaterThan(decimal("0.5"))'), '["EMAIL"].confidenceScore', /^Per-category indexing is not supported for SensitiveInformation$/);
    expectError(forbid('BedrockGuardrails::PromptAttack(["JAILBREAK"], [context.output.text])["JAILBREAK"].confidenceScore.greaterThan(decimal("0.5"))'), "context.output.text", /^Guardrail 'PromptAttack' references 'context.output' but the policy has an authorization effect$/);
    expectError(forbid('BedrockGuardrails::SensitiveInformation(["EMAIL"], [context.input.message]).count() > 0', "suppressOutput"), "context.input.message", /acts on the response/);
    const fine = check(forbid('BedrockGuardrails::SensitiveInformation(["EMAIL", "PHONE"], [context.input.message]).count() > 0 && BedrockGuardrails::ContentFilter(["HATE"], [context.input.message]).maxConfidenceScore().greaterThan(decimal("0.4"))'));
    expect(fine.diagnostics).toEqual([]);
    expect(fine.notes.map((n) => n.message)).toEqual([expect.stringMatching(/Which sensitive-information categories AgentCore accepts is checked by the service when published/)]);
  });

  it("says plainly what it leaves to the service, and warns about windows beyond the default cap", () => {
    const text = temporal(`formerly within 48h ${R("get_account_balance")}`);
    const r = check(text);
    expect(r.diagnostics).toMatchObject([{ severity: "warning", message: "The window 48h is longer than Dogwood's default cap of 24h.", help: "Whether AgentCore allows it is checked by the service when published." }]);
    expect(r.notes).toMatchObject([{ policyId: "t", line: 4, column: 3, message: expect.stringContaining("checked by the service when published") }]);
  });

  it("refuses macro definitions as policies and reports unknown clause tags; macro calls are a warning (the service may accept them)", () => {
    expect(errors(`def temporal once(?w, ?s) { formerly within ?w ?s };`)).toMatchObject([{ message: expect.stringContaining("A macro definition") }]);
    expect(errors(`permit(${scope("send_message")}) when eventually { true };`).map((d) => d.message)).toContain("Unknown clause tag `eventually`.");
    expect(check(temporal(`once(1h, ${R("get_account_balance")})`)).diagnostics).toMatchObject([{ severity: "warning", code: "dogwood-macro" }]);
  });

  it("without the gateway's tools, leaves action and field names to the service", () => {
    const text = temporal(`formerly within 1h ${R("get_balance", "request", "input.x: 1")}`);
    expect(checkDocument(cedar, text, { schemaJson: bankSchema }).diagnostics).toEqual([]);
  });
});

describe("the stateless view", () => {
  it("has the document's length and line breaks, with each Dogwood construct replaced", () => {
    const text = `${temporal(`formerly within 1h ${R("get_account_balance")}`)}\n\nsuppressOutput(${scope("send_message")}) when { context.input.message == "" && temporal { previous within 1h ${R("send_message")} } }\nwhen guardrails { BedrockGuardrails::SensitiveInformation(["EMAIL"], [context.output.text]).count() > 0 };\n\ndef temporal x(?u) { formerly within 1h ${R("send_message")} };`;
    const view = statelessView(text);
    expect(view.text).toHaveLength(text.length);
    expect(view.text.split("\n").map((l) => l.length)).toEqual(text.split("\n").map((l) => l.length));
    expect(view.text).toContain(`forbid        (${scope("send_message")}) when { context.input.message == "" && true`);
    expect(view.text).toMatch(/\nwhen {12}\{ 0 {20,}> 0 \};/);
    expect(view.text).not.toMatch(/temporal|def|BedrockGuardrails/);
    expect(view.statements).toHaveLength(3);
  });

  it("gives the editor the Dogwood ranges to highlight and the words to complete", () => {
    const text = temporal(`formerly within 1h ${R("get_account_balance")}`);
    expect(dogwoodRanges(text)).toEqual([{ kind: "temporal", startLine: 3, startColumn: 1, endLine: 5, endColumn: 2 }]);
    expect(DOGWOOD_VOCABULARY.temporalOperators.map((o) => o.label)).toEqual(["formerly", "previous", "since"]);
    expect(DOGWOOD_VOCABULARY.guardrailTypes.map((g) => [g.label, g.categories.length])).toEqual([
      ["BedrockGuardrails::ContentFilter", 5],
      ["BedrockGuardrails::PromptAttack", 3],
      ["BedrockGuardrails::SensitiveInformation", 31],
    ]);
    expect(DOGWOOD_VOCABULARY.effects.map((e) => e.label)).toEqual(["permit", "forbid", "suppressOutput"]);
  });
});

describe("what the engine accepts per definition kind", () => {
  const t = `permit(${scope("transfer_funds")}) when temporal { formerly within 1h ${R("get_account_balance")} };`;
  it("takes a Dogwood statement under policy, refuses it under cedar, and checks the stateless part", () => {
    expect(engineStatementErrors(cedar, t, "policy")).toEqual([]);
    expect(engineStatementErrors(cedar, t, "cedar")[0]).toMatch(/holds a Dogwood block .* goes under definition.policy/);
    expect(engineStatementErrors(cedar, `permit(${scope("send_message")});`, "policy")).toEqual([]);
    expect(engineStatementErrors(cedar, `${t}\n${t}`, "policy")).toEqual(["A policy holds exactly one statement; this one has 2."]);
    expect(engineStatementErrors(cedar, t.replace("principal,", "principal"), "policy")[0]).toMatch(/^The stateless part of the statement is not valid Cedar/);
  });
});
