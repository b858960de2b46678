import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import type { Decision } from "@/lib/cedar/cedar-api";
import { exampleArguments } from "@/lib/mcp/example-args";
import { toolsCall } from "@/lib/mcp/tool-call";
import { decide } from "./replay";
import type { Persona, SimCall, SimGateway } from "./types";

export interface MatrixCell {
  tool: string;
  persona: string;
  draft: Decision;
  published: Decision;
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
      const d = decide(draft, gateway, call);
      const pub = decide(published, gateway, call);
      cells.push({ tool: tool.name, persona: p.name, draft: d.decision, published: pub.decision, changed: d.decision !== pub.decision, draftPolicies: d.determiningPolicies, publishedPolicies: pub.determiningPolicies, invalid: d.invalid, call });
    }
  }
  return cells;
}
