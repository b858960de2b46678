import { bareToolName } from "@/lib/agentcore/names";
import type { CallPrincipal } from "@/lib/mcp/principal";
import { toolNameOf, toolsCall } from "@/lib/mcp/tool-call";
import type { SimCall, TestCase } from "./types";

/**
 * The calls a draft's impact is measured over — the same corpus for the Impact panel, the publish
 * review, the mode-switch evidence and canary promotion, so they can never report different flips.
 */
export interface CorpusCall extends SimCall {
  source: "case" | "recorded";
  /** Says where the call comes from, so a flip can be traced back. */
  label: string;
  /** The tool the body names ("?" when it names none). */
  tool: string;
  /** Identical recorded calls are folded into one entry that counts for each of them. */
  count: number;
}

/** What the gateway recorded about one call (a decision-log entry). */
export interface RecordedCallLike {
  id: number;
  persona: string | null;
  principal: CallPrincipal;
  tool: string;
  arguments: Record<string, unknown>;
}

/** The newest recorded calls the corpus reads (and the corpus route answers at most). */
export const RECORDED_LIMIT = 10_000;

/** Saved test cases first, then recorded calls (newest first), identical recorded calls folded. */
export function impactCorpus(cases: Array<Pick<TestCase, "name" | "principal" | "request"> & { suite?: string }>, recorded: RecordedCallLike[]): CorpusCall[] {
  const calls: CorpusCall[] = cases.map((c) => ({
    principal: c.principal,
    request: c.request,
    source: "case",
    label: `case: ${c.suite && c.suite !== "default" ? `${c.suite} / ` : ""}${c.name}`,
    tool: toolNameOf(c.request) ?? "?",
    count: 1,
  }));
  const folded = new Map<string, CorpusCall>();
  for (const r of recorded) {
    const key = JSON.stringify([r.principal, r.tool, r.arguments]);
    const hit = folded.get(key);
    if (hit) {
      hit.count++;
      continue;
    }
    folded.set(key, {
      principal: r.principal,
      request: toolsCall(r.tool, r.arguments),
      source: "recorded",
      label: `recorded #${r.id}: ${bareToolName(r.tool)} ${JSON.stringify(r.arguments)} as ${r.persona ?? r.principal.sub}`,
      tool: r.tool,
      count: 1,
    });
  }
  calls.push(...folded.values());
  return calls;
}


/** How many saved cases and recorded calls a corpus stands for (a folded call counts for each). */
export function corpusCounts(calls: CorpusCall[]): { cases: number; recorded: number } {
  let cases = 0;
  let recorded = 0;
  for (const c of calls) {
    if (c.source === "case") cases += c.count;
    else recorded += c.count;
  }
  return { cases, recorded };
}
