/**
 * The whole analysis of a draft against the published set: per-tool relations with examples,
 * exact findings per draft policy, and what each persona can call. Pure: cedar-wasm and the solver
 * are passed in.
 */
import type { PolicyToCompile } from "@/lib/cedar/authorize";
import type { PolicyJson } from "@/lib/cedar/cedar-api";
import { analyzePolicies, type FindingsCedar } from "@/lib/analysis/findings";
import { documentPolicies } from "@/lib/simulation/policy-set";
import type { Persona } from "@/lib/simulation/types";
import { compareToolIn, identicalComparison, identicalFor } from "./compare";
import { newProblem, policiesFor, type AnalysisContext } from "./context";
import { withPolicyJsonCache } from "./policy-json";
import { personaAccess } from "./personas";
import { findingsFrom, policyFactsIn, type ToolFacts } from "./policy-findings";
import { withProblem } from "./problem";
import { Replayer, type AnalysedPolicy, type GatewayFacts, type PolicySetName } from "./replay";
import type { Smt } from "./smt";
import type { AnalysisFinding, AnalysisReport, PersonaAccess, ToolComparison } from "./types";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface AnalysisInput {
  gateway: GatewayFacts;
  publishedText: string;
  draftText: string;
  personas?: Persona[];
  /** Skip findings and personas (the CI gate and the benchmark's comparison only need relations). */
  comparisonOnly?: boolean;
}

/**
 * Runs tool by tool, yielding to the event loop between tools: each step is synchronous (the solver
 * is called synchronously, so no two analyses interleave inside one tool), but a server keeps
 * answering other requests while a large gateway is analysed.
 */
export async function analyzeDraft(cedarIn: FindingsCedar, smt: Smt, input: AnalysisInput): Promise<AnalysisReport> {
  const started = performance.now();
  const cedar = withPolicyJsonCache(cedarIn);
  const policies = [...parse("published", documentPolicies(cedar, input.publishedText)), ...parse("draft", documentPolicies(cedar, input.draftText))];
  const replayer = new Replayer(cedar, policies, input.gateway);
  const ctx: AnalysisContext = { smt, replayer, gateway: input.gateway, policies, soundness: [] };
  try {
    const tools: ToolComparison[] = [];
    const facts = new Map<string, Map<string, ToolFacts>>();
    for (const { name: tool } of input.gateway.tools) {
      await nextTurn();
      const relevant = policiesFor(ctx, tool);
      const identical = identicalFor(relevant);
      const needsSolver = !identical || (!input.comparisonOnly && relevant.some((p) => p.set === "draft"));
      const unknown = (reason: string): ToolComparison => ({ tool, relation: "unknown", newlyAllowed: [], newlyDenied: [], method: "solver", reason });
      try {
        const problem = needsSolver ? newProblem(ctx, tool, relevant) : null;
        if (!problem) {
          tools.push(identical ? identicalComparison(tool) : unknown(`${tool} has no input type in the gateway's Cedar schema.`));
          continue;
        }
        withProblem(smt, problem, (session) => {
          tools.push(identical ? identicalComparison(tool) : compareToolIn(ctx, session, tool));
          if (input.comparisonOnly) return;
          for (const [key, f] of policyFactsIn(ctx, session, tool, relevant)) {
            if (!facts.has(key)) facts.set(key, new Map());
            facts.get(key)!.set(tool, f);
          }
        });
      } catch (e) {
        // One tool the analysis cannot handle must not take the others' answers down with it.
        if (!tools.some((t) => t.tool === tool)) tools.push(unknown(`The analysis failed on this tool: ${e instanceof Error ? e.message : String(e)}`));
      }
    }
    const findings = input.comparisonOnly ? [] : policyFindings(cedar, ctx, facts, input);
    const personas: PersonaAccess[] = [];
    for (const p of input.comparisonOnly ? [] : (input.personas ?? [])) {
      await nextTurn();
      personas.push(personaAccess(ctx, p));
    }
    return { tools, findings, personas, soundness: ctx.soundness, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    replayer.dispose();
  }
}

function parse(set: PolicySetName, list: Array<PolicyToCompile & { json?: PolicyJson }>): AnalysedPolicy[] {
  // A policy that does not parse takes no part, as the engine would reject it; validation reports it.
  return list.flatMap((p) => (p.json ? [{ key: `${set}:${p.id}`, id: p.id, set, effect: p.json.effect, mode: p.enforcementMode, text: p.text, json: p.json }] : []));
}

function policyFindings(cedar: FindingsCedar, ctx: AnalysisContext, facts: Map<string, Map<string, ToolFacts>>, input: AnalysisInput): AnalysisFinding[] {
  const out: AnalysisFinding[] = [];
  const gaps = new Map<string, string>();
  const draft = ctx.policies.filter((p) => p.set === "draft");
  for (const p of draft) {
    const r = findingsFrom(p, facts.get(p.key) ?? new Map(), input.gateway.tools.length);
    out.push(...r.findings);
    if (r.gap) gaps.set(p.id, r.gap);
  }
  if (gaps.size === 0) return out;
  // Where the solver could not settle a policy, today's methods speak, labelled with theirs.
  const fallback = analyzePolicies(cedar, {
    policies: draft.map((p) => ({ id: p.id, text: p.text })),
    schemaJson: input.gateway.schemaJson,
    gatewayArn: input.gateway.gatewayArn,
    tools: input.gateway.tools,
  });
  for (const f of fallback) if (gaps.has(f.policyId)) out.push({ ...f, solverGap: gaps.get(f.policyId) });
  for (const [policyId, gap] of gaps)
    out.push({
      type: "NOT_TRANSLATABLE",
      policyId,
      message: `The solver could not settle every finding for ${policyId}; findings for it (if any) come from scope analysis, partial evaluation and sampling.`,
      method: "solver",
      how: "The solver's answers were checked against cedar-wasm and could not be confirmed.",
      solverGap: gap,
    });
  return out;
}
