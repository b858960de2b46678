"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { MatrixCell } from "@/lib/simulation/compare";
import { useSim } from "./sim-context";

/** Tools × personas with example arguments: the draft's decision, marked where it differs from published. */
export function MatrixPanel() {
  const sim = useSim();
  const [cells, setCells] = useState<MatrixCell[] | null>(null);
  const [selected, setSelected] = useState<MatrixCell | null>(null);

  async function run() {
    setSelected(null);
    setCells(await sim.run<MatrixCell[]>("sim.matrix", { personas: sim.personas }));
  }

  const tools = [...new Set(cells?.map((c) => c.tool))];
  const personas = sim.personas.map((p) => p.name);
  return (
    <div className="space-y-3 p-3 text-sm">
      <Button variant="primary" onClick={() => void run()}>
        {cells ? "Recompute matrix" : "Compute matrix"}
      </Button>
      <p className="text-xs text-zinc-500">Each cell: the draft&apos;s decision for the tool&apos;s example arguments; ● marks a change from the published set.</p>
      {cells ? (
        <div className="overflow-auto">
          <table className="text-xs" aria-label="Decision matrix">
            <thead>
              <tr>
                <th className="p-1 text-left">Tool</th>
                {personas.map((p) => (
                  <th key={p} className="p-1">
                    {p}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tools.map((t) => (
                <tr key={t}>
                  <th className="p-1 text-left font-mono font-normal">{t.split("___").pop()}</th>
                  {personas.map((p) => {
                    const cell = cells.find((c) => c.tool === t && c.persona === p);
                    if (!cell) return <td key={p} />;
                    return (
                      <td key={p} className="p-0.5">
                        <button
                          type="button"
                          aria-label={`${t} as ${p}: ${cell.draft}${cell.changed ? `, was ${cell.published}` : ""}`}
                          onClick={() => setSelected(cell)}
                          className={cn(
                            "w-full rounded px-1.5 py-0.5 font-medium",
                            cell.draft === "ALLOW" ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
                            cell.changed && "ring-2 ring-amber-500",
                          )}
                        >
                          {cell.draft}
                          {cell.changed ? " ●" : ""}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {selected ? (
        <section aria-label="Why" className="rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-700">
          <p className="font-semibold">
            {selected.tool} as {selected.persona}
          </p>
          <p>
            Draft: {selected.draft} {selected.draftPolicies.length ? `by ${selected.draftPolicies.join(", ")}` : "(no determining policy)"}
          </p>
          <p>
            Published: {selected.published} {selected.publishedPolicies.length ? `by ${selected.publishedPolicies.join(", ")}` : "(no determining policy)"}
          </p>
          <pre className="mt-1 overflow-auto rounded bg-zinc-50 p-1 dark:bg-zinc-950">{JSON.stringify(selected.call.request)}</pre>
        </section>
      ) : null}
    </div>
  );
}
