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
  /** A saved test case, a call the local gateway recorded, or a call imported from an AgentCore policy span. */
  source: "case" | "recorded" | "span";
  /** Says where the call comes from, so a flip can be traced back. */
  label: string;
  /** The tool the body names ("?" when it names none). */
  tool: string;
  /** Identical recorded (or imported) calls are folded into one entry that counts for each of them. */
  count: number;
}

/** A corpus, and the imported calls it could not include because their spans lack what replay needs. */
export interface Corpus {
  calls: CorpusCall[];
  /** Imported calls kept but not re-evaluated, by reason ("no arguments in the span": 12). */
  notReplayable: { count: number; byReason: Record<string, number> };
}

/** What the gateway recorded about one call (a decision-log entry). */
export interface RecordedCallLike {
  id: number;
  persona: string | null;
  principal: CallPrincipal;
  tool: string;
  arguments: Record<string, unknown>;
}

/** A call imported from a policy span that carries everything replay needs (tool, principal, arguments). */
export interface SpanCallLike {
  traceId: string;
  principal: CallPrincipal;
  tool: string;
  arguments: Record<string, unknown>;
}

/** The newest recorded calls the corpus reads (and the corpus route answers at most); the same for imported ones. */
export const RECORDED_LIMIT = 10_000;

/**
 * Saved test cases first (each call of a session case on its own: a plain policy decides it without
 * its history, and impact reports a call a Dogwood policy could decide as undetermined), then
 * recorded calls (newest first), then imported span calls (newest first); identical recorded calls
 * are folded, and so are identical imported ones.
 */
export function impactCorpus(cases: CorpusCase[], recorded: RecordedCallLike[], spans: SpanCallLike[] = []): CorpusCall[] {
  const calls: CorpusCall[] = cases.flatMap((c) => {
    const label = `case: ${c.suite && c.suite !== "default" ? `${c.suite} / ` : ""}${c.name}`;
    const bodies = "session" in c ? c.session.map((s, i) => ({ request: s.request, label: `${label} (call ${i + 1})` })) : [{ request: c.request, label }];
    return bodies.map((b) => ({ principal: c.principal, request: b.request, source: "case" as const, label: b.label, tool: toolNameOf(b.request) ?? "?", count: 1 }));
  });
  calls.push(...fold(recorded, "recorded", (r) => `recorded #${r.id}: ${bareToolName(r.tool)} ${JSON.stringify(r.arguments)} as ${r.persona ?? r.principal.sub}`));
  calls.push(...fold(spans, "span", spanLabel));
  return calls;
}

/** How an imported call is named wherever it is listed, also one that lacks a field replay needs. */
export function spanLabel(s: { traceId: string; tool?: string | null; arguments?: Record<string, unknown> | null; principal?: CallPrincipal | null }): string {
  return `span ${s.traceId.slice(0, 8)}: ${s.tool ? bareToolName(s.tool) : "(no tool)"} ${s.arguments ? JSON.stringify(s.arguments) : "(no arguments)"} as ${s.principal?.sub ?? "(no principal)"}`;
}

/** One entry per distinct (principal, tool, arguments), labelled by its first (newest) occurrence. */
function fold<T extends { principal: CallPrincipal; tool: string; arguments: Record<string, unknown> }>(rows: T[], source: "recorded" | "span", label: (row: T) => string): CorpusCall[] {
  const folded = new Map<string, CorpusCall>();
  for (const r of rows) {
    const key = JSON.stringify([r.principal, r.tool, r.arguments]);
    const hit = folded.get(key);
    if (hit) hit.count++;
    else folded.set(key, { principal: r.principal, request: toolsCall(r.tool, r.arguments), source, label: label(r), tool: r.tool, count: 1 });
  }
  return [...folded.values()];
}

/** How many saved cases, recorded calls and imported calls a corpus stands for (a folded call counts for each). */
export function corpusCounts(calls: CorpusCall[]): { cases: number; recorded: number; spans: number } {
  const counts = { cases: 0, recorded: 0, spans: 0 };
  for (const c of calls) counts[c.source === "case" ? "cases" : c.source === "span" ? "spans" : "recorded"] += c.count;
  return counts;
}
