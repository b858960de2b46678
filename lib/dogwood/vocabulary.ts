/**
 * The words the editor offers for Dogwood (completion) and the spans it highlights. One list, taken
 * from the same constants the checks use, so completion never offers what the checker refuses.
 */
import { GUARDRAIL_AGGREGATIONS, GUARDRAIL_CATEGORIES, GUARDRAIL_NAMESPACE, GUARDRAIL_TYPES, THRESHOLD_METHODS } from "./guardrails";
import { lineColumns } from "./source";
import { statelessView } from "./stateless";
import { EVENT_FIELDS, EVENT_KINDS } from "./temporal-check";
import { UNIT_SECONDS } from "./temporal-ast";

export interface VocabularyItem {
  label: string;
  /** Monaco snippet syntax (`${1:placeholder}`), when inserting more than the label helps. */
  snippet?: string;
  detail: string;
}

export const DOGWOOD_VOCABULARY = {
  effects: [
    { label: "permit", detail: "Allows the call when the scope and every condition hold" },
    { label: "forbid", detail: "Denies the call when the scope and every condition hold; wins over permits" },
    { label: "suppressOutput", detail: "Acts on a call that ran: its guardrails read the response (context.output)" },
  ],
  clauseTags: [
    { label: "temporal", snippet: "temporal {\n\t${1}\n}", detail: "A condition on earlier events of the session" },
    { label: "guardrails", snippet: "guardrails {\n\t${1}\n}", detail: "A condition on a Bedrock guardrail's score (same as a bare when)" },
  ],
  temporalOperators: [
    { label: "formerly", snippet: "formerly within ${1:1h} ${2}", detail: "Held at some event in the window (the current request included)" },
    { label: "previous", snippet: "previous within ${1:1h} ${2}", detail: "Held at the immediately preceding event, if it is in the window" },
    { label: "since", snippet: "since within ${1:1h} ${2}", detail: "L since within W R: R held in the window and L at every event after it" },
  ],
  temporalKeywords: [
    { label: "within", detail: "The window every temporal operator needs: an amount and s, m, h or d" },
    { label: "exists", snippet: "exists (${1:n}: ${2:Long}). (${3})", detail: "Some value of a variable makes the body hold" },
    { label: "tp", snippet: "tp(${1:t})", detail: "Binds a variable to the event being looked at (a Timepoint)" },
    { label: "count", snippet: "count for (${1:t}: Timepoint). where (${2})", detail: "How many distinct rows satisfy the body (Long)" },
    { label: "sum", snippet: "sum ${1:a} for (${1:a}: Long), (${2:t}: Timepoint). where (${3})", detail: "The total of an integer column over the rows (Long)" },
    { label: "for", detail: "The aggregation domain: typed binders" },
    { label: "where", detail: "The condition an aggregation ranges over" },
  ],
  timeUnits: Object.keys(UNIT_SECONDS).map((u) => ({ label: u, detail: `${UNIT_SECONDS[u as keyof typeof UNIT_SECONDS]} s` })),
  eventKinds: EVENT_KINDS.map((k) => ({
    label: k,
    detail: k === "request" ? "Every call, recorded before it is decided" : k === "response" ? "A permitted call that completed; carries output.…" : "A denied call or a failed tool run",
  })),
  eventFields: [
    ...EVENT_FIELDS.map((f) => ({ label: f, detail: f === "eventResource" ? "Required on every predicate: `eventResource: resource`" : "The policy session (implicit: predicates see only this session)" })),
    { label: "input", detail: "The tool's arguments: input.<field>" },
    { label: "output", detail: "The tool's result (response events only): output.<field>" },
  ],
  guardrailTypes: GUARDRAIL_TYPES.map((t) => ({
    label: `${GUARDRAIL_NAMESPACE}::${t}`,
    snippet: `${GUARDRAIL_NAMESPACE}::${t}([\${1:"${GUARDRAIL_CATEGORIES[t][0]}"}], [\${2:context.input.text}])`,
    detail: t === "SensitiveInformation" ? "Sensitive entities; read with an aggregation" : `Returns a confidence score per category: ["CATEGORY"].confidenceScore`,
    categories: GUARDRAIL_CATEGORIES[t],
  })),
  guardrailAggregations: GUARDRAIL_AGGREGATIONS.map((a) => ({ label: `${a}()`, detail: a === "count" ? "How many detections (Long)" : a === "categories" ? "The detected categories (Set<String>)" : "A confidence score (decimal)" })),
  thresholdMethods: THRESHOLD_METHODS.map((m) => ({ label: m, snippet: `${m}(decimal("\${1:0.5}"))`, detail: "Compares a confidence score with a 0–1 threshold" })),
} as const;

export interface DogwoodRange {
  kind: "temporal" | "guardrail" | "effect" | "definition";
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Where the Dogwood constructs of a document are, for the editor's decorations. */
export function dogwoodRanges(text: string): DogwoodRange[] {
  const at = lineColumns(text);
  const out: DogwoodRange[] = [];
  const push = (kind: DogwoodRange["kind"], start: number, end: number) => {
    const a = at(start);
    const b = at(end);
    out.push({ kind, startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column });
  };
  for (const { span, statement } of statelessView(text).statements) {
    if (statement.definition) push("definition", span.start, span.end);
    if (statement.effect?.value === "suppressOutput") push("effect", statement.effect.span.start, statement.effect.span.end);
    for (const b of statement.temporal) push("temporal", b.span.start, b.span.end);
    for (const c of statement.clauses) if (c.tag === "guardrails" && c.tagSpan) push("guardrail", c.tagSpan.start, c.tagSpan.end);
    for (const p of statement.providers) push("guardrail", p.span.start, p.span.end);
  }
  return out;
}
