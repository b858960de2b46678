/**
 * Evaluates a temporal condition at a decision point, exactly as Dogwood's evaluation semantics
 * state it (guide "Temporal expressions" § Evaluation semantics; formal specification §5.4):
 * relationally, over the history 0..i (the decision event i included), windows closed
 * (0 <= ts(i) - ts(j) <= W), `&&` a left-to-right join that threads bindings, `!` an anti-join,
 * `exists` non-emptiness, `count`/`sum` over the distinct tuples of the `for` variables (`sum`
 * skipping non-integers), `==` binding an unbound variable, ordering only on integers.
 *
 * Where the language or AgentCore leaves a value open — an event or request field the caller did
 * not give, a list or record compared with a value, a decimal or enum comparison, an earlier call
 * whose own decision is undecided — the result is `unknown` with the reason, never a guess.
 */
import { isAlternatives, isEntity, type EntityValue, type HistorySlot, type TemporalEvent } from "./events";
import type { Cond, Term } from "./temporal-ast";

export interface DecisionPoint {
  /** The history, oldest first; the last slot is the decision event. */
  history: HistorySlot[];
  /** The current request's context record (`{ input: <arguments> }`). */
  context: Record<string, unknown>;
  principal: EntityValue;
  resource: EntityValue;
  principalAttrs?: Record<string, unknown>;
  resourceAttrs?: Record<string, unknown>;
  /** Why comparing this event field exactly is not possible (an enum or decimal field), or null. */
  uncertainField?(event: TemporalEvent, path: string[]): string | null;
  /** Likewise for a field of the current request's context. */
  uncertainContext?(path: string[]): string | null;
}

export type TemporalValue =
  | { value: boolean; /** History positions of the events that made it true (empty when false). */ witnesses: number[] }
  | { value: "unknown"; reasons: string[] };

/** How many undecided earlier calls the evaluator enumerates before it gives up (2^n histories). */
const MAX_UNDECIDED_SLOTS = 3;

export function evaluateTemporal(condition: Cond, point: DecisionPoint): TemporalValue {
  const open = point.history.map((s, i) => (isAlternatives(s) ? i : -1)).filter((i) => i >= 0);
  if (open.length > MAX_UNDECIDED_SLOTS) {
    return { value: "unknown", reasons: [`the decisions of ${open.length} earlier calls of the session are undecided`] };
  }
  if (open.length === 0) return evaluateIn(condition, point as Point);
  const results: TemporalValue[] = [];
  for (const choice of choices(point.history, open)) {
    results.push(evaluateIn(condition, { ...point, history: choice }));
  }
  const unknown = results.find((r) => r.value === "unknown");
  if (unknown) return unknown;
  const values = new Set(results.map((r) => r.value));
  if (values.size > 1) {
    const calls = open.map((i) => (point.history[i] as { alternatives: TemporalEvent[] }).alternatives[0].origin.call + 1);
    return { value: "unknown", reasons: [`whether earlier call${calls.length > 1 ? "s" : ""} #${calls.join(", #")} ${calls.length > 1 ? "were" : "was"} allowed (its decision is undecided)`] };
  }
  const witnesses = [...new Set(results.flatMap((r) => (r.value === "unknown" ? [] : r.witnesses)))].sort((a, b) => a - b);
  return { value: results[0].value as boolean, witnesses };
}

/** Every concrete history: one alternative picked at each undecided slot. */
function choices(history: HistorySlot[], open: number[]): TemporalEvent[][] {
  let out: TemporalEvent[][] = [history.map((s) => (isAlternatives(s) ? s.alternatives[0] : s))];
  for (const i of open) {
    const alts = (history[i] as { alternatives: TemporalEvent[] }).alternatives;
    out = out.flatMap((h) => alts.map((a) => h.map((e, k) => (k === i ? a : e))));
  }
  return out;
}

class Undecided extends Error {}

interface Row {
  env: ReadonlyMap<string, unknown>;
  witnesses: readonly number[];
}

interface Point extends Omit<DecisionPoint, "history"> {
  history: TemporalEvent[];
}

function evaluateIn(condition: Cond, point: Point): TemporalValue {
  try {
    const rows = evalCond(condition, point.history.length - 1, { env: new Map(), witnesses: [] }, point);
    return { value: rows.length > 0, witnesses: [...new Set(rows.flatMap((r) => r.witnesses))].sort((a, b) => a - b) };
  } catch (e) {
    if (e instanceof Undecided) return { value: "unknown", reasons: [e.message] };
    throw e;
  }
}

function inWindow(point: Point, i: number, j: number, seconds: number): boolean {
  const d = point.history[i].at - point.history[j].at;
  return d >= 0 && d <= seconds;
}

function evalCond(c: Cond, i: number, row: Row, point: Point): Row[] {
  switch (c.k) {
    case "and":
      return evalCond(c.left, i, row, point).flatMap((r) => evalCond(c.right, i, r, point));
    case "not":
      return evalCond(c.body, i, row, point).length ? [] : [row];
    case "formerly": {
      const out: Row[] = [];
      for (let j = 0; j <= i; j++) if (inWindow(point, i, j, c.window.seconds)) out.push(...evalCond(c.body, j, row, point));
      return out;
    }
    case "previous":
      return i > 0 && inWindow(point, i, i - 1, c.window.seconds) ? evalCond(c.body, i - 1, row, point) : [];
    case "since": {
      const out: Row[] = [];
      for (let j = 0; j <= i; j++) {
        if (!inWindow(point, i, j, c.window.seconds)) continue;
        for (const r of evalCond(c.right, j, row, point)) {
          let held = true;
          for (let k = j + 1; k <= i && held; k++) held = evalCond(c.left, k, r, point).length > 0;
          if (held) out.push(r);
        }
      }
      return out;
    }
    case "exists": {
      const inner = new Map(row.env);
      inner.delete(c.binder.name);
      const rows = evalCond(c.body, i, { env: inner, witnesses: row.witnesses }, point);
      // Project the binder away (restoring an outer variable of the same name), one row per binding.
      return dedupe(
        rows.map((r) => {
          const env = new Map(r.env);
          env.delete(c.binder.name);
          if (row.env.has(c.binder.name)) env.set(c.binder.name, row.env.get(c.binder.name));
          return { env, witnesses: r.witnesses };
        }),
      );
    }
    case "tp": {
      const bound = row.env.get(c.name);
      if (bound !== undefined) return bound === i ? [row] : [];
      return [bind(row, c.name, i)];
    }
    case "pred":
      return matchPredicate(c, i, row, point);
    case "cmp":
      return compare(c, i, row, point);
  }
}

function matchPredicate(p: Extract<Cond, { k: "pred" }>, i: number, row: Row, point: Point): Row[] {
  const e = point.history[i];
  if (e.actionType !== p.namespace.join("::") || e.action !== p.action || e.kind !== p.kind) return [];
  let out = row;
  for (const arg of p.args) {
    const pattern = resolve(arg.value, i, out, point);
    if (pattern.k === "none") continue; // a wildcard, like an omitted field, constrains nothing
    const value = lookup(e.fields, arg.path);
    if (value === undefined) throw new Undecided(`${describe(e)} has no \`${arg.path.join(".")}\` the console knows`);
    const why = point.uncertainField?.(e, arg.path);
    if (why) throw new Undecided(why);
    if (pattern.k === "unbound") out = bind(out, pattern.name, value);
    else if (!same(value, pattern.v, () => `\`${arg.path.join(".")}\` of ${describe(e)}`)) return [];
  }
  return [{ env: out.env, witnesses: [...out.witnesses, i] }];
}

function compare(c: Extract<Cond, { k: "cmp" }>, i: number, row: Row, point: Point): Row[] {
  const left = resolve(c.left, i, row, point);
  const right = resolve(c.right, i, row, point);
  if (c.op === "==") {
    if (left.k === "unbound" && right.k === "value") return [bind(row, left.name, right.v, right.witnesses)];
    if (right.k === "unbound" && left.k === "value") return [bind(row, right.name, left.v, left.witnesses)];
    if (left.k !== "value" || right.k !== "value") return [];
    return same(left.v, right.v, () => "a comparison") ? [withWitnesses(row, left, right)] : [];
  }
  if (left.k !== "value" || right.k !== "value") return [];
  const a = left.v;
  const b = right.v;
  if (!Number.isInteger(a) || !Number.isInteger(b)) {
    if (isDecimal(a) || isDecimal(b) || typeof a === "number" || typeof b === "number") throw new Undecided("an ordering comparison on a decimal");
    return [];
  }
  const x = a as number;
  const y = b as number;
  const holds = c.op === "<" ? x < y : c.op === "<=" ? x <= y : c.op === ">" ? x > y : x >= y;
  return holds ? [withWitnesses(row, left, right)] : [];
}

type Resolved = { k: "value"; v: unknown; witnesses?: number[] } | { k: "unbound"; name: string } | { k: "none" };

function resolve(t: Term, i: number, row: Row, point: Point): Resolved {
  switch (t.k) {
    case "int":
    case "string":
    case "bool":
      return { k: "value", v: t.value };
    case "decimal":
      return { k: "value", v: { __decimal: t.text } };
    case "entity":
      return { k: "value", v: { __entity: { type: t.type, id: t.id } } };
    case "wildcard":
      return { k: "none" };
    case "var":
      return row.env.has(t.name) ? { k: "value", v: row.env.get(t.name) } : { k: "unbound", name: t.name };
    case "context": {
      const v = lookup(point.context, t.path);
      if (v === undefined) throw new Undecided(`the call has no \`context.${t.path.join(".")}\``);
      const why = point.uncertainContext?.(t.path);
      if (why) throw new Undecided(why);
      return { k: "value", v };
    }
    case "scope": {
      const e = t.root === "principal" ? point.principal : point.resource;
      if (t.path.length === 0) return { k: "value", v: e };
      const attrs = t.root === "principal" ? point.principalAttrs : point.resourceAttrs;
      const v = attrs ? lookup(attrs, t.path) : undefined;
      if (v === undefined) throw new Undecided(`\`${t.root}.${t.path.join(".")}\` (an attribute of the request's ${t.root})`);
      return { k: "value", v };
    }
    case "array":
      throw new Undecided("a list value in a temporal condition");
    case "count":
    case "sum":
      return aggregate(t, i, row, point);
    case "sigil":
      throw new Undecided("a macro parameter");
  }
}

function aggregate(t: Extract<Term, { k: "count" | "sum" }>, i: number, row: Row, point: Point): Resolved {
  const inner = new Map(row.env);
  for (const b of t.binders) inner.delete(b.name);
  const rows = evalCond(t.body, i, { env: inner, witnesses: [] }, point);
  const tuples = new Map<string, { values: unknown[]; witnesses: readonly number[] }>();
  for (const r of rows) {
    const values = t.binders.map((b) => r.env.get(b.name));
    if (values.some((v) => v === undefined)) throw new Undecided("an aggregation variable that its body does not bind");
    const key = JSON.stringify(values);
    const hit = tuples.get(key);
    tuples.set(key, { values, witnesses: [...(hit?.witnesses ?? []), ...r.witnesses] });
  }
  const witnesses = [...tuples.values()].flatMap((x) => x.witnesses);
  if (t.k === "count") return { k: "value", v: tuples.size, witnesses };
  const at = t.binders.findIndex((b) => b.name === t.target);
  if (at < 0) throw new Undecided(`\`sum ${t.target}\`, which is not one of its \`for\` variables`);
  let total = 0;
  for (const { values } of tuples.values()) if (Number.isInteger(values[at])) total += values[at] as number;
  return { k: "value", v: total, witnesses };
}

/** Equality as Dogwood's domain equality, or undecided where the console cannot know the service's. */
function same(a: unknown, b: unknown, what: () => string): boolean {
  if (isEntity(a) || isEntity(b)) return isEntity(a) && isEntity(b) && a.__entity.type === b.__entity.type && a.__entity.id === b.__entity.id;
  if (isDecimal(a) || isDecimal(b)) {
    if (isDecimal(a) && isDecimal(b) && a.__decimal === b.__decimal) return true;
    throw new Undecided(`how the service compares a decimal in ${what()}`);
  }
  if (Array.isArray(a) || Array.isArray(b) || isRecord(a) || isRecord(b)) throw new Undecided(`how the service matches a list or record value in ${what()}`);
  if (a === null || b === null) throw new Undecided(`how the service compares a null value in ${what()}`);
  if (typeof a === "number" && typeof b === "number") {
    if (!Number.isInteger(a) || !Number.isInteger(b)) throw new Undecided(`how the service compares a non-integer number in ${what()}`);
    return a === b;
  }
  return typeof a === typeof b && a === b;
}

function isDecimal(v: unknown): v is { __decimal: string } {
  return typeof v === "object" && v !== null && "__decimal" in v;
}

function isRecord(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isEntity(v) && !isDecimal(v);
}

export function lookup(record: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = record;
  for (const name of path) {
    if (typeof v !== "object" || v === null || Array.isArray(v) || !(name in v)) return undefined;
    v = (v as Record<string, unknown>)[name];
  }
  return v;
}

function bind(row: Row, name: string, value: unknown, witnesses: number[] = []): Row {
  const env = new Map(row.env);
  env.set(name, value);
  return { env, witnesses: [...row.witnesses, ...witnesses] };
}

function withWitnesses(row: Row, ...sides: Resolved[]): Row {
  const extra = sides.flatMap((s) => (s.k === "value" ? (s.witnesses ?? []) : []));
  return extra.length ? { env: row.env, witnesses: [...row.witnesses, ...extra] } : row;
}

function dedupe(rows: Row[]): Row[] {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const key = JSON.stringify([...r.env].sort(([a], [b]) => a.localeCompare(b)));
    const hit = out.get(key);
    out.set(key, hit ? { env: r.env, witnesses: [...hit.witnesses, ...r.witnesses] } : r);
  }
  return [...out.values()];
}

function describe(e: TemporalEvent): string {
  return `the ${e.kind} event of call #${e.origin.call + 1} (${e.action})`;
}
