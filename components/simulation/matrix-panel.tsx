"use client";

import { useEffect, useRef, useState } from "react";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { Button } from "@/components/ui/button";
import { exampleArguments } from "@/lib/mcp/example-args";
import type { MatrixCell } from "@/lib/simulation/matrix";
import { cellReason, DecisionMatrix } from "./decision-matrix";
import { useSim } from "./sim-context";

type Args = Record<string, Record<string, unknown>>;

/** How long the editor must be still before the matrix is recomputed. */
const DEBOUNCE_MS = 400;

/**
 * Tools × personas, for the editor's text and the published set, recomputed in the Cedar worker
 * as the text changes; a click says why, and opens the call in Simulate.
 */
export function MatrixPanel() {
  const ws = useWorkspace();
  const sim = useSim();
  const [state, setState] = useState<{ cells: MatrixCell[]; text: string } | null>(null);
  const [selected, setSelected] = useState<{ tool: string; persona: string } | null>(null);
  const [argsText, setArgsText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run, personas } = sim;

  const parsed = parseArgs(argsText);
  const argsKey = JSON.stringify(parsed.ok ? parsed.args : null);
  const seq = useRef(0);
  useEffect(() => {
    if (!parsed.ok) return;
    const mine = ++seq.current;
    const args = JSON.parse(argsKey) as Args | null;
    const text = ws.text;
    const t = setTimeout(async () => {
      try {
        const cells = await run<MatrixCell[]>("sim.matrix", { personas, args: args ?? undefined });
        if (mine === seq.current) {
          setState({ cells, text });
          setError(null);
        }
      } catch (e) {
        if (mine === seq.current) setError((e as Error).message);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [run, personas, argsKey, parsed.ok, ws.text]);

  const cells = state?.cells ?? null;
  const changed = cells?.filter((c) => c.changed).length ?? 0;
  const cell = selected && cells ? cells.find((c) => c.tool === selected.tool && c.persona === selected.persona) ?? null : null;
  return (
    <div className="space-y-3 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          onClick={() => setArgsText((t) => (t === null ? JSON.stringify(Object.fromEntries(sim.gateway.tools.map((x) => [x.name, exampleArguments(x.inputSchema)])), null, 2) : null))}
        >
          {argsText === null ? "Choose arguments…" : "Use example arguments"}
        </Button>
        <span role="status" className="text-xs text-muted">
          {!cells ? "Computing…" : state && state.text !== ws.text ? "Updating…" : "Up to date with the editor"}
        </span>
      </div>
      {argsText !== null ? (
        <label className="block text-xs text-zinc-600 dark:text-zinc-400">
          Arguments per tool (JSON; a tool left out uses its example arguments)
          <textarea aria-label="Matrix arguments" className="h-28 w-full rounded-md border border-zinc-300 bg-white p-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900" value={argsText} onChange={(e) => setArgsText(e.target.value)} spellCheck={false} />
        </label>
      ) : null}
      <p className="text-xs text-muted">
        Each cell: the editor&apos;s decision and why (permit, forbid or default deny) over the published one, with {argsText === null ? "each tool's example arguments" : "the chosen arguments"} (under the tool&apos;s name); an amber ring marks a change.
      </p>
      {!parsed.ok || error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {!parsed.ok ? `The argument set is not usable: ${parsed.error}.` : error}
        </p>
      ) : null}
      {cells ? (
        <>
          <p className="text-xs" data-testid="matrix-summary">
            {changed} of {cells.length} cells change
          </p>
          <DecisionMatrix cells={cells} personas={personas.map((p) => p.name)} label="Decision matrix" before="published" after="draft" selected={cell} onSelect={(c) => setSelected({ tool: c.tool, persona: c.persona })} />
        </>
      ) : null}
      {cell ? (
        <Why
          cell={cell}
          onReveal={ws.revealPolicy}
          onSimulate={() => {
            sim.openInSimulate(cell.call);
          }}
        />
      ) : null}
    </div>
  );
}

function parseArgs(text: string | null): { ok: true; args: Args | null } | { ok: false; error: string } {
  if (text === null) return { ok: true, args: null };
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, error: "expected an object keyed by tool name" };
    return { ok: true, args: parsed as Args };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

function Why({ cell, onReveal, onSimulate }: { cell: MatrixCell; onReveal(id: string): void; onSimulate(): void }) {
  const by = (ids: string[], reveal: boolean) =>
    ids.map((id) =>
      reveal ? (
        <button key={id} type="button" className="mr-1 font-mono text-indigo-700 underline dark:text-indigo-300" onClick={() => onReveal(id)}>
          {id}
        </button>
      ) : (
        <span key={id} className="mr-1 font-mono">
          {id}
        </span>
      ),
    );
  const side = (decision: MatrixCell["draft"], ids: string[], reveal: boolean) => {
    const reason = cellReason(decision, ids, cell.invalid);
    if (cell.invalid) return <>({cell.invalid})</>;
    if (reason === "default deny") return <>(no permit applies: default deny)</>;
    return <>by {reason === "forbid" ? "forbid " : ""}{by(ids, reveal)}</>;
  };
  return (
    <section aria-label="Why" className="space-y-0.5 rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-700">
      <p className="font-semibold">
        {cell.tool} as {cell.persona}
      </p>
      <p>
        Draft: {cell.draft} {side(cell.draft, cell.draftPolicies, true)}
      </p>
      <p>
        Published: {cell.published} {side(cell.published, cell.publishedPolicies, false)}
      </p>
      <pre className="mt-1 overflow-auto rounded bg-zinc-50 p-1 dark:bg-zinc-950">{JSON.stringify(cell.call.request)}</pre>
      <Button size="sm" onClick={onSimulate}>
        Open in Simulate
      </Button>
    </section>
  );
}
