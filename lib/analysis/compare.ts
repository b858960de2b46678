/**
 * Draft vs published, per tool, over every principal and every argument the tool's schema allows:
 * which calls the draft newly allows, which it newly denies, with replayed examples of each.
 */
import { ask, blockPattern, policiesFor, type AnalysisContext, type Outcome } from "./context";
import { all, any, none, type Question, type Session } from "./problem";
import type { AnalysedPolicy, PolicySetName } from "./replay";
import type { Term } from "./smt";
import type { ReplayedExample, ToolComparison } from "./types";

export const MAX_EXAMPLES = 3;

export function allows(policies: AnalysedPolicy[], set: PolicySetName): Question {
  const active = policies.filter((p) => p.set === set && p.mode === "ACTIVE");
  return all(any(...active.filter((p) => p.effect === "permit").map((p) => ({ policy: p.key }))), none(...active.filter((p) => p.effect === "forbid").map((p) => ({ policy: p.key }))));
}

/** Both sets hold the same ACTIVE policies for this tool (annotations aside): equal by construction. */
export function identicalFor(policies: AnalysedPolicy[]): boolean {
  const keys = (set: PolicySetName) =>
    policies
      .filter((p) => p.set === set && p.mode === "ACTIVE")
      .map((p) => JSON.stringify({ ...p.json, annotations: undefined }))
      .sort();
  return JSON.stringify(keys("published")) === JSON.stringify(keys("draft"));
}

interface Direction {
  examples: ReplayedExample[];
  /** Set when the search stopped without a proof that no (further) example exists. */
  unknown?: string;
}

export function compareToolIn(ctx: AnalysisContext, session: Session, tool: string): ToolComparison {
  const policies = policiesFor(ctx, tool);
  const draft = allows(policies, "draft");
  const published = allows(policies, "published");
  const up = search(ctx, session, tool, policies, all(draft, { not: published }), "newly allowed");
  const down = search(ctx, session, tool, policies, all(published, { not: draft }), "newly denied");
  const abstracted = session.problem.abstracted;
  const base = { tool, newlyAllowed: up.examples, newlyDenied: down.examples, method: "solver" as const, ...(abstracted.length ? { abstracted } : {}) };
  const unknown = [up.examples.length === 0 && up.unknown && `newly allowed calls: ${up.unknown}`, down.examples.length === 0 && down.unknown && `newly denied calls: ${down.unknown}`].filter(Boolean);
  if (unknown.length) return { ...base, relation: "unknown", reason: `Could not establish ${unknown.join("; ")}.` };
  const wider = up.examples.length > 0;
  const narrower = down.examples.length > 0;
  return { ...base, relation: wider && narrower ? "incomparable" : wider ? "more-permissive" : narrower ? "more-restrictive" : "equivalent" };
}

export function identicalComparison(tool: string): ToolComparison {
  return { tool, relation: "equivalent", newlyAllowed: [], newlyDenied: [], method: "identical" };
}

function search(ctx: AnalysisContext, session: Session, tool: string, policies: AnalysedPolicy[], q: Question, label: string): Direction {
  const examples: ReplayedExample[] = [];
  const blocks: Term[] = [];
  while (examples.length < MAX_EXAMPLES) {
    const o: Outcome = ask(ctx, session, tool, q, `${tool}: ${label}`, blocks);
    if (o.kind === "none") return { examples };
    if (o.kind === "unknown") return { examples, unknown: o.reason };
    examples.push({ ...o.call, published: ctx.replayer.decision("published", o.satisfied), draft: ctx.replayer.decision("draft", o.satisfied) });
    // The next example must be decided by a different combination of policies.
    blocks.push(blockPattern(session, policies, o.satisfied));
  }
  return { examples };
}
