"use client";

import type { Diagnostic } from "@/lib/cedar/diagnostics";
import type { DogwoodNote } from "@/lib/dogwood/check";
import { cn } from "@/lib/cn";

/** Cedar's diagnostics and the console's Dogwood checks, with what only the service checks listed as notes beside them. */
export function ProblemsPanel({ diagnostics, notes = [], onSelect, checking }: { diagnostics: Diagnostic[]; notes?: DogwoodNote[]; onSelect(d: { startLine: number; startColumn: number }): void; checking: boolean }) {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return (
    <section aria-label="Problems" className="flex min-h-0 flex-col border-t border-zinc-200 dark:border-zinc-800">
      <header className="flex items-center gap-3 px-3 py-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-semibold text-zinc-900 dark:text-zinc-100">Problems</span>
        <span data-testid="problem-count">
          {errors} {errors === 1 ? "error" : "errors"}, {warnings} {warnings === 1 ? "warning" : "warnings"}
          {notes.length ? `, ${notes.length} ${notes.length === 1 ? "note" : "notes"}` : ""}
        </span>
        {checking ? <span aria-live="polite">checking…</span> : diagnostics.length === 0 ? <span className="text-emerald-700 dark:text-emerald-400">✓ valid against the gateway schema</span> : null}
      </header>
      <ul className="max-h-40 overflow-auto text-xs">
        {diagnostics.map((d, i) => (
          <li key={i}>
            <button
              type="button"
              onClick={() => onSelect(d)}
              className="flex w-full gap-2 px-3 py-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
              aria-label={`${d.severity} at line ${d.startLine}, column ${d.startColumn}: ${d.message}`}
            >
              <span className={cn("font-semibold", d.severity === "error" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-400")}>
                {d.severity === "error" ? "✖" : "⚠"}
              </span>
              <span className="shrink-0 font-mono text-muted">
                {d.startLine}:{d.startColumn}
              </span>
              <span>
                {d.message}
                {d.help ? <span className="block text-muted">help: {d.help}</span> : null}
              </span>
            </button>
          </li>
        ))}
        {notes.map((n, i) => (
          <li key={`note${i}`}>
            <button
              type="button"
              onClick={() => onSelect({ startLine: n.line, startColumn: n.column })}
              className="flex w-full gap-2 px-3 py-1 text-left text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
              aria-label={`note at line ${n.line}, column ${n.column}: ${n.message}`}
            >
              <span className="font-semibold text-sky-700 dark:text-sky-400">ℹ</span>
              <span className="shrink-0 font-mono text-muted">
                {n.line}:{n.column}
              </span>
              <span>{n.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
