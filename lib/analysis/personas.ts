/**
 * "What can this persona call?" under the draft: with the principal fixed to the persona's `sub`
 * and tags, per tool always / never / only when the arguments meet stated constraints (ranges for
 * numbers, values for enums, booleans and strings, presence for optional fields).
 */
import { principalTags } from "@/lib/mcp/principal";
import type { Persona } from "@/lib/simulation/types";
import { allows } from "./compare";
import { ask, newProblem, policiesFor, type AnalysisContext } from "./context";
import type { FixedPrincipal } from "./domain";
import { decimalText, DECIMAL_MAX, DECIMAL_MIN, SAFE_INTEGER } from "./json-values";
import { withProblem, type Question, type Session } from "./problem";
import { and, eq, int, not, or, type Term } from "./smt";
import type { ArgumentConstraint, ExampleCall, PersonaAccess, PersonaToolAccess } from "./types";

const MAX_LISTED_STRINGS = 20;

export function personaAccess(ctx: AnalysisContext, persona: Persona): PersonaAccess {
  const kind = persona.type ?? "OAuthUser";
  const principal: ExampleCall["principal"] = kind === "IamEntity" ? { type: kind, sub: persona.sub } : { type: kind, sub: persona.sub, claims: Object.fromEntries(principalTags(persona)) };
  const fixed: FixedPrincipal = { sub: persona.sub, tags: Object.fromEntries(principalTags({ ...persona, type: kind })) };
  const tools = ctx.gateway.tools.map(({ name: tool }): PersonaToolAccess => {
    if (kind !== ctx.gateway.principalKind) return { tool, access: "unknown", reason: `${persona.name} is an ${kind}; this gateway's callers are ${ctx.gateway.principalKind}s.` };
    const policies = policiesFor(ctx, tool).filter((p) => p.set === "draft");
    const problem = newProblem(ctx, tool, policies, fixed);
    if (!problem) return { tool, access: "unknown", reason: `${tool} has no input type in the gateway's Cedar schema.` };
    return withProblem(ctx.smt, problem, (session) => toolAccess(ctx, session, tool, allows(policies, "draft")));
  });
  return { persona: persona.name, principal, tools };
}

function toolAccess(ctx: AnalysisContext, session: Session, tool: string, allow: Question): PersonaToolAccess {
  const yes = ask(ctx, session, tool, allow, `${tool}: persona allowed`);
  if (yes.kind === "none") return { tool, access: "never" };
  if (yes.kind === "unknown") return { tool, access: "unknown", reason: yes.reason };
  const no = ask(ctx, session, tool, { not: allow }, `${tool}: persona denied`);
  if (no.kind === "none") return { tool, access: "always" };
  if (no.kind === "unknown") return { tool, access: "unknown", reason: no.reason, allowedExample: yes.call };
  const constraints = describe(session, allow);
  const within = and(...constraints.map((c) => c.term));
  const exact = session.solve({ not: allow }, [within]).status === "unsat";
  return { tool, access: "only-when", constraints: constraints.map((c) => c.constraint), exact, allowedExample: yes.call, deniedExample: no.call };
}

interface Described {
  constraint: ArgumentConstraint;
  term: Term;
}

/** Each argument the policies read, projected onto the allowed calls, kept when it narrows anything. */
function describe(session: Session, allow: Question): Described[] {
  const d = session.problem.domain;
  const out: Described[] = [];
  const sat = (extra: Term) => session.solve(allow, [extra]).status === "sat";
  for (const [path, node] of d.nodes) {
    if (path.includes("[")) continue; // set elements: described by the set, not one by one
    if (node.kind === "Long" || node.kind === "decimal") {
      const [lo, hi] = node.kind === "Long" ? [-SAFE_INTEGER, SAFE_INTEGER] : [DECIMAL_MIN, DECIMAL_MAX];
      const min = session.optimize(allow, node.name, "minimize");
      const max = session.optimize(allow, node.name, "maximize");
      const show = (v: bigint) => (node.kind === "Long" ? v.toString() : trimDecimal(decimalText(v)));
      const hasMin = min !== null && min > lo;
      const hasMax = max !== null && max < hi;
      if (!hasMin && !hasMax) continue;
      const text = hasMin && hasMax ? (min === max ? `${path} = ${show(min!)}` : `${show(min!)} ≤ ${path} ≤ ${show(max!)}`) : hasMin ? `${path} ≥ ${show(min!)}` : `${path} ≤ ${show(max!)}`;
      out.push({
        constraint: { path, kind: "range", ...(hasMin ? { min: show(min!) } : {}), ...(hasMax ? { max: show(max!) } : {}), text },
        term: and(hasMin ? `(>= ${node.name} ${int(min!)})` : "true", hasMax ? `(<= ${node.name} ${int(max!)})` : "true"),
      });
    } else if (node.kind === "enum" || node.kind === "String") {
      const candidates = node.kind === "enum" ? node.values : d.literals.list.length <= MAX_LISTED_STRINGS ? d.literals.list : null;
      if (!candidates) continue;
      if (node.kind === "String" && sat(`(>= ${node.name} fresh_floor)`)) continue; // any other string works too
      const allowed = candidates.filter((v) => sat(eq(node.name, d.literals.code(v))));
      if (allowed.length === candidates.length && node.kind === "enum") continue;
      out.push({ constraint: { path, kind: "values", values: allowed, text: `${path} ∈ {${allowed.map((v) => JSON.stringify(v)).join(", ")}}` }, term: or(...allowed.map((v) => eq(node.name, d.literals.code(v)))) });
    } else if (node.kind === "Bool") {
      const allowed = [true, false].filter((v) => sat(v ? node.name : not(node.name)));
      if (allowed.length === 2) continue;
      out.push({ constraint: { path, kind: "values", values: allowed, text: `${path} = ${allowed.join(" or ")}` }, term: allowed[0] ? node.name : not(node.name) });
    } else if (node.kind === "record" || node.kind === "entity") {
      for (const [attr, flag] of node.presence) out.push(...presence(path ? `${path}.${attr}` : attr, flag, sat));
    }
  }
  return out;
}

function presence(path: string, flag: string, sat: (t: Term) => boolean): Described[] {
  const canBe = sat(flag);
  const canLack = sat(not(flag));
  if (canBe && canLack) return [];
  return canBe ? [{ constraint: { path, kind: "present", text: `${path} is given` }, term: flag }] : [{ constraint: { path, kind: "absent", text: `${path} is left out` }, term: not(flag) }];
}

function trimDecimal(s: string): string {
  return s.replace(/0+$/, "").replace(/\.$/, ".0");
}
