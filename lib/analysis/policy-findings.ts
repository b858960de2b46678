/**
 * Exact findings per policy of the draft, for every caller and every argument: never applies
 * (ALLOW_NONE / DENY_NONE), always applies (ALLOW_ALL / DENY_ALL), a permit every call of which an
 * ACTIVE forbid denies (SHADOWED), and an ACTIVE policy whose removal changes no decision
 * (REDUNDANT). Each is a conjunction over the gateway's tools of solver facts that cedar-wasm confirmed.
 */
import { ask, type AnalysisContext } from "./context";
import { all, any, none, type Session } from "./problem";
import type { AnalysedPolicy } from "./replay";
import type { AnalysisFinding } from "./types";

/** One fact about one policy on one tool: proven, refuted (with a replayed call), or open. */
export type Fact = boolean | { unknown: string };

export interface ToolFacts {
  satisfiable: Fact;
  valid: Fact;
  /** Permits: every call it matches is denied by an ACTIVE forbid. */
  shadowed: Fact;
  redundant: Fact;
}

export function policyFactsIn(ctx: AnalysisContext, session: Session, tool: string, policies: AnalysedPolicy[]): Map<string, ToolFacts> {
  const out = new Map<string, ToolFacts>();
  const active = policies.filter((p) => p.set === "draft" && p.mode === "ACTIVE");
  const forbids = active.filter((p) => p.effect === "forbid").map((p) => ({ policy: p.key }));
  const permits = active.filter((p) => p.effect === "permit").map((p) => ({ policy: p.key }));
  for (const p of policies.filter((x) => x.set === "draft")) {
    const me = { policy: p.key };
    const others = (list: Array<{ policy: string }>) => list.filter((x) => x.policy !== p.key);
    const check = (q: Parameters<typeof ask>[3], what: string): Fact => {
      const o = ask(ctx, session, tool, q, `${tool}: ${p.id} ${what}`);
      return o.kind === "found" ? true : o.kind === "none" ? false : { unknown: o.reason };
    };
    // The most specific question first: a call it decides alone settles three facts at once.
    const decisive = p.effect === "permit" ? all(me, none(...forbids), none(...others(permits))) : all(me, any(...permits), none(...others(forbids)));
    const decides = p.mode === "ACTIVE" ? check(decisive, "decides alone") : false;
    let satisfiable: Fact = decides === true ? true : check(me, "can apply");
    let shadowed: Fact = false;
    if (p.effect === "permit") {
      const reachable = decides === true ? true : satisfiable === true ? check(all(me, none(...forbids)), "is reachable") : satisfiable === false ? false : satisfiable;
      shadowed = reachable === true ? false : reachable === false ? satisfiable : reachable;
      if (reachable === true) satisfiable = true;
    }
    const redundant: Fact = p.mode !== "ACTIVE" ? false : decides === true ? false : decides === false ? true : decides;
    const valid = satisfiable === false ? false : negate(check({ not: me }, "can not apply"));
    out.set(p.key, { satisfiable, valid, shadowed, redundant });
  }
  return out;
}

function negate(f: Fact): Fact {
  return typeof f === "boolean" ? !f : f;
}

/** Folds the per-tool facts into findings; a policy whose facts are open on some tool gets none here. */
export function findingsFrom(policy: AnalysedPolicy, facts: Map<string, ToolFacts>, toolCount: number): { findings: AnalysisFinding[]; gap?: string } {
  const perTool = [...facts.entries()];
  const open = perTool.flatMap(([tool, f]) => Object.values(f).filter((x): x is { unknown: string } => typeof x === "object").map((x) => `${tool}: ${x.unknown}`));
  const permit = policy.effect === "permit";
  const how = "Solver (Z3): the policies encoded for every principal and every argument the tool's input schema allows; the conclusion holds for all of them, and every counter-call was replayed through cedar-wasm.";
  const finding = (type: AnalysisFinding["type"], message: string): AnalysisFinding => ({ type, policyId: policy.id, message, method: "solver", how });
  const everywhere = (k: keyof ToolFacts, v: boolean) => perTool.every(([, f]) => f[k] === v);
  if (everywhere("satisfiable", false)) return { findings: [finding(permit ? "ALLOW_NONE" : "DENY_NONE", `${policy.id} never applies: no call of any tool of this gateway satisfies it.`)] };
  const findings: AnalysisFinding[] = [];
  if (perTool.length === toolCount && everywhere("valid", true))
    findings.push(finding(permit ? "ALLOW_ALL" : "DENY_ALL", permit ? `${policy.id} permits every call of every tool, to any principal, with any arguments.` : `${policy.id} forbids every call of every tool: nothing can be allowed.`));
  if (permit && perTool.some(([, f]) => f.satisfiable === true) && everywhere("shadowed", true) && !findings.length)
    findings.push({ ...finding("SHADOWED", `${policy.id} is unreachable: every call it permits is denied by a forbid.`) });
  else if (policy.mode === "ACTIVE" && everywhere("redundant", true) && !findings.some((f) => f.type === "ALLOW_ALL" || f.type === "DENY_ALL"))
    findings.push(finding("REDUNDANT", permit ? `${policy.id} is redundant: every call it allows is allowed by another permit anyway.` : `${policy.id} has no effect: no call it forbids would be permitted without it.`));
  if (open.length && findings.length === 0) return { findings, gap: open[0] };
  return { findings };
}
