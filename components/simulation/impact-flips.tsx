"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { bareToolName } from "@/lib/agentcore/names";
import type { Corpus } from "@/lib/simulation/corpus";
import type { Impact, ImpactFlip } from "@/lib/simulation/impact";

const SHOWN = 200;

export const SOURCE_TEXT: Record<ImpactFlip["source"], string> = { case: "saved case", recorded: "recorded", span: "imported span" };
export const SOURCE_TONE = { case: "blue", recorded: "neutral", span: "violet" } as const;

/** Why the DENY side of a flip denies: a forbid by name, or no permit at all. */
export function denialText(f: Pick<ImpactFlip, "forbids">): string {
  return f.forbids.length ? `denied by forbid ${f.forbids.join(", ")}` : "denied because no permit applies (default deny)";
}

/** The calls whose decision the draft changes, each with its arguments, why it is denied, and a way to open it in Simulate. */
export function ImpactFlips({ impact, corpus, stale, onOpen }: { impact: Impact; corpus: Corpus; stale: boolean; onOpen(index: number): void }) {
  const skipped = Object.entries(corpus.notReplayable.byReason);
  return (
    <section aria-label="Impact" className="space-y-2">
      <p data-testid="impact-summary">
        {impact.flips.length} of {impact.total} calls change: {impact.allowToDeny} allow→deny, {impact.denyToAllow} deny→allow
      </p>
      <p className="text-xs text-muted">
        Compared {impact.cases} saved case{impact.cases === 1 ? "" : "s"}, {impact.recorded} recorded call{impact.recorded === 1 ? "" : "s"} and {impact.spans} call{impact.spans === 1 ? "" : "s"} imported from spans
        {stale ? " · updating for your latest edit…" : ""}.
      </p>
      {skipped.length ? (
        <p className="text-xs text-amber-800 dark:text-amber-300" data-testid="impact-not-replayable">
          Not re-evaluated: {skipped.map(([reason, n]) => `${n.toLocaleString()} imported call${n === 1 ? "" : "s"} with ${reason}`).join("; ")}.
        </p>
      ) : null}
      {impact.undetermined.length ? (
        <p className="text-xs text-amber-800 dark:text-amber-300" data-testid="impact-undetermined">
          {impact.undeterminedCount} call{impact.undeterminedCount === 1 ? "" : "s"} not determined: {[...new Set(impact.undetermined.flatMap((u) => u.policies))].join(", ")} could decide{" "}
          {impact.undeterminedCount === 1 ? "it" : "them"} from the session&apos;s earlier calls or guardrail scores, which a saved or recorded call alone does not carry. Replay them as sessions in Simulate.
        </p>
      ) : null}
      {impact.flips.length ? (
        <ul className="space-y-1.5 text-xs" aria-label="Flipped calls">
          {impact.flips.slice(0, SHOWN).map((f) => (
            <li key={f.index} aria-label={f.label} className="space-y-0.5 rounded border border-zinc-200 p-1.5 dark:border-zinc-800">
              <p className="flex flex-wrap items-center gap-1.5">
                <span className={f.to === "DENY" ? "font-semibold text-red-700 dark:text-red-400" : "font-semibold text-emerald-700 dark:text-emerald-400"}>
                  {f.from}→{f.to}
                </span>
                <Badge tone={SOURCE_TONE[f.source]}>{SOURCE_TEXT[f.source]}</Badge>
                <span className="font-mono break-all">
                  {bareToolName(f.tool)} {JSON.stringify(f.arguments)}
                </span>
                <span className="text-muted">as {corpus.calls[f.index]?.principal.sub}</span>
                {f.count > 1 ? <span className="text-muted">×{f.count}</span> : null}
              </p>
              <p className="text-zinc-600 dark:text-zinc-400" data-testid="flip-denial">
                {denialText(f)}
              </p>
              <p className="flex items-center gap-2 text-muted">
                <span className="min-w-0 flex-1 truncate" title={f.label}>
                  {f.label}
                </span>
                <Button size="sm" variant="ghost" aria-label={`Open ${f.label} in Simulate`} onClick={() => onOpen(f.index)}>
                  Open in Simulate
                </Button>
              </p>
            </li>
          ))}
          {impact.flips.length > SHOWN ? <li className="text-muted">… and {impact.flips.length - SHOWN} more</li> : null}
        </ul>
      ) : (
        <p className="text-xs text-emerald-700 dark:text-emerald-400">No decision changes.</p>
      )}
    </section>
  );
}
