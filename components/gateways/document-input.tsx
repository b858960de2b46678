"use client";

import { useId } from "react";

/** A document pasted into a text area or read from an uploaded file (the file's text replaces the area's). */
export function DocumentInput({ label, value, onChange, accept, placeholder }: { label: string; value: string; onChange(text: string): void; accept: string; placeholder?: string }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        spellCheck={false}
        rows={12}
        className="block w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
      />
      <label className="inline-flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        Or upload a file
        <input
          type="file"
          accept={accept}
          aria-label={`Upload ${label.toLowerCase()}`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(onChange);
          }}
          className="text-xs"
        />
      </label>
    </div>
  );
}
