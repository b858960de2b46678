import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import { exampleArguments } from "@/lib/mcp/example-args";
import { toolsCall } from "@/lib/mcp/tool-call";
import { dependsOnText } from "./depends-on";
import { sessionEngineOf } from "./policy-set";
import { decide } from "./replay";
import { replaySession } from "./session-replay";
import type { Persona, SimCall, SimDecision, SimGateway } from "./types";

export interface MatrixCell {
  tool: string;
  persona: string;
  /** Each cell is a call with no earlier events (a new session): UNDECIDED where a Dogwood policy's outcome is open. */
  draft: SimDecision;
  published: SimDecision;
  changed: boolean;
  draftPolicies: string[];
  publishedPolicies: string[];
  /** Why the call could not be evaluated (e.g. the chosen arguments do not fit the tool's schema). */
  invalid?: string;
  call: SimCall;
}

/** Tools × personas with each tool's example arguments (or the given ones), for draft and published. */
export function decisionMatrix(
  gateway: SimGateway,
  personas: Array<Pick<Persona, "name" | "sub" | "claims"> & { type?: Persona["type"] }>,
  draft: CompiledPolicySet,
  published: CompiledPolicySet,
  argumentsByTool: Record<string, Record<string, unknown>> = {},
): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const tool of gateway.tools) {
    const args = argumentsByTool[tool.name] ?? exampleArguments(tool.inputSchema);
    for (const p of personas) {
      const call: SimCall = { principal: { type: p.type, sub: p.sub, claims: p.claims }, request: toolsCall(tool.name, args) };
      const d = decideAlone(draft, gateway, call);
      const pub = decideAlone(published, gateway, call);
      cells.push({ tool: tool.name, persona: p.name, draft: d.decision, published: pub.decision, changed: d.decision !== pub.decision, draftPolicies: d.determiningPolicies, publishedPolicies: pub.determiningPolicies, invalid: d.invalid, call });
    }
  }
  return cells;
}

/** A call decided as the first of a new session, through the Dogwood evaluator when the set holds Dogwood policies. */
function decideAlone(compiled: CompiledPolicySet, gateway: SimGateway, call: SimCall): { decision: SimDecision; determiningPolicies: string[]; invalid?: string } {
  const engine = sessionEngineOf(compiled);
  if (engine.dogwood.length === 0) return decide(compiled, gateway, call);
  const [r] = replaySession(engine, gateway, [call]);
  const invalid = r.session?.recorded.length === 0 ? r.errors[0] : r.decision === "UNDECIDED" ? dependsOnText(r.dependsOn) : undefined;
  return { decision: r.decision, determiningPolicies: r.determiningPolicies, ...(invalid ? { invalid } : {}) };
}
