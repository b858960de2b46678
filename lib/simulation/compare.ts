import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import { compareSets } from "./comparison";
import { parseToolCall } from "./parse-call";
import { exampleArguments } from "./example-args";
import { decide, requestFor } from "./replay";
import type { CallPrincipal, SimCall, SimGateway, TestCase } from "./types";

type Decision = "ALLOW" | "DENY";

export interface CaseRun {
  name: string;
  expected: Decision;
  draft: Decision;
  published: Decision;
  draftPass: boolean;
  publishedPass: boolean;
  draftPolicies: string[];
  publishedPolicies: string[];
  /** Why the call could not be evaluated at all (malformed body, bad arguments): DENY either way. */
  invalid?: string;
}

/** A suite's cases against the draft and the published set, side by side. */
export function runSuite(cases: TestCase[], gateway: SimGateway, draft: CompiledPolicySet, published: CompiledPolicySet) {
  const runs: CaseRun[] = cases.map((c) => {
    const d = decide(draft, gateway, c);
    const p = decide(published, gateway, c);
    return { name: c.name, expected: c.expected, draft: d.decision, published: p.decision, draftPass: d.decision === c.expected, publishedPass: p.decision === c.expected, draftPolicies: d.determiningPolicies, publishedPolicies: p.determiningPolicies, invalid: d.invalid };
  });
  return {
    runs,
    draft: { passed: runs.filter((r) => r.draftPass).length, failed: runs.filter((r) => !r.draftPass).length },
    published: { passed: runs.filter((r) => r.publishedPass).length, failed: runs.filter((r) => !r.publishedPass).length },
  };
}

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
  personas: Array<{ name: string } & CallPrincipal>,
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

export interface Flip {
  index: number;
  label: string;
  source?: "case" | "recorded";
  from: Decision;
  to: Decision;
}

/**
 * Every call whose decision differs between the published set and the draft. Each call is parsed and
 * built once and compared under both sets with as little Cedar work as possible (comparison.ts); calls of tools whose
 * policies did not change are skipped. Reports progress every `chunk` calls so a worker can show a bar
 * (a worker is cancelled by terminating it).
 */
export function impactOf(
  calls: Array<SimCall & { label: string; source?: "case" | "recorded" }>,
  gateway: SimGateway,
  draft: CompiledPolicySet,
  published: CompiledPolicySet,
  progress?: (done: number, total: number) => void,
  chunk = 500,
) {
  const flips: Flip[] = [];
  const comparison = compareSets(draft, published);
  try {
    for (let i = 0; i < calls.length; i++) {
      if (progress && i > 0 && i % chunk === 0) progress(i, calls.length);
      const parsed = parseToolCall(calls[i].request, gateway);
      // A malformed call is refused alike by both sets, and one of an unchanged tool cannot flip.
      if (!parsed.ok || comparison.unchanged(parsed.tool)) continue;
      const built = requestFor(gateway, calls[i].principal, parsed);
      if (!built.ok) continue;
      const flip = comparison.flip(built.request);
      if (flip) flips.push(calls[i].source ? { index: i, label: calls[i].label, source: calls[i].source, ...flip } : { index: i, label: calls[i].label, ...flip });
    }
  } finally {
    comparison.dispose();
  }
  progress?.(calls.length, calls.length);
  return {
    total: calls.length,
    flips,
    allowToDeny: flips.filter((f) => f.from === "ALLOW").length,
    denyToAllow: flips.filter((f) => f.from === "DENY").length,
  };
}

export function toolsCall(tool: string, args: Record<string, unknown>, id: number | string = 1) {
  return { jsonrpc: "2.0", id, method: "tools/call", params: { name: tool, arguments: args } };
}
