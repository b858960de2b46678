"use client";

import { useEffect, useState } from "react";
import { ReadOnlyDiff } from "@/components/policy-editor/read-only-diff";
import { useWorkspace } from "@/components/policy-editor/workspace-context";
import { DecisionMatrix } from "@/components/simulation/decision-matrix";
import { useSim } from "@/components/simulation/sim-context";
import { LoadingState } from "@/components/ui/states";
import { bareToolName } from "@/lib/agentcore/names";
import type { ApplyMode, DraftEffect, WiderCell } from "@/lib/simulation/draft-effect";

export interface DraftEffectState {
  effect: DraftEffect | null;
  error: string | null;
  /** A draft is shown and its effect on the editor's current text is still being computed. */
  pending: boolean;
}

/** The draft's effect on the editor's text as it is now, recomputed in the Cedar worker when either changes. */
export function useDraftEffect(draft: string): DraftEffectState {
  const ws = useWorkspace();
  const { run, personas } = useSim();
  const key = `${ws.text}\u0000${draft}`;
  const [state, setState] = useState<{ key: string; effect: DraftEffect | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!draft) return;
    let live = true;
    const t = setTimeout(async () => {
      try {
        const effect = await run<DraftEffect>("sim.draftEffect", { personas, proposal: draft });
        if (live) setState({ key, effect, error: null });
      } catch (e) {
        if (live) setState({ key, effect: null, error: (e as Error).message });
      }
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, draft, run, personas]);
  const current = state?.key === key ? state : null;
  return { effect: current?.effect ?? null, error: current?.error ?? null, pending: Boolean(draft) && !current };
}

/** Before the click: what a restriction would leave open, how to apply it, the matrix now → after, and the text diff. */
export function DraftEffectView({ state, mode, onMode, applied }: { state: DraftEffectState; mode: ApplyMode; onMode(mode: ApplyMode): void; applied: string }) {
  const ws = useWorkspace();
  const { personas } = useSim();
  const { effect } = state;
  const restricted = effect?.restricted ?? [];
  const modes: ApplyMode[] = restricted.length ? ["replace-restricted", "insert", "replace"] : ["insert", "replace"];
  const label: Record<ApplyMode, string> = {
    "replace-restricted": `Replace ${restricted.join(", ")} (what the draft restricts) and add the draft`,
    insert: "Insert after the current policies",
    replace: "Replace the current policies",
  };
  const cells = effect?.matrices[mode];
  return (
    <>
      {effect?.wider.length ? <WiderAlert wider={effect.wider} /> : null}
      {state.error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          The draft&apos;s effect could not be computed: {state.error}
        </p>
      ) : null}
      <fieldset className="space-y-1 text-xs">
        <legend className="font-semibold">How to apply</legend>
        {modes.map((m) => (
          <label key={m} className="flex items-start gap-1">
            <input type="radio" name="apply-mode" className="mt-0.5" checked={mode === m} onChange={() => onMode(m)} />
            <span>
              {label[m]}
              {m === effect?.suggested && restricted.length ? <span className="ml-1 font-semibold text-emerald-700 dark:text-emerald-400">(recommended)</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
      <section aria-label="Effect of applying the draft" className="space-y-1">
        <h3 className="text-xs font-semibold">Effect: each tool and persona, now → after applying</h3>
        {state.pending ? <LoadingState label="Computing the draft's effect…" /> : null}
        {cells ? (
          <>
            <p className="text-xs" data-testid="effect-summary">
              {cells.filter((c) => c.changed).length} of {cells.length} decisions change
            </p>
            <DecisionMatrix cells={cells} personas={personas.map((p) => p.name)} label="Decisions after applying the draft" before="now" after="after applying" />
          </>
        ) : null}
      </section>
      <ReadOnlyDiff original={ws.text} modified={applied} label="What applying the draft changes" sideBySide={false} testId="draft-diff" className="h-64" />
    </>
  );
}

/** Inserting a restriction beside a permit that already lets others in restricts nothing: said before the click. */
function WiderAlert({ wider }: { wider: WiderCell[] }) {
  const byPolicy = new Map<string, WiderCell[]>();
  for (const w of wider) for (const p of w.policies) byPolicy.set(p, [...(byPolicy.get(p) ?? []), w]);
  const list = (items: string[]) => [...new Set(items)].join(", ");
  return (
    <div role="alert" aria-label="Access the draft restricts" className="space-y-1 rounded-md border-2 border-amber-500 bg-amber-50 p-2 text-xs text-amber-950 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">This draft restricts what existing policies allow.</p>
      <ul className="ml-3 list-disc">
        {[...byPolicy].map(([policy, cells]) => (
          <li key={policy}>
            Inserted after them, <code>{policy}</code> would still let {list(cells.map((c) => c.persona))} call {list(cells.map((c) => bareToolName(c.tool)))}, which the draft allows to others only.
          </li>
        ))}
      </ul>
      <p>Replacing {byPolicy.size === 1 ? "that policy" : "those policies"} is recommended; check the effect below before applying.</p>
    </div>
  );
}
