"use client";

import { useCallback, useEffect, useState } from "react";
import { rangeOf, RANGE_PRESETS, type RangePreset } from "@/components/evidence/range-presets";
import { RangeSelect } from "@/components/evidence/range-select";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LoadingState } from "@/components/ui/states";
import { canaryEvidence } from "@/lib/api-client/publishing";
import type { CanaryEvidence } from "@/lib/publishing/evidence";
import { ConfirmDialog } from "./confirm-dialog";
import { EvidenceList } from "./evidence-list";
import { MetricFigure, NoImportedCalls } from "./live-evidence";
import { FormError } from "@/components/ui/form-error";

/**
 * The confirmation before a canary (a LOG_ONLY policy) becomes ACTIVE: its real decision flips over a
 * chosen range (`LogOnlyDecisionFlips` with `Policy=<name>`) and the imported calls behind them, beside
 * the flips replayed over the impact corpus.
 */
export function CanaryPromote({ gatewayId, policy, busy, error, onCancel, onConfirm }: { gatewayId: string; policy: string; busy: boolean; error: string | null; onCancel(): void; onConfirm(): void }) {
  const [preset, setPreset] = useState<RangePreset>("7d");
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; evidence?: CanaryEvidence; error?: string } | null>(null);
  const key = `${preset}:${attempt}`;
  useEffect(() => {
    const ctrl = new AbortController();
    canaryEvidence(gatewayId, policy, rangeOf(preset), ctrl.signal).then(
      (evidence) => setState({ key, evidence }),
      (e: unknown) => {
        if ((e as Error).name !== "AbortError") setState({ key, error: (e as Error).message });
      },
    );
    return () => ctrl.abort();
  }, [gatewayId, policy, preset, key]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const shown = state?.key === key ? state : null;
  const ev = shown?.evidence;
  const live = ev?.live;
  const range = RANGE_PRESETS[preset].label.toLowerCase();

  return (
    <ConfirmDialog
      title={`Promote ${policy} from LOG_ONLY to ACTIVE?`}
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>Cancel</Button>
          <Button variant="primary" disabled={busy || !shown} onClick={onConfirm}>
            {busy ? "Promoting…" : "Promote to ACTIVE"}
          </Button>
        </>
      }
    >
      <p>Once ACTIVE, {policy} takes part in every decision instead of only being reported.</p>
      <RangeSelect label="Real traffic in" value={preset} onChange={setPreset} />
      {!shown ? <LoadingState label="Reading the canary's decision flips…" /> : null}
      {shown?.error ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          The evidence could not be read: {shown.error}
        </p>
      ) : null}
      {ev ? (
        <section aria-label="Canary evidence" className="space-y-2">
          {live ? (
            <MetricFigure metrics={live.metrics} onRetry={reload}>
              {(c, source) => (
                <>
                  Real decision flips, {range} ({source}): <strong data-testid="canary-live-flips">{c.flips.toLocaleString()}</strong> call{c.flips === 1 ? "" : "s"} would have been decided otherwise had{" "}
                  {policy} been ACTIVE (it matched {c.matches.toLocaleString()}).
                </>
              )}
            </MetricFigure>
          ) : null}
          {live && live.calls.count > 0 ? (
            <div className="space-y-1">
              <p>
                The imported calls behind them: <strong>{live.calls.count.toLocaleString()}</strong>
                {live.calls.count > live.calls.items.length ? ` (the newest ${live.calls.items.length} shown)` : ""}.
              </p>
              <ul aria-label={`Imported calls ${policy} flipped`} className="max-h-48 space-y-1 overflow-auto rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-800">
                {live.calls.items.map((c, i) => (
                  <li key={i} className="flex flex-wrap items-center gap-2">
                    <Badge tone="violet">imported span</Badge>
                    <span className="min-w-0 break-all">{c.label}</span>
                    <span className="text-muted">
                      decided {c.decision} at {new Date(c.at).toLocaleString()}
                      {c.missing.length ? ` · not re-evaluated: ${c.missing.join(", ")}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {live?.spansAvailable && live.calls.count === 0 ? <NoImportedCalls gatewayId={gatewayId} range={rangeOf(preset)} onImported={reload} /> : null}
          <p data-testid="canary-replayed">
            Replayed with {policy} ACTIVE: <strong>{ev.flipCount}</strong> decision{ev.flipCount === 1 ? "" : "s"} change over {ev.sampled.cases} saved case{ev.sampled.cases === 1 ? "" : "s"}, {ev.sampled.recorded} recorded and {ev.sampled.spans}{" "}
            imported call{ev.sampled.spans === 1 ? "" : "s"}.
          </p>
          <EvidenceList items={ev.flips} more={Math.max(0, ev.flipCount - ev.flips.length)} label={`Decisions ${policy} would flip`} />
        </section>
      ) : null}
      <FormError message={error} />
    </ConfirmDialog>
  );
}
