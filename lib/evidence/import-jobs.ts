import "server-only";
import { randomUUID } from "node:crypto";
import { AppError, toAppError } from "@/lib/errors";
import { ImportCancelled, type ImportTally } from "./span-import";
import type { ImportJob } from "./types";

/**
 * Span imports run in the background of the console's process and are polled: one running import
 * per gateway, each cancellable. Finished jobs are kept for a while so a poll after the end still
 * sees the result. (Held on globalThis: Next bundles this module into several layers.)
 */

interface Entry {
  job: ImportJob;
  controller: AbortController;
  settled: Promise<void>;
}

const KEEP_FINISHED = 50;
const holder = globalThis as unknown as { __policyStudioImports?: Map<string, Entry> };
const jobs = () => (holder.__policyStudioImports ??= new Map());

export type ImportRun = (signal: AbortSignal, onProgress: (t: ImportTally) => void, onStarted: () => void) => Promise<ImportTally>;

/**
 * Starts a run and answers once its first query is accepted, so a range that cannot be read at all
 * (no spans log group, a denied permission, throttling) is the request's own error, not a failed job.
 */
export async function startImport(gatewayId: string, range: { from: Date; to: Date }, run: ImportRun): Promise<ImportJob> {
  const running = [...jobs().values()].find((e) => e.job.gatewayId === gatewayId && e.job.status === "running");
  if (running) throw new AppError("conflict", `An import is already running for this gateway (job ${running.job.jobId}); wait for it or cancel it.`, { jobId: running.job.jobId });
  const job: ImportJob = {
    jobId: randomUUID(),
    gatewayId,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    status: "running",
    progress: { fraction: 0, queries: 0, recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
    read: 0,
    imported: 0,
    duplicates: 0,
    incomplete: {},
    unreadable: 0,
    startedAt: new Date().toISOString(),
  };
  const controller = new AbortController();
  const apply = (t: ImportTally) => Object.assign(job, { ...t, progress: { ...t.progress }, incomplete: { ...t.incomplete } });
  let last: ImportTally | undefined;
  let started!: () => void;
  const accepted = new Promise<void>((resolve) => (started = resolve));
  const outcome = run(
    controller.signal,
    (t) => {
      last = t;
      apply(t);
    },
    () => started(),
  );
  const settled = outcome
    .then((t) => {
      apply(t);
      job.status = "complete";
    })
    .catch((e: unknown) => {
      if (last) apply(last);
      if (e instanceof ImportCancelled || controller.signal.aborted) job.status = "cancelled";
      else {
        const err = toAppError(e);
        if (!(e instanceof AppError)) console.error("[import] failed:", e);
        job.status = "failed";
        job.error = { code: err.code, message: err.message };
      }
    })
    .finally(() => {
      job.finishedAt = new Date().toISOString();
      prune();
    });
  jobs().set(job.jobId, { job, controller, settled });
  const first = await Promise.race([accepted.then(() => null), outcome.then(() => null, (e: unknown) => e)]);
  if (first && !(first instanceof ImportCancelled)) {
    jobs().delete(job.jobId);
    throw first;
  }
  return structuredClone(job);
}

function entry(gatewayId: string, jobId: string): Entry {
  const e = jobs().get(jobId);
  if (!e || e.job.gatewayId !== gatewayId) throw new AppError("not-found", `No import job ${jobId} for this gateway (jobs are kept while the console runs).`);
  return e;
}

export function getImport(gatewayId: string, jobId: string): ImportJob {
  return structuredClone(entry(gatewayId, jobId).job);
}

/** Stops a running import (its query is stopped; calls already stored stay) and answers the job once it has settled. */
export async function cancelImport(gatewayId: string, jobId: string): Promise<ImportJob> {
  const e = entry(gatewayId, jobId);
  e.controller.abort();
  await e.settled;
  return structuredClone(e.job);
}

function prune() {
  const finished = [...jobs().values()].filter((e) => e.job.status !== "running");
  for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs().delete(e.job.jobId);
}
