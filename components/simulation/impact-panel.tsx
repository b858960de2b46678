"use client";

import { useEffect, useRef, useState } from "react";
import { DraftAnalysis } from "@/components/analysis/draft-analysis";
import { useDraftAnalysis } from "@/components/analysis/use-draft-analysis";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";
import { getCorpus } from "@/lib/api-client/simulation";
import { CedarWorkerClient } from "@/lib/cedar-worker/client";
import type { Impact } from "@/lib/simulation/impact";
import { ImpactFlips } from "./impact-flips";
import { useSim } from "./sim-context";

type Corpus = Awaited<ReturnType<typeof getCorpus>>;

type State =
  | { kind: "loading" }
  | { kind: "running"; done: number; total: number }
  | { kind: "done"; impact: Impact; text: string }
  | { kind: "cancelled" }
  | { kind: "error"; error: { code: string; message: string } };

const DEBOUNCE_MS = 500;
const ANALYSIS_DEBOUNCE_MS = 900;

/**
 * What the draft (the editor's text) changes, before anything is published, kept up to date as it is
 * edited: for every caller and argument (the exact analysis, on the server) and over the saved cases,
 * recorded calls and imported span calls (replayed in a worker of its own, so it can be cancelled
 * without disturbing the editor's validation).
 */
export function ImpactPanel() {
  const ws = useWorkspace();
  const sim = useSim();
  const { run, casesVersion, openInSimulate, casesChanged } = sim;
  // Nothing runs until the panel is opened; then both follow the draft.
  const active = ws.activePanel === "impact";
  const analysis = useDraftAnalysis(ws.gatewayId, ws.text, { delayMs: ANALYSIS_DEBOUNCE_MS, enabled: active });
  const [corpus, setCorpus] = useState<Corpus | null>(null);
  const [state, setState] = useState<State>({ kind: "loading" });
  const [reload, setReload] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const worker = useRef<CedarWorkerClient | null>(null);

  // The calls are read once (and again when the suites change or on request); the draft is replayed over them.
  useEffect(() => {
    if (!active) return;
    const ctrl = new AbortController();
    getCorpus(ws.gatewayId, ctrl.signal).then(setCorpus, (e: unknown) => {
      if ((e as Error).name !== "AbortError") setState({ kind: "error", error: { code: (e as { code?: string }).code ?? "network", message: (e as Error).message } });
    });
    return () => ctrl.abort();
  }, [ws.gatewayId, casesVersion, reload, active]);

  const text = ws.text;
  const computed = useRef<{ corpus: Corpus; text: string } | null>(null);
  useEffect(() => {
    if (!corpus || !active || (computed.current?.corpus === corpus && computed.current.text === text)) return;
    const timer = setTimeout(() => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      worker.current ??= new CedarWorkerClient();
      setState({ kind: "running", done: 0, total: corpus.calls.length });
      run<Impact>("sim.impact", { calls: corpus.calls }, { worker: worker.current, signal: controller.signal, onProgress: (done, total) => setState({ kind: "running", done, total }) }).then(
        (impact) => {
          computed.current = { corpus, text };
          setState({ kind: "done", impact, text });
        },
        (e: unknown) => {
          if (controller.signal.aborted) return setState({ kind: "cancelled" });
          setState({ kind: "error", error: { code: "worker", message: (e as Error).message } });
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [corpus, text, run, active]);
  useEffect(() => () => abort.current?.abort(), []);

  const busy = state.kind === "loading" || state.kind === "running";
  return (
    <div className="space-y-4 p-3 text-sm">
      <section aria-labelledby="impact-exact-title" className="space-y-2">
        <h3 id="impact-exact-title" className="text-sm font-semibold">
          Every call (exact analysis)
        </h3>
        <DraftAnalysis gatewayId={ws.gatewayId} state={analysis.state} text={text} retry={analysis.retry} replay={{ open: openInSimulate }} onSaved={casesChanged} onRevealPolicy={ws.revealPolicy} />
      </section>
      <section aria-labelledby="impact-recorded-title" className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <h3 id="impact-recorded-title" className="text-sm font-semibold">
          Saved cases, recorded and imported calls
        </h3>
        <div className="flex gap-2">
          <Button size="sm" onClick={() => setReload((n) => n + 1)} disabled={busy}>
            Reload calls
          </Button>
          {state.kind === "running" ? (
            <Button size="sm" onClick={() => abort.current?.abort()}>
              Cancel
            </Button>
          ) : null}
        </div>
        <p className="text-xs text-muted">Replays every saved test case, recorded call and call imported from AgentCore spans against the editor&apos;s text and the published set; updates as you edit.</p>
        {state.kind === "loading" ? <p className="text-xs text-muted">Loading saved cases, recorded and imported calls…</p> : null}
        {state.kind === "running" ? (
          <div className="space-y-1">
            <progress className="w-full" aria-label="Impact progress" max={state.total || 1} value={state.done} />
            <p className="text-xs text-muted">
              {state.done.toLocaleString()} of {state.total.toLocaleString()} calls
            </p>
          </div>
        ) : null}
        {state.kind === "cancelled" ? (
          <p role="status" className="text-xs">
            Cancelled. Edit the draft or reload the calls to compute it again.
          </p>
        ) : null}
        {state.kind === "error" ? <ErrorState error={state.error} onRetry={() => setReload((n) => n + 1)} /> : null}
        {state.kind === "done" && corpus ? <ImpactFlips impact={state.impact} corpus={corpus} stale={state.text !== text} onOpen={(i) => openInSimulate(corpus.calls[i])} /> : null}
      </section>
    </div>
  );
}
