"use client";

import { RANGE_PRESETS, type RangePreset } from "./range-presets";

/** The time-range menu of the evidence cards. */
export function RangeSelect({ label, value, onChange, disabled }: { label: string; value: RangePreset; onChange: (p: RangePreset) => void; disabled?: boolean }) {
  return (
    <label className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      {label}
      <select aria-label={label} className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as RangePreset)}>
        {Object.entries(RANGE_PRESETS).map(([v, { label: text }]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
