"use client";

import { useRef, useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { CedarWorkerClient } from "@/lib/cedar-worker/client";
import { apiFetch } from "@/lib/http/client";
import type { Flip } from "@/lib/simulation/compare";
import type { SimCall, TestCase } from "@/lib/simulation/types";
import { useSim } from "./sim-context";

type Impact = { total: number; flips: Flip[]; allowToDeny: number; denyToAllow: number };
type Recorded = { id: number; persona: string | null; principal: SimCall["principal"]; tool: string; arguments: Record<string, unknown> };

/** Every saved case and recorded call whose decision flips between the published set and the draft. */
export function ImpactPanel() {
  const ws = useWorkspace();
  const sim = useSim();
  const [state, setState] = useState<{ kind: "idle" } | { kind: "running"; done: number; total: number } | { kind: "done"; impact: Impact } | { kind: "error"; message: string }>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);
  // A dedicated worker, so cancelling (which terminates it) never disturbs the editor's validation.
  const worker = useRef<CedarWorkerClient | null>(null);

  async function run() {
    abort.current = new AbortController();
    worker.current ??= new CedarWorkerClient();
    setState({ kind: "running", done: 0, total: 0 });
    try {
      const [{ cases }, recorded] = await Promise.all([
        apiFetch<{ cases: TestCase[] }>(`/api/gateways/${ws.gatewayId}/suites`),
        apiFetch<{ decisions: Recorded[] }>(`/api/gateways/${ws.gatewayId}/decisions?limit=500`).catch(() => ({ decisions: [] as Recorded[] })),
      ]);
      const calls = [
        ...cases.map((c) => ({ principal: c.principal, request: c.request, label: `case: ${c.name}` })),
        ...recorded.decisions.map((d) => ({
          principal: d.principal,
          request: { jsonrpc: "2.0", id: d.id, method: "tools/call", params: { name: d.tool, arguments: d.arguments } },
          label: `recorded #${d.id}: ${d.tool.split("___").pop()} ${JSON.stringify(d.arguments)} as ${d.persona ?? d.principal.sub}`,
        })),
      ];
      const impact = await sim.run<Impact>("sim.impact", { calls }, { worker: worker.current, signal: abort.current.signal, onProgress: (done, total) => setState({ kind: "running", done, total }) });
      setState({ kind: "done", impact });
    } catch (e) {
      setState((e as Error).name === "AbortError" ? { kind: "idle" } : { kind: "error", message: (e as Error).message });
    }
  }

  return (
    <div className="space-y-3 p-3 text-sm">
      <div className="flex gap-2">
        <Button variant="primary" onClick={() => void run()} disabled={state.kind === "running"}>
          Compute impact of the draft
        </Button>
        {state.kind === "running" ? <Button onClick={() => abort.current?.abort()}>Cancel</Button> : null}
      </div>
      <p className="text-xs text-zinc-500">Over the saved test cases and the calls recorded by the gateway, which decisions the draft changes.</p>
      {state.kind === "running" ? (
        <progress className="w-full" aria-label="Impact progress" max={state.total || 1} value={state.done} />
      ) : null}
      {state.kind === "error" ? <p role="alert" className="text-red-700 dark:text-red-400">{state.message}</p> : null}
      {state.kind === "done" ? (
        <section aria-label="Impact">
          <p data-testid="impact-summary">
            {state.impact.flips.length} of {state.impact.total} calls change: {state.impact.allowToDeny} allow→deny, {state.impact.denyToAllow} deny→allow
          </p>
          <ul className="mt-2 space-y-1 text-xs">
            {state.impact.flips.map((f) => (
              <li key={f.index} className="flex gap-2">
                <span className={f.to === "DENY" ? "font-semibold text-red-700 dark:text-red-400" : "font-semibold text-emerald-700 dark:text-emerald-400"}>
                  {f.from}→{f.to}
                </span>
                <span className="break-all">{f.label}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
