/**
 * The stateless part of a document: the same text with every Dogwood construct replaced so that
 * cedar-wasm can validate what remains (scope and Cedar conditions) against the gateway's schema.
 * Replacements keep the text's length and its line breaks, so every offset, line and column cedar-wasm
 * reports for the view is the same in the original — no mapping is needed beyond reading the view's
 * own byte offsets (which lib/cedar/validate.ts does).
 *
 *   when temporal { … }          → blank          (the clause conjoins a Boolean; without it the rest is the stateless rule)
 *   temporal { … } (inline)      → true           (a Bool in the same position keeps the expression well-typed)
 *   guardrails (clause tag)      → blank          (sugar for a bare `when`, formal specification §2.2)
 *   BedrockGuardrails::…(…)…     → a value of the chain's type: decimal("0.0"), 0 or [""]
 *   suppressOutput               → forbid         (same scope rules; it never authorizes)
 *   def …;                       → blank          (a macro definition is not a policy)
 * A provider chain whose result type the console does not know blanks its whole clause.
 */
import { scanPolicies } from "@/lib/cedar/policy-parts";
import type { Span } from "./source";
import { readStatement, type DogwoodStatement } from "./statement";

export interface StatementInDocument {
  /** The policy's span in the document (from its first annotation through `;`). */
  span: Span;
  statement: DogwoodStatement;
}

export interface StatelessView {
  /** Same length and line breaks as the document. */
  text: string;
  /** The Dogwood statements of the document (plain Cedar ones are not listed). */
  statements: StatementInDocument[];
}

const PLACEHOLDER = { decimal: 'decimal("0.0")', Long: "0", "Set<String>": '[""]' } as const;

export function statelessView(text: string): StatelessView {
  const statements: StatementInDocument[] = [];
  const edits: Array<{ span: Span; replacement: string }> = [];
  for (const s of scanPolicies(text).spans) {
    const span = { start: s.start, end: s.end };
    const statement = readStatement(text, span);
    if (!statement.dogwood) continue;
    statements.push({ span, statement });
    edits.push(...statelessEdits(text, statement));
  }
  return { text: applySameLength(text, edits), statements };
}

function statelessEdits(text: string, st: DogwoodStatement): Array<{ span: Span; replacement: string }> {
  if (st.definition) return [{ span: st.span, replacement: "" }];
  const edits: Array<{ span: Span; replacement: string }> = [];
  if (st.effect?.value === "suppressOutput") edits.push({ span: st.effect.span, replacement: "forbid" });
  const blanked = new Set<number>();
  for (const call of st.providers) {
    const placeholder = call.valueType ? PLACEHOLDER[call.valueType] : null;
    if (!placeholder || !fits(text, call.span, placeholder)) blanked.add(call.clause);
  }
  st.clauses.forEach((c, i) => {
    // A clause with a tag the console does not know is not Cedar either; its own error says so.
    if (blanked.has(i) || c.tag === "temporal" || (c.tagSpan && !c.tag)) edits.push({ span: c.span, replacement: "" });
    else if (c.tag === "guardrails" && c.tagSpan) edits.push({ span: c.tagSpan, replacement: "" });
  });
  for (const b of st.temporal) {
    if (!b.tagged && !blanked.has(b.clause)) edits.push({ span: b.span, replacement: fits(text, b.span, "true") ? "true" : "" });
  }
  for (const call of st.providers) {
    if (!blanked.has(call.clause)) edits.push({ span: call.span, replacement: PLACEHOLDER[call.valueType!] });
  }
  return edits;
}

/** A replacement fits when it is not longer than the span and covers no line break (lines must not move). */
function fits(text: string, span: Span, replacement: string): boolean {
  return replacement.length <= span.end - span.start && !/[\n\r]/.test(text.slice(span.start, span.start + replacement.length));
}

/** Each span becomes its replacement followed by spaces, keeping line breaks; spans must not overlap. */
export function applySameLength(text: string, edits: Array<{ span: Span; replacement: string }>): string {
  let out = "";
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    if (e.span.start < at) continue;
    const original = text.slice(e.span.start, e.span.end);
    out += text.slice(at, e.span.start) + e.replacement + blank(original.slice(e.replacement.length));
    at = e.span.end;
  }
  return out + text.slice(at);
}

function blank(s: string): string {
  return s.replace(/[^\n\r]/g, " ");
}
