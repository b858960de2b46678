/**
 * Risk findings for policies that validate, in AgentCore's vocabulary. Pure: no I/O, cedar-wasm is
 * passed in. Each finding says how it was established, strongest method first:
 * - scope analysis: `getValidRequestEnvsPolicy` (which of this gateway's tool actions the policy can
 *   apply to under the schema) and `policyToJson` (principal/action/resource constraints);
 * - partial evaluation: `isAuthorizedPartial` per tool with the principal and `context.input` unknown;
 *   a residual of `true` holds for every caller and input, `false` for none; the numeric constraints a
 *   residual conjoins are checked for an empty range (`x < 5 && x > 10`);
 * - sampling: calls built from the tools' schemas with the values the policies compare, for what the
 *   first two cannot settle (a permit every sampled call of which a forbid also matches).
 * A Dogwood statement (temporal, guardrails, suppressOutput) gets scope analysis only, on its
 * stateless view (lib/dogwood/stateless.ts), whose scope is the statement's own: whether it can
 * match a call depends on the session and on guardrail scores, which only the service sees.
 */
import type * as CedarWasm from "@cedar-policy/cedar-wasm/nodejs";
import { compilePolicySet, disposeCompiled, evaluate } from "@/lib/cedar/authorize";
import { ACTION_TYPE, GATEWAY_TYPE, type CedarApi, type PolicyJson } from "@/lib/cedar/cedar-api";
import { actionsInScope, describePolicy } from "@/lib/cedar/policy-parts";
import { buildRequest } from "@/lib/cedar/request-from-call";
import { statelessView } from "@/lib/dogwood/stateless";
import { readStatement } from "@/lib/dogwood/statement";
import { exampleArguments } from "@/lib/mcp/example-args";

/** The service's finding vocabulary (AgentCore policy analysis). */
export type FindingType = "VALID" | "INVALID" | "NOT_TRANSLATABLE" | "ALLOW_ALL" | "ALLOW_NONE" | "DENY_ALL" | "DENY_NONE";
export type FindingMethod = "scope-analysis" | "partial-evaluation" | "sampling" | "service";

export interface Finding {
  type: FindingType;
  policyId: string;
  message: string;
  method: FindingMethod;
  /** How the finding was established, in words, so a reader can judge it. */
  how: string;
}

export type FindingsCedar = Pick<CedarApi, "policyToJson" | "preparseSchema" | "preparsePolicySet" | "statefulIsAuthorized" | "isAuthorized"> &
  Pick<typeof CedarWasm, "isAuthorizedPartial" | "getValidRequestEnvsPolicy">;

export interface FindingsInput {
  policies: Array<{ id: string; text: string }>;
  schemaJson: Record<string, unknown>;
  gatewayArn: string;
  tools: Array<{ name: string; inputSchema: Record<string, unknown> }>;
}

const MAX_SAMPLES_PER_TOOL = 200;
const HOW = {
  scope: "Scope analysis: the tool actions the policy can apply to under the schema (getValidRequestEnvsPolicy), compared with this gateway's tools.",
  partialTrue: "Partial evaluation (isAuthorizedPartial) of each tool in scope with the principal and context.input unknown: the policy reduces to true.",
  partialFalse: "Partial evaluation (isAuthorizedPartial) of each tool in scope with the principal and context.input unknown: the policy reduces to false.",
  range: "Partial evaluation (isAuthorizedPartial) with context.input unknown, then the numeric comparisons in the residual: together they admit no value.",
};

type Residual = "true" | "false" | "residual" | "error";

export function analyzePolicies(cedar: FindingsCedar, input: FindingsInput): Finding[] {
  const toolNames = input.tools.map((t) => t.name);
  const findings: Finding[] = [];
  const live: Array<{ id: string; text: string; effect: "permit" | "forbid"; scope: string[] }> = [];

  for (const p of input.policies) {
    const st = readStatement(p.text);
    const text = st.dogwood ? statelessView(p.text).text : p.text;
    const d = describePolicy(cedar, text);
    if (!d.json || !d.effect || st.effect?.value === "suppressOutput") continue; // invalid policies are reported by validation; suppressOutput never decides
    const scope = scopeOf(cedar, text, d.json, input.schemaJson, toolNames);
    const permit = d.effect === "permit";
    if (scope.length === 0) {
      findings.push({
        type: permit ? "ALLOW_NONE" : "DENY_NONE",
        policyId: p.id,
        message: `${p.id} can never match: its scope names no tool of this gateway that it type-checks for (${(d.actions ?? ["any action"]).join(", ")}).`,
        method: "scope-analysis",
        how: HOW.scope,
      });
      continue;
    }
    if (st.dogwood) continue;
    live.push({ id: p.id, text: p.text, effect: d.effect, scope });
  }
  if (live.length === 0) return findings;

  // Partial evaluation, one call per tool, of the policies whose scope includes it.
  const residuals = new Map<string, Map<string, Residual>>(live.map((p) => [p.id, new Map()]));
  const ranges = new Map<string, string>();
  for (const tool of toolNames) {
    const here = live.filter((p) => p.scope.includes(tool));
    if (here.length === 0) continue;
    let answer: ReturnType<FindingsCedar["isAuthorizedPartial"]>;
    try {
      answer = cedar.isAuthorizedPartial({
        principal: null,
        action: { type: ACTION_TYPE, id: tool },
        resource: { type: GATEWAY_TYPE, id: input.gatewayArn },
        context: { input: { __extn: { fn: "unknown", arg: "input" } } } as never,
        policies: { staticPolicies: Object.fromEntries(here.map((p) => [p.id, p.text])) },
        entities: [],
        schema: input.schemaJson as never,
        validateRequest: false,
      });
    } catch {
      continue;
    }
    if (answer.type !== "residuals") continue;
    const r = answer.response;
    for (const p of here) {
      const state: Residual = r.errored.includes(p.id)
        ? "error"
        : r.satisfied.includes(p.id)
          ? "true"
          : r.nontrivialResiduals.includes(p.id)
            ? "residual"
            : p.id in r.residuals
              ? "false"
              : "error";
      residuals.get(p.id)!.set(tool, state);
      if (state === "residual" && !ranges.has(p.id)) {
        const empty = emptyRange(r.residuals[p.id]);
        if (empty) ranges.set(p.id, empty);
      }
    }
  }

  const flagged = new Set<string>();
  for (const p of live) {
    const states = [...residuals.get(p.id)!.values()];
    const permit = p.effect === "permit";
    if (states.length === p.scope.length && states.every((s) => s === "false")) {
      findings.push({ type: permit ? "ALLOW_NONE" : "DENY_NONE", policyId: p.id, message: `${p.id} can never match: for every tool in its scope its conditions (or its principal/resource constraints) are false.`, method: "partial-evaluation", how: HOW.partialFalse });
      flagged.add(p.id);
    } else if (ranges.has(p.id)) {
      findings.push({ type: permit ? "ALLOW_NONE" : "DENY_NONE", policyId: p.id, message: `${p.id} can never match: its conditions contradict each other (${ranges.get(p.id)}).`, method: "partial-evaluation", how: HOW.range });
      flagged.add(p.id);
    } else if (p.scope.length === toolNames.length && states.length === p.scope.length && states.every((s) => s === "true")) {
      findings.push({
        type: permit ? "ALLOW_ALL" : "DENY_ALL",
        policyId: p.id,
        message: permit ? `${p.id} permits every call of every tool of this gateway, to any principal, with any input.` : `${p.id} forbids every call of every tool of this gateway: nothing can be allowed.`,
        method: "partial-evaluation",
        how: HOW.partialTrue,
      });
    }
  }

  const sampled = live.filter((p) => !flagged.has(p.id));
  if (sampled.length) findings.push(...samplingFindings(cedar, input, sampled));
  return findings;
}

/** Tools of this gateway a policy can apply to: the schema-aware answer, or the scope's own actions. */
function scopeOf(cedar: FindingsCedar, text: string, json: PolicyJson, schemaJson: Record<string, unknown>, toolNames: string[]): string[] {
  try {
    const envs = cedar.getValidRequestEnvsPolicy(text, schemaJson as never);
    if (envs.type === "success") {
      const ids = envs.actions.map((a) => /^AgentCore::Action::"((?:[^"\\]|\\.)*)"$/.exec(a)?.[1]).filter((a): a is string => !!a);
      return toolNames.filter((t) => ids.includes(t));
    }
  } catch {
    // fall through to the scope as written
  }
  const actions = actionsInScope(json);
  return actions === null ? toolNames : toolNames.filter((t) => actions.includes(t));
}

// ---- numeric ranges in a residual -------------------------------------------------------------

type Expr = Record<string, unknown>;
type Op = "<" | "<=" | ">" | ">=" | "==";
interface Bound {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
  integer: boolean;
  text: string[];
}

const FLIP: Record<Op, Op> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==" };
const NEGATE: Partial<Record<Op, Op>> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<" };
const METHOD: Record<string, Op> = { lessThan: "<", lessThanOrEqual: "<=", greaterThan: ">", greaterThanOrEqual: ">=" };

/** A description of the contradiction when the conjoined numeric comparisons on one field admit no value. */
export function emptyRange(residual: PolicyJson | undefined): string | null {
  if (!residual) return null;
  const atoms: Expr[] = [];
  for (const c of residual.conditions) {
    if (c.kind === "when") conjuncts(c.body as Expr, atoms);
    else atoms.push({ "!": { arg: c.body } });
  }
  const bounds = new Map<string, Bound>();
  for (const atom of atoms) {
    if ((atom as { Value?: unknown }).Value === false) return "a condition that is always false";
    const c = comparison(atom);
    if (!c) continue;
    const b = bounds.get(c.path) ?? { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true, integer: c.integer, text: [] };
    b.integer &&= c.integer;
    b.text.push(`${c.label} ${c.op} ${c.value}`);
    if (c.op === "<" || c.op === "<=" || c.op === "==") {
      if (c.value < b.hi || (c.value === b.hi && c.op === "<")) [b.hi, b.hiOpen] = [c.value, c.op === "<"];
    }
    if (c.op === ">" || c.op === ">=" || c.op === "==") {
      if (c.value > b.lo || (c.value === b.lo && c.op === ">")) [b.lo, b.loOpen] = [c.value, c.op === ">"];
    }
    bounds.set(c.path, b);
  }
  for (const b of bounds.values()) {
    let { lo, hi } = b;
    if (b.integer) {
      lo = b.loOpen ? Math.floor(lo) + 1 : Math.ceil(lo);
      hi = b.hiOpen ? Math.ceil(hi) - 1 : Math.floor(hi);
      if (lo > hi) return b.text.join(" and ");
    } else if (lo > hi || (lo === hi && (b.loOpen || b.hiOpen))) return b.text.join(" and ");
  }
  return null;
}

function conjuncts(e: Expr, out: Expr[]) {
  const and = e["&&"] as { left: Expr; right: Expr } | undefined;
  if (and) {
    conjuncts(and.left, out);
    conjuncts(and.right, out);
  } else out.push(e);
}

function comparison(e: Expr): { path: string; label: string; op: Op; value: number; integer: boolean } | null {
  const not = e["!"] as { arg: Expr } | undefined;
  if (not) {
    const inner = comparison(not.arg);
    const op = inner && NEGATE[inner.op];
    return inner && op ? { ...inner, op } : null;
  }
  for (const op of ["<", "<=", ">", ">=", "=="] as Op[]) {
    const bin = e[op] as { left: Expr; right: Expr } | undefined;
    if (bin) return orient(bin.left, bin.right, op);
  }
  for (const [name, op] of Object.entries(METHOD)) {
    const args = e[name] as Expr[] | undefined;
    if (Array.isArray(args) && args.length === 2) return orient(args[0], args[1], op);
  }
  return null;
}

function orient(left: Expr, right: Expr, op: Op) {
  const l = literal(left);
  const r = literal(right);
  if (r && !l && isPath(left)) return { path: JSON.stringify(left), label: label(left), op, ...r };
  if (l && !r && isPath(right)) return { path: JSON.stringify(right), label: label(right), op: FLIP[op], ...l };
  return null;
}

function literal(e: Expr): { value: number; integer: boolean } | null {
  if (typeof e.Value === "number") return { value: e.Value, integer: true };
  const dec = e.decimal as Expr[] | undefined;
  if (Array.isArray(dec) && typeof dec[0]?.Value === "string") {
    const n = Number(dec[0].Value);
    return Number.isFinite(n) ? { value: n, integer: false } : null;
  }
  return null;
}

function isPath(e: Expr): boolean {
  return "." in e;
}

function label(e: Expr): string {
  const dot = e["."] as { left: Expr; attr: string } | undefined;
  if (!dot) return "context.input";
  return `${label(dot.left)}.${dot.attr}`;
}

// ---- sampling ------------------------------------------------------------------------------------

function samplingFindings(cedar: FindingsCedar, input: FindingsInput, live: Array<{ id: string; text: string; effect: "permit" | "forbid"; scope: string[] }>): Finding[] {
  const findings: Finding[] = [];
  // Every policy is compiled as LOG_ONLY, so one evaluation reports each one's satisfaction.
  const compiled = compilePolicySet(cedar as never, { policies: live.map((p) => ({ id: p.id, text: p.text, enforcementMode: "LOG_ONLY" as const })), schemaJson: input.schemaJson });
  try {
    const effect = new Map(live.map((p) => [p.id, p.effect]));
    const satisfied = new Map<string, number>(live.map((p) => [p.id, 0]));
    const shadowedBy = new Map<string, Set<string> | null>();
    let sampled = 0;
    const texts = live.map((p) => p.text);
    const numbers = literalNumbers(texts);
    const strings = literalStrings(texts);
    const tagValues = literalTags(texts);
    for (const tool of input.tools) {
      for (const call of samples(tool, numbers, strings, tagValues)) {
        const built = buildRequest({ principal: call.principal, toolName: tool.name, args: call.args, gatewayArn: input.gatewayArn, schemaJson: input.schemaJson as never });
        if (!built.ok) continue;
        sampled++;
        const matched = evaluate(compiled, built.request, { validate: false }).logOnly.matched;
        const forbids = matched.filter((id) => effect.get(id) === "forbid");
        for (const id of matched) {
          satisfied.set(id, (satisfied.get(id) ?? 0) + 1);
          if (effect.get(id) !== "permit") continue;
          const prev = shadowedBy.get(id);
          if (prev === null) continue;
          const now = new Set(forbids);
          shadowedBy.set(id, forbids.length === 0 ? null : prev ? new Set([...prev].filter((f) => now.has(f))) : now);
        }
      }
    }
    const how = `Sampling: ${sampled} calls built from the tools' schemas, with the numbers and strings the policies compare (numbers with their neighbours) and the tag values they name.`;
    for (const p of live) {
      const permit = p.effect === "permit";
      if ((satisfied.get(p.id) ?? 0) === 0) {
        findings.push({ type: permit ? "ALLOW_NONE" : "DENY_NONE", policyId: p.id, message: `No sampled call satisfies ${p.id}: its conditions may contradict each other or need values no call has. Check that it can ever match.`, method: "sampling", how });
        continue;
      }
      const hiders = shadowedBy.get(p.id);
      if (permit && hiders && hiders.size > 0) {
        findings.push({ type: "ALLOW_NONE", policyId: p.id, message: `${p.id} is unreachable: every sampled call it permits is forbidden by ${[...hiders].join(", ")}.`, method: "sampling", how });
      }
    }
  } finally {
    disposeCompiled(compiled);
  }
  return findings;
}

function literalNumbers(texts: string[]): number[] {
  const out = new Set<number>([0, 1]);
  for (const t of texts) {
    // Numbers inside strings (ARNs, ids) are not limits; decimal("…") literals are.
    const decimals = [...t.matchAll(/decimal\("(-?\d+(?:\.\d+)?)"\)/g)].map((m) => m[1]);
    const code = t.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const raw of [...decimals, ...[...code.matchAll(/(?<![\w.])-?\d+(?:\.\d+)?/g)].map((m) => m[0])]) {
      const n = Number(raw);
      if (Number.isFinite(n)) [n - 1, n - 0.5, n, n + 0.5, n + 1].forEach((v) => out.add(v));
    }
  }
  // Midpoints too, so that a range between two limits (4 < x < 5) is sampled inside.
  const sorted = [...out].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) out.add((sorted[i - 1] + sorted[i]) / 2);
  return [...out].slice(0, 60);
}

/** Strings the conditions compare `context.input` with (`== "EUR"`, `like "*@corp.com"`). */
function literalStrings(texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(/context\.input(?:\.\w+)+\s*(==|!=|like)\s*"((?:[^"\\]|\\.)*)"/g)) out.add(m[1] === "like" ? m[2].replace(/\\\*/g, "\u0000").replace(/\*/g, "x").replace(/\u0000/g, "*") : m[2]);
  }
  return [...out].slice(0, 20);
}

function literalTags(texts: string[]): Map<string, Set<string>> {
  const tags = new Map<string, Set<string>>();
  for (const t of texts) {
    for (const m of t.matchAll(/getTag\("([^"]+)"\)\s*(?:==|!=)\s*"([^"]*)"/g)) {
      if (!tags.has(m[1])) tags.set(m[1], new Set());
      tags.get(m[1])!.add(m[2]);
    }
    for (const m of t.matchAll(/hasTag\("([^"]+)"\)/g)) if (!tags.has(m[1])) tags.set(m[1], new Set());
  }
  return tags;
}

function* samples(tool: FindingsInput["tools"][number], numbers: number[], strings: string[], tags: Map<string, Set<string>>) {
  const base = exampleArguments(tool.inputSchema);
  const props = (tool.inputSchema.properties ?? {}) as Record<string, { type?: string; enum?: unknown[] }>;
  const argSets: Array<Record<string, unknown>> = [base];
  for (const [k, s] of Object.entries(props)) {
    if (s?.type === "integer" || s?.type === "number") for (const n of numbers) argSets.push({ ...base, [k]: s.type === "integer" ? Math.trunc(n) : n });
    else if (Array.isArray(s?.enum)) for (const v of s.enum.slice(0, 20)) argSets.push({ ...base, [k]: v });
    else if (s?.type === "string") for (const v of strings) argSets.push({ ...base, [k]: v });
  }
  const principals: Array<Record<string, unknown>> = [{}];
  for (const [tag, values] of tags) {
    for (const v of values) principals.push({ [tag]: v });
    principals.push({ [tag]: "someone-else" });
  }
  if (tags.size > 1) principals.push(Object.fromEntries([...tags].map(([k, v]) => [k, [...v][0] ?? "x"])));
  let count = 0;
  for (const args of argSets) {
    for (const claims of principals) {
      if (count++ >= MAX_SAMPLES_PER_TOOL) return;
      yield { args, principal: { sub: "sample", claims } };
    }
  }
}
