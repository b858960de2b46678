"use client";

import { useEffect, useRef, useState } from "react";
import { cancelSpanImport, pollSpanImport, startSpanImport } from "@/lib/api-client/evidence";
import { ApiError } from "@/lib/api-client/request";
import type { ImportJob } from "@/lib/evidence/types";

const POLL_MS = 1000;

export type ImportError = { code: string; message: string };

export function asImportError(e: unknown): ImportError {
  return e instanceof ApiError ? { code: e.code, message: e.message } : { code: "network", message: String(e) };
}

/** One span import of a gateway at a time: start it for a range, follow it by polling, cancel it; `onDone` hears its end. */
export function useSpanImport(gatewayId: string, onDone?: (job: ImportJob) => void) {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<ImportError | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const follow = (j: ImportJob) => {
    setJob(j);
    if (j.status !== "running") return done.current?.(j);
    timer.current = setTimeout(() => {
      pollSpanImport(gatewayId, j.jobId).then(follow, (e: unknown) => setError(asImportError(e)));
    }, POLL_MS);
  };

  const start = async (range: { from: string; to: string }) => {
    setError(null);
    setBusy(true);
    try {
      follow(await startSpanImport(gatewayId, range));
    } catch (e) {
      setError(asImportError(e));
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
      setError(asImportError(e));
    }
  };

  return { job, error, busy, running: job?.status === "running", start, cancel };
}
