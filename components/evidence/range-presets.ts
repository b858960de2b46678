/** The time ranges offered for evidence (the API takes any range from 1 hour to 30 days). */
export const RANGE_PRESETS = {
  "1h": { label: "Last hour", ms: 3_600_000 },
  "6h": { label: "Last 6 hours", ms: 6 * 3_600_000 },
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
  "30d": { label: "Last 30 days", ms: 30 * 86_400_000 },
} as const;

export type RangePreset = keyof typeof RANGE_PRESETS;

/** Ends at the next whole minute, so the calls of the current minute are in. */
export function rangeOf(preset: RangePreset, now = Date.now()): { from: string; to: string } {
  const to = Math.ceil((now + 1) / 60_000) * 60_000;
  return { from: new Date(to - RANGE_PRESETS[preset].ms).toISOString(), to: new Date(to).toISOString() };
}
