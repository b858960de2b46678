"use client";

import { statusText } from "@/components/evidence/span-import";
import { useSpanImport } from "@/components/evidence/use-span-import";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";
import type { MetricCounts } from "@/lib/publishing/live-evidence";

/** Pieces the mode switch and canary promotion share to show evidence from real traffic, with its clear states. */

/** A metrics figure, or the state that stands instead of it: no data in the range, CloudWatch denied (the permission named), throttled. */
export function MetricFigure<K extends string>({ metrics, onRetry, children }: { metrics: MetricCounts<K>; onRetry(): void; children(counts: Record<K, number>, source: string): React.ReactNode }) {
  if ("error" in metrics) {
    const permission = (metrics.error.details as { permission?: string } | undefined)?.permission;
    return <ErrorState error={{ code: metrics.error.code, message: `${metrics.error.message}${permission && !metrics.error.message.includes(permission) ? ` (needs ${permission})` : ""}` }} onRetry={onRetry} />;
  }
  const source = metrics.source === "cloudwatch" ? "CloudWatch" : "the local decision log";
  if (metrics.empty) return <p data-testid="metrics-figure">No decisions in this range in {source}.</p>;
  return <p data-testid="metrics-figure">{children(metrics.counts, source)}</p>;
}

/** Imported calls that could not be re-evaluated, by reason. */
export function NotReplayable({ byReason }: { byReason: Record<string, number> }) {
  const entries = Object.entries(byReason);
  if (entries.length === 0) return null;
  return (
    <p className="text-amber-800 dark:text-amber-300" data-testid="not-replayable">
      Not re-evaluated: {entries.map(([reason, n]) => `${n.toLocaleString()} imported call${n === 1 ? "" : "s"} with ${reason}`).join("; ")}.
    </p>
  );
}

/**
 * When no call of the range has been imported from spans (AWS): says so, and imports that range on the
 * spot. Tracing or Transaction Search being off, or Logs denying access, come back as the import's error.
 */
export function NoImportedCalls({ gatewayId, range, onImported }: { gatewayId: string; range: { from: string; to: string }; onImported(): void }) {
  const imp = useSpanImport(gatewayId, (job) => {
    if (job.status === "complete") onImported();
  });
  return (
    <div className="space-y-1 rounded-md border border-dashed border-zinc-300 p-2 dark:border-zinc-700" data-testid="no-imported-calls">
      <p>No calls have been imported from AgentCore spans for this range, so only the counts above speak for the real traffic. Spans need gateway tracing and CloudWatch Transaction Search.</p>
      <Button size="sm" disabled={imp.busy || imp.running} onClick={() => void imp.start(range)}>
        {imp.running ? "Importing…" : "Import spans for this range"}
      </Button>
      {imp.job ? (
        <div aria-live="polite">
          <progress className="w-full" max={1} value={imp.job.progress.fraction} aria-label="Import progress" />
          <p className="text-xs">
            {statusText(imp.job)} · {imp.job.imported.toLocaleString()} new calls
          </p>
        </div>
      ) : null}
      {imp.error ? <ErrorState error={imp.error} onRetry={() => void imp.start(range)} /> : null}
    </div>
  );
}
