/**
 * What every analysis question shares: the gateway, both policy sets, the solver and the guard, and
 * `ask`, which turns a solver answer into a conclusion only once cedar-wasm agrees with it.
 */
import { inputTypeOf } from "@/lib/cedar/cedar-types";
import { NS } from "@/lib/cedar/cedar-api";
import type { FixedPrincipal, ToolScope } from "./domain";
import { buildCall } from "./example";
import { holds, ToolProblem, type Question, type Session } from "./problem";
import { relevantTo, type AnalysedPolicy, type GatewayFacts, type Replayer } from "./replay";
import { and, not, type Smt, type Term } from "./smt";
import type { ExampleCall, SoundnessIssue } from "./types";

export interface AnalysisContext {
  smt: Smt;
  replayer: Replayer;
  gateway: GatewayFacts;
  policies: AnalysedPolicy[];
  soundness: SoundnessIssue[];
}

export type Outcome =
  | { kind: "none" }
  | { kind: "found"; call: ExampleCall; satisfied: Set<string> }
  | { kind: "unknown"; reason: string };

export function policiesFor(ctx: AnalysisContext, tool: string): AnalysedPolicy[] {
  return relevantTo(ctx.policies, tool);
}

export function toolScope(ctx: AnalysisContext, tool: string, policies: AnalysedPolicy[], principal?: FixedPrincipal): ToolScope | null {
  const inputType = inputTypeOf(ctx.gateway.schemaJson, NS, tool);
  if (!inputType) return null;
  const def = ctx.gateway.tools.find((t) => t.name === tool);
  return {
    tool,
    gatewayArn: ctx.gateway.gatewayArn,
    principalKind: ctx.gateway.principalKind,
    actionAncestors: actionAncestors(ctx.gateway.schemaJson, tool),
    inputType,
    inputSchema: (def?.inputSchema ?? {}) as Record<string, unknown>,
    setSlots: setQueries(policies) + 1,
    principal,
  };
}

export function newProblem(ctx: AnalysisContext, tool: string, policies: AnalysedPolicy[], principal?: FixedPrincipal): ToolProblem | null {
  const scope = toolScope(ctx, tool, policies, principal);
  return scope ? new ToolProblem(scope, policies.map((p) => ({ key: p.key, json: p.json }))) : null;
}

/**
 * Asks the solver for a call meeting `q`, replays it, and concludes only what cedar-wasm confirms.
 * A model cedar-wasm contradicts is an analysis bug unless it rests on an abstracted construct.
 */
export function ask(ctx: AnalysisContext, session: Session, tool: string, q: Question, label: string, extra: Term[] = []): Outcome {
  const answer = session.solve(q, extra);
  if (answer.status === "unsat") return { kind: "none" };
  if (answer.status === "unknown") return { kind: "unknown", reason: answer.reason };
  const { call, faithful } = buildCall(answer.domain, answer.assignment);
  const replayed = ctx.replayer.replay(tool, call);
  const abstracted = session.problem.abstracted;
  if (replayed.ok && holds(q, replayed.satisfied)) return { kind: "found", ...shrink(ctx, tool, { call, satisfied: replayed.satisfied }, q, !!session.problem.domain.scope.principal) };
  if (abstracted.length) return { kind: "unknown", reason: `the policies use ${abstracted.join(", ")}, which the solver does not model, and the call it proposed does not confirm the answer` };
  if (!faithful) return { kind: "unknown", reason: "the solver's call needs a decimal that no JSON number carries exactly (beyond double precision)" };
  const message = replayed.ok ? "cedar-wasm's decisions for the solver's call contradict the solver" : `the solver's call is not a valid call of the tool: ${replayed.reason}`;
  ctx.soundness.push({ tool, question: label, call, message });
  return { kind: "unknown", reason: `analysis bug caught by the soundness guard: ${message}` };
}

/** Drops claims and optional arguments the example does not need, keeping what cedar-wasm confirms. */
function shrink(ctx: AnalysisContext, tool: string, found: { call: ExampleCall; satisfied: Set<string> }, q: Question, fixedPrincipal: boolean): { call: ExampleCall; satisfied: Set<string> } {
  const { call } = found;
  let satisfied = found.satisfied;
  const still = (c: ExampleCall) => {
    const r = ctx.replayer.replay(tool, c);
    if (!r.ok || !holds(q, r.satisfied)) return false;
    satisfied = r.satisfied;
    return true;
  };
  let best = call;
  // A persona's claims are the persona: only a free principal's claims are trimmed.
  const claims = fixedPrincipal ? [] : Object.keys(call.principal.claims ?? {});
  for (const key of claims) {
    const { [key]: _, ...rest } = best.principal.claims ?? {};
    const candidate: ExampleCall = { ...best, principal: { ...best.principal, claims: rest } };
    if (Object.keys(rest).length === 0) delete candidate.principal.claims;
    if (still(candidate)) best = candidate;
  }
  const def = ctx.gateway.tools.find((t) => t.name === tool);
  const required = new Set(Array.isArray(def?.inputSchema.required) ? (def.inputSchema.required as string[]) : []);
  for (const key of Object.keys(call.arguments)) {
    if (required.has(key)) continue;
    const { [key]: _, ...rest } = best.arguments;
    const candidate = { ...best, arguments: rest };
    if (still(candidate)) best = candidate;
  }
  return { call: best, satisfied };
}

/** A constraint that excludes calls satisfying exactly the same policies as `satisfied`. */
export function blockPattern(session: Session, policies: AnalysedPolicy[], satisfied: ReadonlySet<string>): Term {
  return not(and(...policies.map((p) => (satisfied.has(p.key) ? session.problem.toTerm({ policy: p.key }) : not(session.problem.toTerm({ policy: p.key }))))));
}

function actionAncestors(schemaJson: Record<string, unknown>, tool: string): string[] {
  const actions = ((schemaJson as Record<string, { actions?: Record<string, { memberOf?: Array<{ id: string }> }> }>)[NS]?.actions ?? {});
  const seen = new Set<string>();
  const visit = (a: string) => {
    for (const m of actions[a]?.memberOf ?? [])
      if (!seen.has(m.id)) {
        seen.add(m.id);
        visit(m.id);
      }
  };
  visit(tool);
  return [...seen];
}

/** An upper bound on the set elements the policies ask about; a set argument gets one slot more. */
function setQueries(policies: AnalysedPolicy[]): number {
  let n = 0;
  const walk = (e: unknown, inSetOp: boolean) => {
    if (Array.isArray(e)) return e.forEach((x) => walk(x, inSetOp));
    if (!e || typeof e !== "object") return;
    for (const [k, v] of Object.entries(e as Record<string, unknown>)) {
      if (k === "contains") n++;
      if (k === "Set" && Array.isArray(v)) n += v.length;
      walk(v, inSetOp || k === "contains" || k === "containsAll" || k === "containsAny");
    }
  };
  for (const p of policies) walk(p.json.conditions, false);
  return n;
}
