import "server-only";
import type { SimCall } from "@/lib/simulation/types";
import type { Db } from "@/lib/store/db";
import { importedCallCounts, listImportedCalls } from "@/lib/store/imported-calls";

/**
 * Imported span calls as evidence, in the shape the impact corpus and the publishing evidence use
 * (`LabelledCall` of lib/simulation/corpus.ts, `sampleCalls` of lib/publishing/evidence.ts) with
 * `source: "span"`. Only calls that carry a tool, a principal and arguments can be replayed; the
 * others are counted by reason so the console can say which calls were not re-evaluated and why.
 */

export interface SpanLabelledCall extends SimCall {
  source: "span";
  label: string;
  tool: string;
  /** Identical calls (principal, tool, arguments) are folded into one. */
  count: number;
  /** What AWS decided when the call was made, and the policies it named (by name). */
  recorded: { decision: "ALLOW" | "DENY"; determiningPolicies: string[]; flips: string[]; at: string };
}

export interface SpanCorpus {
  calls: SpanLabelledCall[];
  /** Calls stored for the gateway (all of them, replayable or not). */
  imported: number;
  /** Calls kept but not replayable, by reason (e.g. "no arguments in the span"). */
  notReplayable: { count: number; byReason: Record<string, number> };
}

export const SPAN_CALL_LIMIT = 500;

export async function spanCorpus(gatewayId: string, options: { limit?: number } = {}, db?: Db): Promise<SpanCorpus> {
  const [rows, counts] = await Promise.all([listImportedCalls(gatewayId, { limit: options.limit ?? SPAN_CALL_LIMIT, complete: true }, db), importedCallCounts(gatewayId, db)]);
  const folded = new Map<string, SpanLabelledCall>();
  for (const r of rows) {
    const key = JSON.stringify([r.principal, r.tool, r.arguments]);
    const hit = folded.get(key);
    if (hit) {
      hit.count++;
      continue;
    }
    const tool = r.tool ?? "";
    folded.set(key, {
      source: "span",
      principal: r.principal!,
      request: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool, arguments: r.arguments ?? {} } },
      label: `span ${r.traceId.slice(0, 8)}: ${tool.split("___").pop()} ${JSON.stringify(r.arguments)} as ${r.principal!.sub}`,
      tool,
      count: 1,
      recorded: { decision: r.decision, determiningPolicies: r.determiningPolicies, flips: r.flips, at: r.at.toISOString() },
    });
  }
  return { calls: [...folded.values()], imported: counts.total, notReplayable: { count: counts.incompleteCalls, byReason: counts.incomplete } };
}
