/**
 * Whether one Dogwood policy is satisfied by a call, the way Dogwood lowers it (formal specification
 * §4.4): every temporal block and guardrail call is a leaf whose value is computed first — a
 * temporal block over the session history, a guardrail from the score the user set (default: no
 * detection) — and substituted into the statement as a Cedar literal; cedar-wasm then decides the
 * scope and the Cedar conditions around them. A leaf the console cannot compute is tried both ways:
 * if the policy's satisfaction differs, it "depends on" that leaf, and nothing is guessed.
 */
import { ACTION_TYPE, type CedarApi } from "@/lib/cedar/cedar-api";
import { actionsInScope, describePolicy } from "@/lib/cedar/policy-parts";
import type { EnforcementMode } from "@/lib/agentcore/types";
import { GUARDRAIL_NAMESPACE, isGuardrailType, type GuardrailCall, type GuardrailType, type PolicyEffect } from "./guardrails";
import type { Span } from "./source";
import { statelessView } from "./stateless";
import { readStatement, type DogwoodStatement } from "./statement";
import { evaluateTemporal, type DecisionPoint } from "./temporal-eval";

export interface DogwoodPolicy {
  id: string;
  text: string;
  enforcementMode: EnforcementMode;
  statement: DogwoodStatement;
  effect: PolicyEffect | null;
  /** Actions its scope names, as `actionKey` writes them; null when it applies to every action. */
  actions: string[] | null;
  /** It holds a temporal block (so the engine needs a policy session). */
  temporal: boolean;
}

/** A score the user sets for one guardrail category of a call (SensitiveInformation: one per detection). */
export interface GuardrailScore {
  type: GuardrailType;
  category: string;
  /** 0–1. */
  score: number;
  /** Which content it scored: the request (`context.input`, default) or the response (`context.output`). */
  on?: "input" | "output";
}

export interface PolicyOutcome {
  satisfied: boolean | "depends";
  /** The constructs the satisfaction depends on, when it does. */
  dependsOn: string[];
  errors: string[];
  temporal: Array<{ span: Span; value: boolean | "unknown"; witnesses: number[]; reasons: string[] }>;
  guardrails: Array<{ span: Span; name: string; value: string | null; source: "set by you" | "default: no detection" | null; reason?: string }>;
}

/** Evaluates the policy text with every leaf substituted: satisfied when its effect fires. */
export type CedarCheck = (policyText: string) => { satisfied: boolean; errors: string[] };

const MAX_UNKNOWN_LEAVES = 6;

export function compileDogwoodPolicy(cedar: Pick<CedarApi, "policyToJson">, p: { id: string; text: string; enforcementMode: EnforcementMode }): DogwoodPolicy {
  const statement = readStatement(p.text);
  const info = describePolicy(cedar, statelessView(p.text).text);
  const effect = statement.effect && ["permit", "forbid", "suppressOutput"].includes(statement.effect.value) ? (statement.effect.value as PolicyEffect) : null;
  return { ...p, statement, effect, actions: info.json ? actionsInScope(info.json) : null, temporal: statement.temporal.length > 0 };
}

/** The key `actionsInScope` uses for an action: the id for AgentCore tools, `Type::"id"` otherwise. */
export function actionKey(action: { type: string; id: string }): string {
  return action.type === ACTION_TYPE ? action.id : `${action.type}::"${action.id}"`;
}

export function evaluateDogwoodPolicy(
  policy: DogwoodPolicy,
  input: { action: string; point: DecisionPoint; scores?: GuardrailScore[] },
  check: CedarCheck,
): PolicyOutcome {
  const outcome: PolicyOutcome = { satisfied: false, dependsOn: [], errors: [], temporal: [], guardrails: [] };
  if (policy.actions && !policy.actions.includes(input.action)) return outcome;

  type Unknown = { target: { kind: "clause" | "block"; index: number }; reason: string };
  const unknown: Unknown[] = [];
  const blockValues = new Map<number, boolean>();
  const st = policy.statement;
  st.temporal.forEach((b, index) => {
    if (b.syntax) {
      const reason = b.syntax.code === "dogwood-macro" ? "a macro call, which the console does not expand" : `a temporal block the console cannot read (${b.syntax.message})`;
      outcome.temporal.push({ span: b.span, value: "unknown", witnesses: [], reasons: [reason] });
      unknown.push({ target: { kind: "block", index }, reason });
      return;
    }
    const v = evaluateTemporal(b.condition!, input.point);
    if (v.value === "unknown") {
      outcome.temporal.push({ span: b.span, value: "unknown", witnesses: [], reasons: v.reasons });
      unknown.push({ target: { kind: "block", index }, reason: v.reasons.join("; ") });
    } else {
      outcome.temporal.push({ span: b.span, value: v.value, witnesses: v.witnesses, reasons: [] });
      blockValues.set(index, v.value);
    }
  });
  st.clauses.forEach((c, index) => {
    if (c.tagSpan && !c.tag) unknown.push({ target: { kind: "clause", index }, reason: `a \`${policy.text.slice(c.tagSpan.start, c.tagSpan.end)}\` clause, which Dogwood does not define` });
  });
  const callValues = new Map<number, string>();
  st.providers.forEach((call, index) => {
    const r = readGuardrail(call, input.scores);
    outcome.guardrails.push({ span: call.span, name: [...call.namespace, call.name].join("::"), value: r.value, source: r.source, ...(r.reason ? { reason: r.reason } : {}) });
    if (r.value !== null) callValues.set(index, r.value);
    else if (!unknown.some((u) => u.target.kind === "clause" && u.target.index === call.clause)) unknown.push({ target: { kind: "clause", index: call.clause }, reason: r.reason! });
  });
  // An inline block inside a clause that is itself unknown is covered by that clause.
  const leaves = unknown.filter((u) => !(u.target.kind === "block" && !st.temporal[u.target.index].tagged && unknown.some((v) => v.target.kind === "clause" && v.target.index === st.temporal[u.target.index].clause)));
  if (leaves.length > MAX_UNKNOWN_LEAVES) {
    return { ...outcome, satisfied: "depends", dependsOn: leaves.map((l) => l.reason) };
  }

  const results = new Set<boolean>();
  for (let mask = 0; mask < 1 << leaves.length; mask++) {
    const blocks = new Map(blockValues);
    const clauses = new Map<number, boolean>();
    leaves.forEach((l, n) => (l.target.kind === "block" ? blocks : clauses).set(l.target.index, (mask & (1 << n)) !== 0));
    const r = check(render(policy, { blocks, calls: callValues, clauses }));
    for (const e of r.errors) if (!outcome.errors.includes(e)) outcome.errors.push(e);
    results.add(r.satisfied);
    if (results.size > 1) break;
  }
  if (results.size > 1) return { ...outcome, satisfied: "depends", dependsOn: leaves.map((l) => l.reason) };
  return { ...outcome, satisfied: [...results][0] };
}

/** The statement with its leaves replaced by Cedar literals (and suppressOutput read as permit). */
export function render(policy: DogwoodPolicy, values: { blocks: ReadonlyMap<number, boolean>; calls: ReadonlyMap<number, string>; clauses: ReadonlyMap<number, boolean> }): string {
  const st = policy.statement;
  const edits: Array<{ span: Span; replacement: string }> = [];
  if (st.effect?.value === "suppressOutput") edits.push({ span: st.effect.span, replacement: "permit" });
  st.clauses.forEach((c, index) => {
    const v = values.clauses.get(index);
    if (v !== undefined) edits.push({ span: c.span, replacement: `${c.keyword} { ${v} }` });
    else if (c.tag === "guardrails" && c.tagSpan) edits.push({ span: c.tagSpan, replacement: "" });
  });
  st.temporal.forEach((b, index) => {
    const v = values.blocks.get(index);
    if (v === undefined) return;
    edits.push({ span: b.span, replacement: b.tagged ? `${st.clauses[b.clause].keyword} { ${v} }` : `(${v})` });
  });
  st.providers.forEach((call, index) => {
    const v = values.calls.get(index);
    if (v !== undefined) edits.push({ span: call.span, replacement: `(${v})` });
  });
  let out = "";
  let at = 0;
  for (const e of edits.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end)) {
    if (e.span.start < at) continue; // inside a clause already replaced
    out += policy.text.slice(at, e.span.start) + e.replacement;
    at = e.span.end;
  }
  return out + policy.text.slice(at);
}

/**
 * A guardrail call's value for this call as a Cedar literal, from the scores the user set. With no
 * score, ContentFilter and PromptAttack score 0 ("no detection") and SensitiveInformation detects
 * nothing; what that leaves open (e.g. the maximum score of no detections) is undecided.
 */
export function readGuardrail(call: GuardrailCall, scores: GuardrailScore[] = []): { value: string | null; source: PolicyOutcome["guardrails"][number]["source"]; reason?: string } {
  const qualified = [...call.namespace, call.name].join("::");
  const undecided = (reason: string) => ({ value: null, source: null, reason });
  if (call.namespace.join("::") !== GUARDRAIL_NAMESPACE || !isGuardrailType(call.name)) return undecided(`the information provider ${qualified}, which the console does not evaluate`);
  if (!call.categories || !call.valueType) return undecided(`the result of ${qualified} read in a way the console does not evaluate`);
  const type = call.name;
  const named = call.categories.map((c) => c.value);
  const given = scores.filter((s) => s.type === type && named.includes(s.category));
  const source = given.length ? "set by you" : "default: no detection";
  const shape = call.accessors.map((a) => (a.kind === "method" ? `${a.name}()` : a.kind === "attr" ? a.name : "[]")).join(".");
  if (type === "SensitiveInformation") {
    if (shape === "count()") return { value: String(given.length), source };
    if (shape === "categories()") return { value: `[${[...new Set(given.map((g) => g.category))].map((c) => JSON.stringify(c)).join(", ")}]`, source };
    if (given.length === 0) return undecided(`${qualified}(…).${shape} when nothing is detected (set a detection for this call)`);
    const scoresOf = given.map((g) => g.score);
    return { value: decimal(shape === "minConfidenceScore()" ? Math.min(...scoresOf) : Math.max(...scoresOf)), source };
  }
  const scoreOf = (category: string) => given.filter((g) => g.category === category).at(-1)?.score ?? 0;
  if (shape === "[].confidenceScore") {
    const index = call.accessors[0];
    return { value: decimal(scoreOf(index.kind === "index" ? index.key : "")), source: given.some((g) => index.kind === "index" && g.category === index.key) ? "set by you" : "default: no detection" };
  }
  if (shape === "maxConfidenceScore()" || shape === "minConfidenceScore()") {
    const all = named.map(scoreOf);
    return { value: decimal(shape === "maxConfidenceScore()" ? Math.max(...all) : Math.min(...all)), source };
  }
  return undecided(`what ${qualified}(…).${shape} counts as a detection`);
}

function decimal(score: number): string {
  return `decimal("${Math.min(1, Math.max(0, score)).toFixed(4)}")`;
}
