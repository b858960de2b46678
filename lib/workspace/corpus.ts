import "server-only";
import { impactCorpus, RECORDED_LIMIT, type Corpus, type SpanCallLike } from "@/lib/simulation/corpus";
import type { Db } from "@/lib/store/db";
import { recentCalls } from "@/lib/store/decisions";
import { importedCallCounts, listImportedCalls, type ImportedCallRow } from "@/lib/store/imported-calls";
import { listTestCases } from "@/lib/store/test-cases";

export interface CorpusOptions {
  /** How many of the newest recorded calls, and of the newest imported calls, to read (0: none). */
  recorded?: number;
  /** Imported span calls made in this range only (the mode switch's evidence range). */
  range?: { from: Date; to: Date };
}

/**
 * A gateway's impact corpus: its saved test cases, its newest recorded calls, and its newest calls
 * imported from AgentCore policy spans (those that carry a tool, a principal and arguments; the others
 * are counted by reason). The Impact panel (through `GET …/simulate/corpus`), the publish review, the
 * mode-switch evidence and canary promotion all measure over exactly this.
 */
export async function loadCorpus(gatewayId: string, options: CorpusOptions = {}, db?: Db): Promise<Corpus> {
  const limit = options.recorded ?? RECORDED_LIMIT;
  const [cases, decisions, spans, counts] = await Promise.all([
    listTestCases(gatewayId, db),
    limit > 0 ? recentCalls(gatewayId, limit, db) : Promise.resolve([]),
    limit > 0 ? listImportedCalls(gatewayId, { ...options.range, limit, complete: true }, db) : Promise.resolve([]),
    importedCallCounts(gatewayId, options.range ?? {}, db),
  ]);
  return { calls: impactCorpus(cases, decisions, spans.map(replayable)), notReplayable: { count: counts.incompleteCalls, byReason: counts.incomplete } };
}

// `complete` rows carry every field replay needs (their `missing` list is empty).
const replayable = (r: ImportedCallRow): SpanCallLike => ({ traceId: r.traceId, principal: { ...r.principal!, claims: r.principal!.claims ?? {} }, tool: r.tool!, arguments: r.arguments! });
