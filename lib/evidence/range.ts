/**
 * Time ranges for evidence: 1 hour to 30 days, a period per range that keeps a chart readable
 * (at most 360 points) and that CloudWatch still holds at that age (1-minute data is kept 15 days,
 * 5-minute data 63 days), and bucket starts aligned to the period so both sources agree.
 */
import { AppError } from "@/lib/errors";
import type { TimeRange } from "./types";

export const MIN_RANGE_MS = 3_600_000;
export const MAX_RANGE_MS = 30 * 86_400_000;
const PERIODS = [60, 300, 900, 3600, 10_800, 21_600, 86_400];
const TARGET_POINTS = 360;
const MAX_POINTS = 1440;
const DAY = 86_400_000;

/** The finest period that keeps the chart within TARGET_POINTS and that CloudWatch keeps for data of that age. */
export function choosePeriod(from: Date, to: Date, now: Date = new Date()): number {
  const span = (to.getTime() - from.getTime()) / 1000;
  return PERIODS.find((p) => span / p <= TARGET_POINTS && p >= minimumPeriodAt(from, now)) ?? PERIODS[PERIODS.length - 1];
}

function minimumPeriodAt(from: Date, now: Date): number {
  const age = now.getTime() - from.getTime();
  return age > 63 * DAY ? 3600 : age > 15 * DAY ? 300 : 60;
}

export interface RangeInput {
  from?: string;
  to?: string;
  period?: number;
}

/** Reads and checks a range; without `from`/`to` it is the last 24 hours. Bad input is a 400 that says why. */
export function resolveRange(input: RangeInput, now: Date = new Date()): TimeRange {
  const to = input.to ? parseTime("to", input.to) : now;
  const from = input.from ? parseTime("from", input.from) : new Date(to.getTime() - DAY);
  const span = to.getTime() - from.getTime();
  if (span <= 0) throw new AppError("bad-request", `"from" (${from.toISOString()}) must be before "to" (${to.toISOString()}).`);
  if (span < MIN_RANGE_MS) throw new AppError("bad-request", "The time range must be at least 1 hour.");
  if (span > MAX_RANGE_MS) throw new AppError("bad-request", "The time range can be at most 30 days.");
  if (from.getTime() > now.getTime()) throw new AppError("bad-request", `"from" (${from.toISOString()}) is in the future.`);
  const period = input.period ?? choosePeriod(from, to, now);
  if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) throw new AppError("bad-request", "period is a number of seconds, a multiple of 60 (for example 300).");
  if (span / 1000 / period > MAX_POINTS) throw new AppError("bad-request", `A period of ${period} s gives more than ${MAX_POINTS} points over this range; use at least ${Math.ceil(span / 1000 / MAX_POINTS / 60) * 60} s.`);
  const min = minimumPeriodAt(from, now);
  if (period < min) throw new AppError("bad-request", `CloudWatch keeps data of this age at ${min / 60}-minute resolution or coarser; use a period of at least ${min} s.`);
  const step = period * 1000;
  return { from: new Date(Math.floor(from.getTime() / step) * step), to, period };
}

function parseTime(name: string, value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(d.getTime())) throw new AppError("bad-request", `"${name}" must be an ISO-8601 time such as 2026-01-15T10:00:00Z, not "${value}".`);
  return d;
}

/** The start of every bucket in the range, in epoch milliseconds. */
export function bucketStarts(range: TimeRange): number[] {
  const step = range.period * 1000;
  const out: number[] = [];
  for (let t = range.from.getTime(); t < range.to.getTime(); t += step) out.push(t);
  return out;
}

/** Points for every bucket: counts default to 0 where nothing happened; other statistics leave a gap. */
export function fillPoints(range: TimeRange, values: Map<number, number>, zeroWhenMissing: boolean): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const t of bucketStarts(range)) {
    const v = values.get(t);
    if (v !== undefined) out.push([new Date(t).toISOString(), v]);
    else if (zeroWhenMissing) out.push([new Date(t).toISOString(), 0]);
  }
  return out;
}
