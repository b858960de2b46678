"use client";

import { useEffect, useId, useRef } from "react";

/** A modal confirmation: labelled, keyboard-closable (Escape), focus moved inside on open. */
export function ConfirmDialog({ title, children, onClose, footer }: { title: string; children: React.ReactNode; onClose(): void; footer: React.ReactNode }) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("button, [href], input, [tabindex]")?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-zinc-950/40 p-4">
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby={id} className="max-h-[85vh] w-full max-w-2xl overflow-auto rounded-lg bg-white shadow-xl dark:bg-zinc-900">
        <h2 id={id} className="border-b border-zinc-200 px-4 py-3 text-sm font-semibold dark:border-zinc-800">
          {title}
        </h2>
        <div className="space-y-3 p-4 text-sm">{children}</div>
        <div className="flex justify-end gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">{footer}</div>
      </div>
    </div>
  );
}
