"use client";

import { useEffect, useRef, useState } from "react";
import { analyzeDraft } from "@/lib/api-client/analysis";
import { ApiError } from "@/lib/api-client/request";
import type { AnalysisReport } from "@/lib/analysis/types";

export type AnalysisState =
  | { kind: "loading"; text: string; previous: AnalysisReport | null }
  | { kind: "done"; text: string; report: AnalysisReport }
  | { kind: "error"; text: string; error: { code: string; message: string } };

/**
 * The exact analysis of `text` (the server runs Z3; 0.1–1 s), requested on its own so nothing else
 * waits for it, again `delayMs` after the text last changed; an older answer is dropped. While a new
 * one is computed the previous report stays on screen, marked as being updated. Nothing is asked
 * while `enabled` is false (a panel nobody looks at), nor again for a text already answered.
 */
export function useDraftAnalysis(gatewayId: string, text: string, { delayMs = 0, enabled = true }: { delayMs?: number; enabled?: boolean } = {}) {
  const [state, setState] = useState<AnalysisState>({ kind: "loading", text, previous: null });
  const [attempt, setAttempt] = useState(0);
  const answered = useRef<{ text: string; attempt: number } | null>(null);
  useEffect(() => {
    if (!enabled || (answered.current?.text === text && answered.current.attempt === attempt)) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({ kind: "loading", text, previous: s.kind === "done" ? s.report : s.kind === "loading" ? s.previous : null }));
      analyzeDraft(gatewayId, text, ctrl.signal).then(
        (report) => {
          answered.current = { text, attempt };
          setState({ kind: "done", text, report });
        },
        (e: unknown) => {
          if ((e as Error).name === "AbortError") return;
          setState({ kind: "error", text, error: e instanceof ApiError ? { code: e.code, message: e.message } : { code: "network", message: String(e) } });
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [gatewayId, text, delayMs, attempt, enabled]);
  return { state, retry: () => setAttempt((n) => n + 1) };
}
