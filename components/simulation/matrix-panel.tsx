"use client";

import { useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { exampleArguments } from "@/lib/mcp/example-args";
import type { MatrixCell } from "@/lib/simulation/matrix";
import { useSim } from "./sim-context";
import type { SimDecision } from "@/lib/simulation/types";
import { bareToolName } from "@/lib/agentcore/names";

type Args = Record<string, Record<string, unknown>>;

const tone = (d: SimDecision) =>
  d === "ALLOW" ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : d === "DENY" ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" : "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200";

/** Tools × personas, for the draft and the published set; changed cells are marked, and a click says why. */
export function MatrixPanel() {
  const ws = useWorkspace();
  const sim = useSim();
  const [cells, setCells] = useState<MatrixCell[] | null>(null);
  const [selected, setSelected] = useState<MatrixCell | null>(null);
  const [argsText, setArgsText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  async function run() {
    setError(null);
    let args: Args | undefined;
    if (argsText !== null) {
      try {
        const parsed = JSON.parse(argsText) as unknown;
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("expected an object keyed by tool name");
        args = parsed as Args;
      } catch (e) {
        return setError(`The argument set is not usable: ${(e as Error).message}.`);
      }
    }
    setRunning(true);
    try {
      setSelected(null);
      setCells(await sim.run<MatrixCell[]>("sim.matrix", { personas: sim.personas, args }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  const tools = sim.gateway.tools.map((t) => t.name);
  const changed = cells?.filter((c) => c.changed).length ?? 0;
  return (
    <div className="space-y-3 p-3 text-sm">
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={() => void run()} disabled={running}>
          {cells ? "Recompute matrix" : "Compute matrix"}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => setArgsText((t) => (t === null ? JSON.stringify(Object.fromEntries(sim.gateway.tools.map((x) => [x.name, exampleArguments(x.inputSchema)])), null, 2) : null))}
        >
          {argsText === null ? "Choose arguments…" : "Use example arguments"}
        </Button>
      </div>
      {argsText !== null ? (
        <label className="block text-xs text-zinc-600 dark:text-zinc-400">
          Arguments per tool (JSON; a tool left out uses its example arguments)
          <textarea aria-label="Matrix arguments" className="h-28 w-full rounded-md border border-zinc-300 bg-white p-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900" value={argsText} onChange={(e) => setArgsText(e.target.value)} spellCheck={false} />
        </label>
      ) : null}
      <p className="text-xs text-zinc-500">
        Each cell: the draft&apos;s decision over the published one, with {argsText === null ? "each tool's example arguments" : "the chosen arguments"}; an amber ring marks a change.
      </p>
      {error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {cells ? (
        <>
          <p className="text-xs" data-testid="matrix-summary">
            {changed} of {cells.length} cells change
          </p>
          <div className="overflow-auto">
            <table className="text-xs" aria-label="Decision matrix">
              <thead>
                <tr>
                  <th className="p-1 text-left">Tool</th>
                  {sim.personas.map((p) => (
                    <th key={p.name} className="p-1">
                      {p.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tools.map((t) => (
                  <tr key={t}>
                    <th className="p-1 text-left font-mono font-normal" title={t}>
                      {bareToolName(t)}
                    </th>
                    {sim.personas.map((p) => {
                      const cell = cells.find((c) => c.tool === t && c.persona === p.name);
                      if (!cell) return <td key={p.name} />;
                      return (
                        <td key={p.name} className="p-0.5">
                          <button
                            type="button"
                            aria-label={`${t} as ${p.name}: draft ${cell.draft}, published ${cell.published}${cell.changed ? " (changed)" : ""}`}
                            aria-pressed={selected === cell}
                            onClick={() => setSelected(cell)}
                            className={cn("flex w-full flex-col rounded px-1.5 py-0.5 text-left font-medium", tone(cell.draft), cell.changed && "ring-2 ring-amber-500")}
                          >
                            <span>{cell.draft}</span>
                            <span className="text-[10px] font-normal opacity-70">{cell.changed ? `was ${cell.published}` : "same"}</span>
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {selected ? <Why cell={selected} onReveal={ws.revealPolicy} /> : null}
    </div>
  );
}

function Why({ cell, onReveal }: { cell: MatrixCell; onReveal(id: string): void }) {
  const by = (ids: string[], reveal: boolean) =>
    ids.length
      ? ids.map((id) =>
          reveal ? (
            <button key={id} type="button" className="mr-1 font-mono text-indigo-700 underline dark:text-indigo-300" onClick={() => onReveal(id)}>
              {id}
            </button>
          ) : (
            <span key={id} className="mr-1 font-mono">
              {id}
            </span>
          ),
        )
      : null;
  return (
    <section aria-label="Why" className="space-y-0.5 rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-700">
      <p className="font-semibold">
        {cell.tool} as {cell.persona}
      </p>
      <p>
        Draft: {cell.draft} {cell.draftPolicies.length ? <>by {by(cell.draftPolicies, true)}</> : cell.invalid ? `(${cell.invalid})` : "(no determining policy: default deny)"}
      </p>
      <p>
        Published: {cell.published} {cell.publishedPolicies.length ? <>by {by(cell.publishedPolicies, false)}</> : cell.invalid ? `(${cell.invalid})` : "(no determining policy: default deny)"}
      </p>
      <pre className="mt-1 overflow-auto rounded bg-zinc-50 p-1 dark:bg-zinc-950">{JSON.stringify(cell.call.request)}</pre>
    </section>
  );
}
