import { bareToolName } from "@/lib/agentcore/names";
import type { CallPrincipal } from "@/lib/mcp/principal";
import { toolNameOf, toolsCall } from "@/lib/mcp/tool-call";
import type { SimCall, TestCase } from "./types";

/** A saved case as the corpus reads it: its calls, not its expectations. */
export type CorpusCase = Pick<TestCase, "name" | "principal"> & { suite?: string } & ({ request: unknown } | { session: Array<{ request: unknown }> });

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

/**
 * Saved test cases first (each call of a session case on its own: a plain policy decides it without
 * its history, and impact reports a call a Dogwood policy could decide as undetermined), then
 * recorded calls (newest first), identical recorded calls folded.
 */
export function impactCorpus(cases: CorpusCase[], recorded: RecordedCallLike[]): CorpusCall[] {
  const calls: CorpusCall[] = cases.flatMap((c) => {
    const label = `case: ${c.suite && c.suite !== "default" ? `${c.suite} / ` : ""}${c.name}`;
    const bodies = "session" in c ? c.session.map((s, i) => ({ request: s.request, label: `${label} (call ${i + 1})` })) : [{ request: c.request, label }];
    return bodies.map((b) => ({ principal: c.principal, request: b.request, source: "case" as const, label: b.label, tool: toolNameOf(b.request) ?? "?", count: 1 }));
  });
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
