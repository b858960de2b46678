"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/states";
import type { ImportJob } from "@/lib/evidence/types";
import { rangeOf, type RangePreset } from "./range-presets";
import { RangeSelect } from "./range-select";
import { useSpanImport } from "./use-span-import";

/** Imports the gateway's policy spans for a range as recorded calls, with progress and cancel (AWS). */
export function SpanImport({ gatewayId, stored }: { gatewayId: string; stored: { total: number; incompleteCalls: number } }) {
  const [preset, setPreset] = useState<RangePreset>("24h");
  const { job, error, busy, running, start: startFor, cancel } = useSpanImport(gatewayId);
  const start = () => void startFor(rangeOf(preset));

  const incomplete = job ? Object.entries(job.incomplete) : [];
  return (
    <Card aria-labelledby="span-import-title">
      <CardHeader id="span-import-title" title="Import recorded calls from AgentCore spans">
        <div className="flex items-center gap-2">
          <RangeSelect label="Range" value={preset} disabled={running} onChange={setPreset} />
          {running ? (
            <Button size="sm" onClick={cancel}>
              Cancel import
            </Button>
          ) : (
            <Button size="sm" variant="primary" disabled={busy} onClick={start}>
              {busy ? "Starting…" : "Import spans"}
            </Button>
          )}
        </div>
      </CardHeader>
      <div className="space-y-3 p-4 text-sm">
        <p className="text-xs text-muted">
          {job ? "" : `${stored.total.toLocaleString()} calls imported so far${stored.incompleteCalls ? `, ${stored.incompleteCalls.toLocaleString()} of them without a field replay needs` : ""}. `}
          Each call is stored once, labelled with its span: importing a range again adds nothing twice.
        </p>
        {error ? <ErrorState error={error} onRetry={start} /> : null}
        {job ? (
          <div className="space-y-1" aria-live="polite">
            <progress className="w-full" max={1} value={job.progress.fraction} aria-label="Import progress" />
            <p>
              {statusText(job)} · {job.read.toLocaleString()} spans read, {job.imported.toLocaleString()} new calls, {job.duplicates.toLocaleString()} already imported · {job.progress.queries} queries,{" "}
              {job.progress.recordsScanned.toLocaleString()} records scanned
            </p>
            {incomplete.length ? (
              <p className="text-amber-700 dark:text-amber-400">
                Kept but not re-evaluated: {incomplete.map(([reason, n]) => `${n.toLocaleString()} calls with ${reason}`).join("; ")}.
              </p>
            ) : null}
            {job.error ? <ErrorState error={job.error} onRetry={start} /> : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}

export function statusText(job: ImportJob): string {
  if (job.status === "running") return `Importing… ${Math.round(job.progress.fraction * 100)}%`;
  if (job.status === "complete") return job.read === 0 ? "No spans in this range" : "Import complete";
  return job.status === "cancelled" ? "Import cancelled" : "Import failed";
}
