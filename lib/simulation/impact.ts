import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import type { Decision } from "@/lib/cedar/cedar-api";
import { compareSets } from "@/lib/cedar/compare-sets";
import { corpusCounts, type CorpusCall } from "./corpus";
import { readCall, requestFor } from "./replay";
import type { SimGateway } from "./types";

export interface ImpactFlip {
  /** The call's position in the corpus. */
  index: number;
  source: CorpusCall["source"];
  label: string;
  tool: string;
  count: number;
  from: Decision;
  to: Decision;
  /** The arguments the call was decided with, as the gateway read them from its body. */
  arguments: Record<string, unknown>;
  /** The ACTIVE forbids that deny it on its DENY side; empty: no permit applies (default deny). */
  forbids: string[];
}

export interface Impact {
  /** Calls compared (folded calls count once each). */
  total: number;
  cases: number;
  recorded: number;
  /** Imported span calls compared. */
  spans: number;
  flips: ImpactFlip[];
  /** Weighted by `count`. */
  allowToDeny: number;
  denyToAllow: number;
}

/**
 * Every call of the corpus whose decision differs between `before` and `after`: the published set
 * and a draft, no enforcement (allow-all) and the published set for a switch to ENFORCE, or the
 * published set and the set with a canary promoted. Each call is read and built once and compared
 * under both sets with as little Cedar work as possible (lib/cedar/compare-sets.ts); calls of tools
 * whose policies did not change are skipped. Reports progress every `chunk` calls so a worker can
 * show a bar (a worker is cancelled by terminating it).
 */
export function impact(
  calls: CorpusCall[],
  gateway: SimGateway,
  before: CompiledPolicySet,
  after: CompiledPolicySet,
  progress?: (done: number, total: number) => void,
  chunk = 500,
): Impact {
  const flips: ImpactFlip[] = [];
  const comparison = compareSets(after, before);
  try {
    for (let i = 0; i < calls.length; i++) {
      if (progress && i > 0 && i % chunk === 0) progress(i, calls.length);
      const c = calls[i];
      const read = readCall(gateway, c.request);
      // A malformed call is refused alike by both sets, and one of an unchanged tool cannot flip.
      if (!read.ok || comparison.unchanged(read.tool)) continue;
      const built = requestFor(gateway, c.principal, read);
      if (!built.ok) continue;
      const flip = comparison.flip(built.request);
      if (flip) flips.push({ index: i, source: c.source, label: c.label, tool: c.tool, count: c.count, ...flip, arguments: read.args });
    }
  } finally {
    comparison.dispose();
  }
  progress?.(calls.length, calls.length);
  const { cases, recorded, spans } = corpusCounts(calls);
  const weighted = (from: Decision) => flips.filter((f) => f.from === from).reduce((n, f) => n + f.count, 0);
  return { total: cases + recorded + spans, cases, recorded, spans, flips, allowToDeny: weighted("ALLOW"), denyToAllow: weighted("DENY") };
}

/** Stands for "nothing is enforced": the LOG_ONLY side of a mode switch. */
export const ALLOW_ALL_TEXT = '@id("no_enforcement")\npermit(principal, action, resource);\n';
