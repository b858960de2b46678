"use client";

import { useEffect, useRef, useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { CedarWorkerClient } from "@/lib/cedar-worker/client";
import { getCorpus } from "@/lib/api-client/simulation";
import type { Impact } from "@/lib/simulation/impact";
import { useSim } from "./sim-context";

type State =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "running"; done: number; total: number }
  | { kind: "done"; impact: Impact; cases: number; recorded: number; text: string }
  | { kind: "cancelled" }
  | { kind: "error"; message: string };

const SHOWN = 200;

/**
 * Every saved case and recorded call whose decision flips between the published set and the draft
 * (the editor's text), before anything is published. Runs in its own worker so it can be cancelled.
 */
export function ImpactPanel() {
  const ws = useWorkspace();
  const sim = useSim();
  const [state, setState] = useState<State>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);
  // A dedicated worker: cancelling terminates it, which must never disturb the editor's validation.
  const worker = useRef<CedarWorkerClient | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  async function run() {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    worker.current ??= new CedarWorkerClient();
    setState({ kind: "loading" });
    const text = ws.text;
    try {
      const corpus = await getCorpus(ws.gatewayId, controller.signal);
      setState({ kind: "running", done: 0, total: corpus.calls.length });
      const impact = await sim.run<Impact>("sim.impact", { calls: corpus.calls }, { worker: worker.current, signal: controller.signal, onProgress: (done, total) => setState({ kind: "running", done, total }) });
      setState({ kind: "done", impact, cases: corpus.cases, recorded: corpus.recorded, text });
    } catch (e) {
      if (controller.signal.aborted) setState({ kind: "cancelled" });
      else setState({ kind: "error", message: (e as Error).message });
    }
  }

  const busy = state.kind === "loading" || state.kind === "running";
  return (
    <div className="space-y-3 p-3 text-sm">
      <div className="flex gap-2">
        <Button variant="primary" onClick={() => void run()} disabled={busy}>
          Compute impact of the draft
        </Button>
        {busy ? <Button onClick={() => abort.current?.abort()}>Cancel</Button> : null}
      </div>
      <p className="text-xs text-zinc-500">Over the saved test cases and the calls the gateway recorded: which decisions the editor&apos;s text changes from the published set.</p>
      {state.kind === "loading" ? <p className="text-xs text-zinc-500">Loading saved cases and recorded calls…</p> : null}
      {state.kind === "running" ? (
        <div className="space-y-1">
          <progress className="w-full" aria-label="Impact progress" max={state.total || 1} value={state.done} />
          <p className="text-xs text-zinc-500">
            {state.done.toLocaleString()} of {state.total.toLocaleString()} calls
          </p>
        </div>
      ) : null}
      {state.kind === "cancelled" ? <p role="status" className="text-xs">Cancelled.</p> : null}
      {state.kind === "error" ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
      {state.kind === "done" ? (
        <section aria-label="Impact" className="space-y-2">
          <p data-testid="impact-summary">
            {state.impact.flips.length} of {state.impact.total} calls change: {state.impact.allowToDeny} allow→deny, {state.impact.denyToAllow} deny→allow
          </p>
          {state.impact.undetermined.length ? (
            <p className="text-xs text-amber-800 dark:text-amber-300" data-testid="impact-undetermined">
              {state.impact.undeterminedCount} call{state.impact.undeterminedCount === 1 ? "" : "s"} not determined: {[...new Set(state.impact.undetermined.flatMap((u) => u.policies))].join(", ")} could decide{" "}
              {state.impact.undeterminedCount === 1 ? "it" : "them"} from the session&apos;s earlier calls or guardrail scores, which a saved or recorded call alone does not carry. Replay them as sessions in Simulate.
            </p>
          ) : null}
          <p className="text-xs text-zinc-500">
            Compared {state.cases} saved case{state.cases === 1 ? "" : "s"} and {state.recorded} recorded call{state.recorded === 1 ? "" : "s"}
            {state.text !== ws.text ? " · the editor has changed since: compute again" : ""}.
          </p>
          {state.impact.flips.length ? (
            <ul className="space-y-1 text-xs" aria-label="Flipped calls">
              {state.impact.flips.slice(0, SHOWN).map((f) => (
                <li key={f.index} className="flex gap-2">
                  <span className={f.to === "DENY" ? "font-semibold text-red-700 dark:text-red-400" : "font-semibold text-emerald-700 dark:text-emerald-400"}>
                    {f.from}→{f.to}
                  </span>
                  <span className="break-all">{f.label}</span>
                </li>
              ))}
              {state.impact.flips.length > SHOWN ? <li className="text-zinc-500">… and {state.impact.flips.length - SHOWN} more</li> : null}
            </ul>
          ) : (
            <p className="text-xs text-emerald-700 dark:text-emerald-400">No decision changes.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
