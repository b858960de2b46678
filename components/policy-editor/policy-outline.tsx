"use client";

import type { OutlineEntry } from "@/lib/cedar-worker/handlers";
import { cn } from "@/lib/cn";

export function PolicyOutline({ outline, onSelect }: { outline: OutlineEntry[]; onSelect(entry: OutlineEntry): void }) {
  return (
    <nav aria-label="Policies in the draft" className="min-h-0 overflow-auto p-2 text-sm">
      <h2 className="mb-1 px-1 text-xs font-semibold text-muted uppercase">Policies ({outline.length})</h2>
      {outline.length === 0 ? <p className="px-1 text-xs text-muted">No policies yet. With none, every call is denied.</p> : null}
      <ul>
        {outline.map((o) => (
          <li key={`${o.id}:${o.line}`}>
            <button type="button" onClick={() => onSelect(o)} className="flex w-full items-center gap-1.5 rounded px-1 py-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <span
                className={cn(
                  "rounded px-1 font-mono text-[10px] uppercase",
                  o.effect === "permit" ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" : o.effect === "suppressOutput" ? "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200" : "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
                )}
              >
                {o.effect === "suppressOutput" ? "suppress" : o.effect}
              </span>
              <span className="truncate font-mono text-xs" title={o.id}>
                {o.id}
              </span>
              {o.logOnly ? <span className="text-[10px] text-violet-700 dark:text-violet-300">LOG_ONLY</span> : null}
              {o.dogwood ? (
                <span className="text-[10px] text-sky-700 dark:text-sky-300" title="A Dogwood statement: published under definition.policy; its temporal and guardrail blocks are checked by the service when published">
                  Dogwood
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
