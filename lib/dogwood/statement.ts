/**
 * One policy statement read for its Dogwood structure: annotations, effect, scope, and each
 * `when`/`unless` clause, with the Dogwood leaves inside — temporal blocks (`when temporal { … }`
 * or an inline `temporal { … }` marker) and information-provider calls (guardrails). Everything else
 * is Cedar and is left to cedar-wasm. Offsets are UTF-16 indices into the text given (the whole
 * document, so spans point at what the author sees).
 */
import { findProviderCalls, type GuardrailCall, type PolicyEffect } from "./guardrails";
import { DogwoodSyntaxError, type DogwoodProblem } from "./problem";
import { matching, tokenize, type Span, type Token } from "./source";
import type { Cond } from "./temporal-ast";
import { parseTemporal } from "./temporal-parser";

export const CLAUSE_TAGS = ["temporal", "guardrails"] as const;

export interface Clause {
  keyword: string;
  keywordSpan: Span;
  tag: "temporal" | "guardrails" | null;
  tagSpan?: Span;
  /** From the keyword through the closing brace. */
  span: Span;
  /** Inside the braces. */
  body: Span;
}

export interface TemporalBlock {
  /** `when temporal { … }` (the whole clause is the block) or an inline `temporal { … }` in a Cedar condition. */
  tagged: boolean;
  clause: number;
  /** The tagged clause, or the inline marker from `temporal` through `}`. */
  span: Span;
  body: Span;
  condition?: Cond;
  /** Why the body could not be read (the first syntax error), when it could not. */
  syntax?: DogwoodProblem;
  warnings: DogwoodProblem[];
}

export interface ProviderCall extends GuardrailCall {
  clause: number;
}

export interface DogwoodStatement {
  span: Span;
  /** `def …;` — a macro definition, not a policy. */
  definition: boolean;
  effect: { value: string; span: Span } | null;
  clauses: Clause[];
  temporal: TemporalBlock[];
  providers: ProviderCall[];
  /** Whether anything in it is beyond Cedar (so cedar-wasm alone cannot read it). */
  dogwood: boolean;
  /** Structural problems found while reading (unbalanced braces, an unknown clause tag). */
  problems: DogwoodProblem[];
}

export const EFFECTS: readonly PolicyEffect[] = ["permit", "forbid", "suppressOutput"];

/** Reads the statement at `span` of `text` (default: all of it). */
export function readStatement(text: string, span: Span = { start: 0, end: text.length }): DogwoodStatement {
  const tokens = tokenize(text, span.start, span.end);
  const out: DogwoodStatement = { span, definition: false, effect: null, clauses: [], temporal: [], providers: [], dogwood: false, problems: [] };
  let i = 0;
  while (tokens[i]?.value === "@") {
    i += 2;
    if (tokens[i]?.value === "(") i = Math.max(i, matching(tokens, i)) + 1;
  }
  const head = tokens[i];
  if (!head) return out;
  if (head.kind === "ident" && head.value === "def") {
    out.definition = true;
    out.dogwood = true;
    return out;
  }
  if (head.kind !== "ident") return out;
  out.effect = { value: head.value, span: pos(head) };
  if (head.value === "suppressOutput") out.dogwood = true;
  i++;
  if (tokens[i]?.value !== "(") return out;
  const scopeEnd = matching(tokens, i);
  if (scopeEnd < 0) return out;
  i = scopeEnd + 1;

  while (i < tokens.length && tokens[i].value !== ";") {
    const kw = tokens[i];
    let j = i + 1;
    let tag: Token | undefined;
    if (tokens[j]?.kind === "ident" && tokens[j + 1]?.value === "{") tag = tokens[j++];
    if (kw.kind !== "ident" || tokens[j]?.value !== "{") break;
    const close = matching(tokens, j);
    if (close < 0) {
      out.problems.push({ severity: "error", code: "dogwood-syntax", message: `The \`${kw.value}\` clause's \`{\` is never closed.`, span: pos(tokens[j]) });
      break;
    }
    if (tag && !(CLAUSE_TAGS as readonly string[]).includes(tag.value)) {
      out.dogwood = true;
      out.problems.push({ severity: "error", code: "dogwood-unknown-tag", message: `Unknown clause tag \`${tag.value}\`.`, span: pos(tag), help: "A clause is `when { … }`, `when temporal { … }` or `when guardrails { … }` (likewise with `unless`)." });
    }
    const clauseIndex = out.clauses.length;
    const clause: Clause = {
      keyword: kw.value,
      keywordSpan: pos(kw),
      tag: tag?.value === "temporal" || tag?.value === "guardrails" ? tag.value : null,
      tagSpan: tag ? pos(tag) : undefined,
      span: { start: kw.start, end: tokens[close].end },
      body: { start: tokens[j].end, end: tokens[close].start },
    };
    out.clauses.push(clause);
    if (clause.tag === "temporal") {
      out.temporal.push(block(text, true, clauseIndex, clause.span, clause.body));
    } else {
      if (clause.tag === "guardrails") out.dogwood = true;
      readCedarBody(text, tokens, j + 1, close, clauseIndex, out);
    }
    i = close + 1;
  }
  out.dogwood ||= out.temporal.length > 0 || out.providers.length > 0;
  return out;
}

/** Inline temporal markers and provider calls inside a Cedar condition body. */
function readCedarBody(text: string, tokens: Token[], from: number, to: number, clause: number, out: DogwoodStatement) {
  const skip: Span[] = [];
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind === "ident" && t.value === "temporal" && tokens[k + 1]?.value === "{" && tokens[k - 1]?.value !== ".") {
      const close = matching(tokens, k + 1);
      if (close < 0 || close >= to) continue;
      out.temporal.push(block(text, false, clause, { start: t.start, end: tokens[close].end }, { start: tokens[k + 1].end, end: tokens[close].start }));
      skip.push({ start: t.start, end: tokens[close].end });
      k = close;
    }
  }
  for (const call of findProviderCalls(tokens, from, to)) {
    if (skip.some((s) => call.span.start >= s.start && call.span.end <= s.end)) continue;
    out.providers.push({ ...call, clause });
  }
}

function block(text: string, tagged: boolean, clause: number, span: Span, body: Span): TemporalBlock {
  try {
    const parsed = parseTemporal(text, body);
    return { tagged, clause, span, body, condition: parsed.condition, warnings: parsed.warnings };
  } catch (e) {
    if (!(e instanceof DogwoodSyntaxError)) throw e;
    return { tagged, clause, span, body, syntax: e.toProblem(), warnings: [] };
  }
}

function pos(t: Span): Span {
  return { start: t.start, end: t.end };
}

/** Whether a statement holds anything cedar-wasm cannot read (a temporal block, a guardrail, suppressOutput, a macro). */
export function hasDogwood(statement: string): boolean {
  return readStatement(statement).dogwood;
}
