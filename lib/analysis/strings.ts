/**
 * Strings without the solver's string theory. Cedar only compares strings with `==` and `like`
 * (a glob: literal characters and `*`), so the encoding gives every string an integer code (each
 * literal of the policies its own, any other string a fresh one) and each `like` pattern an
 * uninterpreted predicate on codes. Which combinations of patterns a real string can satisfy is
 * decided here, exactly, by a search over the product of the patterns' automata: it either finds the
 * shortest such string or proves there is none (the search space is finite: a pattern's state is a
 * set of positions in it).
 */

/** A `like` pattern: literal characters, and null for the wildcard `*`. */
export type Glob = ReadonlyArray<string | null>;

export interface StringSpec {
  must: Glob[];
  mustNot: Glob[];
  /** Strings the witness must differ from (the literals, whose codes are taken, and other witnesses). */
  notIn: ReadonlySet<string>;
  minLength: number;
  maxLength: number;
  /** Further tests (a JSON Schema `pattern`), checked on candidates rather than built into the automaton. */
  accept?: (s: string) => boolean;
  /** Readable candidates tried before the search (e.g. "agent-1" for a caller's sub). */
  prefer?: string[];
}

export function globFromJson(pattern: unknown[]): Glob {
  return pattern.map((p) => (p === "Wildcard" ? null : Array.from(String((p as { Literal: string }).Literal)).join("")));
}

export function globText(g: Glob): string {
  return g.map((c) => (c === null ? "*" : c === "*" ? "\\*" : c)).join("");
}

export function globMatches(g: Glob, s: string): boolean {
  let states = closure(g, new Set([0]));
  for (const ch of Array.from(s)) {
    states = step(g, states, ch);
    if (states.size === 0) return false;
  }
  return states.has(g.length);
}

function closure(g: Glob, states: Set<number>): Set<number> {
  const out = new Set(states);
  for (const s of states) for (let i = s; i < g.length && g[i] === null; i++) out.add(i + 1);
  return out;
}

function step(g: Glob, states: Set<number>, ch: string): Set<number> {
  const next = new Set<number>();
  for (const s of states) {
    if (s >= g.length) continue;
    if (g[s] === null) next.add(s);
    else if (g[s] === ch) next.add(s + 1);
  }
  return closure(g, next);
}

function meets(spec: StringSpec, s: string): boolean {
  const length = Array.from(s).length;
  return (
    length >= spec.minLength &&
    length <= spec.maxLength &&
    !spec.notIn.has(s) &&
    spec.must.every((g) => globMatches(g, s)) &&
    !spec.mustNot.some((g) => globMatches(g, s)) &&
    (!spec.accept || spec.accept(s))
  );
}

/** Characters tried besides the patterns' own, most readable first. */
const NEUTRAL = ["a", "b", "c", "x", "1", "0", "-", "A", "Z", "_", "."];
const MAX_NODES = 40_000;

/**
 * The shortest (then most readable) string meeting the spec, or null when none exists. `exhaustive`
 * says whether null is a proof (the automaton search ran out of states) or the budget ran out.
 */
export function findWitness(spec: StringSpec): { value: string | null; exhaustive: boolean } {
  for (const p of spec.prefer ?? []) if (meets(spec, p)) return { value: p, exhaustive: true };
  const globs = [...spec.must, ...spec.mustNot];
  const alphabet = [...new Set([...NEUTRAL, ...globs.flatMap((g) => g.filter((c): c is string => c !== null))])];
  const accepts = (sets: Set<number>[]) =>
    spec.must.every((g, i) => sets[i].has(g.length)) && spec.mustNot.every((g, j) => !sets[spec.must.length + j].has(g.length));
  // Distinct strings may share an automaton state, so a state is expanded a few times: enough to get
  // past every excluded string and a pattern mismatch or two.
  // With a further test, candidates of each length are tried far more widely (it is not an automaton).
  const revisits = spec.notIn.size + (spec.accept ? 2_000 : 2);
  const seen = new Map<string, number>();
  type Node = { s: string; len: number; sets: Set<number>[] };
  const start: Node = { s: "", len: 0, sets: globs.map((g) => closure(g, new Set([0]))) };
  const queue: Node[] = [start];
  let budgetHit = false;
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head];
    if (n.len >= spec.minLength && accepts(n.sets) && !spec.notIn.has(n.s) && (!spec.accept || spec.accept(n.s))) return { value: n.s, exhaustive: true };
    if (n.len >= spec.maxLength) continue;
    if (queue.length > MAX_NODES) {
      budgetHit = true;
      continue;
    }
    for (const ch of alphabet) {
      const sets = globs.map((g, i) => step(g, n.sets[i], ch));
      // A must-pattern with no live state can never accept again.
      if (spec.must.some((_, i) => sets[i].size === 0)) continue;
      const key = `${spec.accept ? n.len + 1 : Math.min(n.len + 1, spec.minLength)}|${sets.map((x) => [...x].sort((a, b) => a - b).join(",")).join(";")}`;
      const count = seen.get(key) ?? 0;
      if (count >= revisits) continue;
      seen.set(key, count + 1);
      queue.push({ s: n.s + ch, len: n.len + 1, sets });
    }
  }
  // Without a further test the search is complete; with one, candidates were only sampled.
  return { value: null, exhaustive: !budgetHit && !spec.accept };
}
