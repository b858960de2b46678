import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import type { Decision } from "@/lib/cedar/cedar-api";
import { compareSets } from "@/lib/cedar/compare-sets";
import type { SessionEngine } from "@/lib/dogwood/session";
import { corpusCounts, type CorpusCall } from "./corpus";
import { sessionEngineOf } from "./policy-set";
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

/** A call whose decision a Dogwood policy could change: what it was in the session it came from is not known here. */
export interface ImpactUndetermined {
  index: number;
  source: CorpusCall["source"];
  label: string;
  tool: string;
  count: number;
  /** The ACTIVE Dogwood policies (of either set) that could decide it. */
  policies: string[];
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
  /**
   * Calls a Dogwood policy could decide (temporal conditions need the call's session, guardrails its
   * scores): reported as undetermined rather than as flipped or unflipped.
   */
  undetermined: ImpactUndetermined[];
  /** Weighted by `count`. */
  undeterminedCount: number;
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
  const undetermined: ImpactUndetermined[] = [];
  const dogwood = dogwoodByTool(sessionEngineOf(before), sessionEngineOf(after));
  const comparison = compareSets(after, before);
  try {
    for (let i = 0; i < calls.length; i++) {
      if (progress && i > 0 && i % chunk === 0) progress(i, calls.length);
      const c = calls[i];
      const read = readCall(gateway, c.request);
      // A malformed call is refused alike by both sets, and one of an unchanged tool cannot flip.
      if (!read.ok) continue;
      const open = dogwood(read.tool);
      if (open) {
        if (open.changed || !comparison.unchanged(read.tool)) undetermined.push({ index: i, source: c.source, label: c.label, tool: c.tool, count: c.count, policies: open.policies });
        continue;
      }
      if (comparison.unchanged(read.tool)) continue;
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
  return {
    total: cases + recorded + spans,
    cases,
    recorded,
    spans,
    flips,
    allowToDeny: weighted("ALLOW"),
    denyToAllow: weighted("DENY"),
    undetermined,
    undeterminedCount: undetermined.reduce((n, u) => n + u.count, 0),
  };
}

/**
 * Per tool, the ACTIVE permit/forbid Dogwood policies of either set that apply to it, and whether they
 * differ between the sets (LOG_ONLY and suppressOutput policies never decide). Null: none apply.
 */
function dogwoodByTool(before: SessionEngine, after: SessionEngine): (tool: string) => { policies: string[]; changed: boolean } | null {
  const memo = new Map<string, { policies: string[]; changed: boolean } | null>();
  const deciding = (e: SessionEngine, tool: string) =>
    e.dogwood.filter((p) => p.enforcementMode === "ACTIVE" && (p.effect === "permit" || p.effect === "forbid") && (p.actions === null || p.actions.includes(tool)));
  return (tool) => {
    if (memo.has(tool)) return memo.get(tool)!;
    const b = deciding(before, tool);
    const a = deciding(after, tool);
    const key = (list: typeof a) => JSON.stringify(list.map((p) => [p.id, p.text]).sort());
    const out = a.length || b.length ? { policies: [...new Set([...b, ...a].map((p) => p.id))], changed: key(a) !== key(b) } : null;
    memo.set(tool, out);
    return out;
  };
}

/** Stands for "nothing is enforced": the LOG_ONLY side of a mode switch. */
export const ALLOW_ALL_TEXT = '@id("no_enforcement")\npermit(principal, action, resource);\n';
