/**
 * One tool's policies as a solver problem, and the loop that answers questions about it.
 *
 * A question is a Boolean combination of "policy P is satisfied" atoms (`Question`), so the same
 * question is both sent to the solver and evaluated on cedar-wasm's answer for a concrete call.
 * A satisfying model is only a candidate until its strings are realised (strings.ts): when the
 * `like` predicates it chose admit no real string, the impossible combination is asserted as a
 * lemma and the solver asked again (counterexample-guided refinement).
 */
import type { PolicyJson } from "@/lib/cedar/cedar-api";
import { Domain, type StringVar, type ToolScope } from "./domain";
import { encodePolicy } from "./encode";
import { and, int, not, or, parseSExprs, readValue, showSExpr, type SExpr, type Smt, type Term } from "./smt";
import { findWitness, globMatches, type Glob } from "./strings";

export type Question = { all: Question[] } | { any: Question[] } | { not: Question } | { policy: string } | boolean;

export const all = (...qs: Question[]): Question => ({ all: qs });
export const any = (...qs: Question[]): Question => ({ any: qs });
export const none = (...qs: Question[]): Question => ({ not: { any: qs } });

export function holds(q: Question, satisfied: ReadonlySet<string>): boolean {
  if (typeof q === "boolean") return q;
  if ("policy" in q) return satisfied.has(q.policy);
  if ("not" in q) return !holds(q.not, satisfied);
  if ("all" in q) return q.all.every((x) => holds(x, satisfied));
  return q.any.some((x) => holds(x, satisfied));
}

export interface Assignment {
  values: Map<string, bigint | boolean>;
  strings: Map<string, string>;
}

export type Answer =
  | { status: "sat"; assignment: Assignment; domain: Domain }
  | { status: "unsat" }
  | { status: "unknown"; reason: string };

/** Z3's resource limit per query: deterministic, unlike a timeout. A typical question uses ~2,000 units; this is ~1 s of work here. */
const RLIMIT = 400_000;
const MAX_REFINEMENTS = 25;
const READABLE = "readable";
const APART = "apart";

export class ToolProblem {
  readonly domain: Domain;
  readonly names = new Map<string, string>();

  constructor(scope: ToolScope, policies: Array<{ key: string; json: PolicyJson }>) {
    this.domain = new Domain(scope);
    for (const p of policies) this.names.set(p.key, `pol${this.names.size}`);
    this.terms = policies.map((p) => [this.names.get(p.key)!, encodePolicy(this.domain, p.json)]);
  }

  private readonly terms: Array<[string, Term]>;

  /** Sub-expressions this tool's policies use outside the encoded subset, by construct. */
  get abstracted(): string[] {
    return [...new Set([...this.domain.abstractions.values()].map((a) => a.construct))];
  }

  toTerm(q: Question): Term {
    if (typeof q === "boolean") return q ? "true" : "false";
    if ("policy" in q) return this.names.get(q.policy) ?? "false";
    if ("not" in q) return not(this.toTerm(q.not));
    if ("all" in q) return and(...q.all.map((x) => this.toTerm(x)));
    return or(...q.any.map((x) => this.toTerm(x)));
  }

  preamble(): string {
    const d = this.domain;
    const n = d.literals.list.length;
    const facts: Term[] = [];
    for (const { fn, glob } of d.patterns.values()) d.literals.list.forEach((lit, code) => facts.push(globMatches(glob, lit) ? `(${fn} ${code})` : `(not (${fn} ${code}))`));
    // A literal a string argument's own schema forbids (length, pattern) is not a value it can take.
    for (const s of d.strings) d.literals.list.forEach((lit, code) => !fitsString(s, lit) && facts.push(`(not (= ${s.name} ${code}))`));
    const valueCodes = [...d.literals.values].map((c) => int(c));
    const readable = and(...d.strings.map((s) => or(`(>= ${s.name} ${int(n)})`, ...valueCodes.map((c) => `(= ${s.name} ${c})`))));
    const fresh = d.strings.map((x) => x.name);
    const apart = and(...fresh.flatMap((a, i) => fresh.slice(i + 1).map((b) => or(`(< ${a} ${int(n)})`, `(not (= ${a} ${b}))`))));
    return [
      ...d.decls,
      ...[...d.axioms, ...facts].map((a) => `(assert ${a})`),
      ...this.terms.map(([name, t]) => `(define-fun ${name} () Bool ${t})`),
      `(define-fun fresh_floor () Int ${int(n)})`,
      `(declare-const ${READABLE} Bool)`,
      `(assert (= ${READABLE} ${readable}))`,
      `(declare-const ${APART} Bool)`,
      `(assert (= ${APART} ${apart}))`,
    ].join("\n");
  }
}

function fitsString(s: StringVar, value: string): boolean {
  const length = [...value].length;
  return length >= s.minLength && length <= s.maxLength && (!s.pattern || s.pattern.test(value));
}

const prepared = new WeakSet<Smt>();

/** Runs `fn` with the problem loaded into the solver, and unloads it afterwards. */
export function withProblem<T>(smt: Smt, problem: ToolProblem, fn: (session: Session) => T): T {
  if (!prepared.has(smt)) {
    expectOk(smt.eval(`(set-option :produce-models true)(set-option :rlimit ${RLIMIT})`));
    prepared.add(smt);
  }
  const loaded = smt.eval(`(push 1)\n${problem.preamble()}`);
  let result: T;
  try {
    expectOk(loaded);
    result = fn(new Session(smt, problem));
  } catch (e) {
    // The solver's scopes may be left open: start the shared context afresh for the next analysis.
    smt.eval("(reset)");
    prepared.delete(smt);
    throw e;
  }
  smt.eval("(pop 1)");
  return result;
}

function expectOk(out: string) {
  if (out.includes("(error")) throw new Error(`The solver rejected the analysis' script: ${out.trim().slice(0, 400)}`);
}

export class Session {
  constructor(
    private readonly smt: Smt,
    readonly problem: ToolProblem,
  ) {}

  /** Finds an assignment satisfying the question (and `extra` constraints, e.g. to block examples). */
  solve(q: Question, extra: Term[] = []): Answer {
    const d = this.problem.domain;
    const lemmas: Term[] = [];
    const goal = and(this.problem.toTerm(q), ...extra);
    if (goal === "false") return { status: "unsat" };
    const asks = this.modelTerms();
    const getValues = asks.length ? `(get-value (${asks.join(" ")}))` : "";
    for (let round = 0; round < MAX_REFINEMENTS; round++) {
      const scope = `(push 1)(assert ${goal})${lemmas.map((l) => `(assert ${l})`).join("")}`;
      // Ask for a readable model first (strings not borrowed from entity ids); fall back to any model.
      // and distinct arguments distinct; each preference is dropped when the question needs it.
      let out = this.smt.eval(`${scope}(check-sat)(check-sat-assuming (${READABLE} ${APART}))`);
      const [status, preferred] = parseSExprs(out);
      if (status === "sat" && preferred !== "sat" && this.smt.eval(`(check-sat-assuming (${READABLE}))`).trim() !== "sat") out = this.smt.eval("(check-sat)");
      const values = status === "sat" ? parseSExprs(this.smt.eval(getValues))[0] : undefined;
      this.smt.eval("(pop 1)");
      if (status === "unsat") return { status: "unsat" };
      if (status !== "sat") return { status: "unknown", reason: this.unknownReason(out) };
      const model = readModel(values);
      const realised = this.realise(model);
      if ("lemma" in realised) {
        lemmas.push(realised.lemma);
        continue;
      }
      if ("unknown" in realised) return { status: "unknown", reason: realised.unknown };
      return { status: "sat", assignment: { values: model, strings: realised.strings }, domain: d };
    }
    return { status: "unknown", reason: "the string constraints needed more refinement rounds than allowed" };
  }

  /**
   * The least or greatest value of an integer term over the calls meeting the question: a bound,
   * "unbounded" up to the domain's own limits, or null when the solver cannot say. String
   * realisation is not part of this, so callers treat a bound as a description, not a proof.
   */
  optimize(q: Question, term: Term, goal: "minimize" | "maximize"): bigint | null {
    const out = this.smt.eval(`(push 1)(assert ${this.problem.toTerm(q)})(${goal} ${term})(check-sat)(get-objectives)(pop 1)`);
    const [status, objectives] = parseSExprs(out);
    if (status !== "sat" || !Array.isArray(objectives)) return null;
    const entry = objectives.find((x): x is SExpr[] => Array.isArray(x) && x.length === 2);
    const v = entry ? readValue(entry[1]) : null;
    return typeof v === "bigint" ? v : null;
  }

  private unknownReason(out: string): string {
    if (out.includes("(error")) return `the solver rejected the query (${out.trim().slice(0, 200)})`;
    const reason = this.smt.eval("(get-info :reason-unknown)");
    return /canceled|resource/i.test(reason) ? "the solver reached its resource limit" : `the solver could not decide (${reason.trim()})`;
  }

  private modelTerms(): string[] {
    const d = this.problem.domain;
    const names = d.decls.map((x) => /^\(declare-const (\S+) /.exec(x)?.[1]).filter((x): x is string => !!x);
    const likes = [...d.likeUses].flatMap(([v, fns]) => [...fns].map((fn) => `(${fn} ${v})`));
    return [...names, ...likes];
  }

  /** Gives every string variable a real string, or a lemma that rules out the model's choice. */
  private realise(model: Map<string, bigint | boolean>): { strings: Map<string, string> } | { lemma: Term } | { unknown: string } {
    const d = this.problem.domain;
    const literals = d.literals.list;
    const strings = new Map<string, string>();
    const groups = new Map<bigint, StringVar[]>();
    for (const s of d.strings) {
      const code = model.get(s.name);
      if (typeof code !== "bigint") continue;
      if (code < BigInt(literals.length)) strings.set(s.name, literals[Number(code)]);
      else groups.set(code, [...(groups.get(code) ?? []), s]);
    }
    const taken = new Set(literals);
    for (const [, vars] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const must: Glob[] = [];
      const mustNot: Glob[] = [];
      const used: Array<{ fn: string; glob: Glob; holds: boolean }> = [];
      // Only the patterns applied to these variables matter; the model's other choices are arbitrary.
      const applied = new Set(vars.flatMap((x) => [...(d.likeUses.get(x.name) ?? [])]));
      for (const { fn, glob } of d.patterns.values()) {
        if (!applied.has(fn)) continue;
        const v = vars.map((x) => model.get(`(${fn} ${x.name})`)).find((x) => typeof x === "boolean");
        if (typeof v !== "boolean") continue;
        (v ? must : mustNot).push(glob);
        used.push({ fn, glob, holds: v });
      }
      const minLength = Math.max(...vars.map((v) => v.minLength));
      const maxLength = Math.min(...vars.map((v) => v.maxLength));
      const patterns = vars.map((v) => v.pattern).filter((p): p is RegExp => !!p);
      const accept = patterns.length ? (s: string) => patterns.every((p) => p.test(s)) : undefined;
      // Prefer a non-empty string: "" reads as a mistake in an example.
      const prefer = vars.some((v) => v.path === "principal.sub") ? ["agent-1"] : [];
      let found = findWitness({ must, mustNot, notIn: taken, minLength: Math.max(minLength, 1), maxLength, accept, prefer });
      if (found.value === null) found = findWitness({ must, mustNot, notIn: taken, minLength, maxLength, accept });
      if (found.value !== null) {
        taken.add(found.value);
        for (const v of vars) strings.set(v.name, found.value);
        continue;
      }
      if (!found.exhaustive) return { unknown: `no string was found that meets ${vars.map((v) => v.path).join(", ")}'s pattern together with the policies' like patterns` };
      const lemma = this.lemma(vars, used, minLength, maxLength);
      return { lemma };
    }
    return { strings };
  }

  /** The smallest set of the model's `like` choices that no fresh string can meet, as a fact to assert. */
  private lemma(vars: StringVar[], used: Array<{ fn: string; glob: Glob; holds: boolean }>, minLength: number, maxLength: number): Term {
    const literals = new Set(this.problem.domain.literals.list);
    const impossible = (set: typeof used, lengths: boolean) =>
      findWitness({
        must: set.filter((u) => u.holds).map((u) => u.glob),
        mustNot: set.filter((u) => !u.holds).map((u) => u.glob),
        notIn: literals,
        minLength: lengths ? minLength : 0,
        maxLength: lengths ? maxLength : Infinity,
      }).value === null;
    const lengths = !impossible(used, false);
    let core = used;
    for (const u of used) {
      const smaller = core.filter((x) => x !== u);
      if (impossible(smaller, lengths)) core = smaller;
    }
    const first = vars[0].name;
    const likeOf = (x: string) => core.map((u) => (u.holds ? `(${u.fn} ${x})` : `(not (${u.fn} ${x}))`));
    if (!lengths) {
      // No string at all has these pattern outcomes: true of every string variable.
      return and(...this.problem.domain.strings.map((s) => not(and(`(>= ${s.name} fresh_floor)`, ...likeOf(s.name)))));
    }
    return not(and(`(>= ${first} fresh_floor)`, ...vars.slice(1).map((v) => `(= ${v.name} ${first})`), ...likeOf(first)));
  }
}

function readModel(values: SExpr | undefined): Map<string, bigint | boolean> {
  const model = new Map<string, bigint | boolean>();
  if (!Array.isArray(values)) return model;
  for (const pair of values) {
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    const v = readValue(pair[1]);
    if (v !== null) model.set(showSExpr(pair[0]), v);
  }
  return model;
}
