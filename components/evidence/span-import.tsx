"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/states";
import { cancelSpanImport, pollSpanImport, startSpanImport } from "@/lib/api-client/evidence";
import type { ImportJob } from "@/lib/evidence/types";
import { ApiError } from "@/lib/api-client/request";
import { rangeOf, type RangePreset } from "./range-presets";
import { RangeSelect } from "./range-select";

const POLL_MS = 1000;

/** Imports the gateway's policy spans for a range as recorded calls, with progress and cancel (AWS). */
export function SpanImport({ gatewayId, stored }: { gatewayId: string; stored: { total: number; incompleteCalls: number } }) {
  const [preset, setPreset] = useState<RangePreset>("24h");
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const follow = (j: ImportJob) => {
    setJob(j);
    if (j.status !== "running") return;
    timer.current = setTimeout(() => {
      pollSpanImport(gatewayId, j.jobId).then(follow, (e: unknown) => setError(asError(e)));
    }, POLL_MS);
  };

  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      follow(await startSpanImport(gatewayId, rangeOf(preset)));
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    if (timer.current) clearTimeout(timer.current);
    try {
      setJob(await cancelSpanImport(gatewayId, job.jobId));
    } catch (e) {
      setError(asError(e));
    }
  };

  const running = job?.status === "running";
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
        <p className="text-xs text-zinc-500">
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

function statusText(job: ImportJob): string {
  if (job.status === "running") return `Importing… ${Math.round(job.progress.fraction * 100)}%`;
  if (job.status === "complete") return job.read === 0 ? "No spans in this range" : "Import complete";
  return job.status === "cancelled" ? "Import cancelled" : "Import failed";
}

function asError(e: unknown): { code: string; message: string } {
  return e instanceof ApiError ? { code: e.code, message: e.message } : { code: "network", message: String(e) };
}
