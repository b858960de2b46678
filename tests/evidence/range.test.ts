import { describe, expect, it } from "vitest";
import { bucketStarts, choosePeriod, fillPoints, resolveRange } from "@/lib/evidence/range";

const NOW = new Date("2026-06-30T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const H = 3_600_000;

describe("time ranges for evidence", () => {
  it("pick a period per range that keeps charts within 360 points", () => {
    expect(choosePeriod(new Date(ago(H)), NOW, NOW)).toBe(60);
    expect(choosePeriod(new Date(ago(24 * H)), NOW, NOW)).toBe(300);
    expect(choosePeriod(new Date(ago(7 * 24 * H)), NOW, NOW)).toBe(3600);
    expect(choosePeriod(new Date(ago(30 * 24 * H)), NOW, NOW)).toBe(10_800);
  });

  it("never ask for 1-minute data older than CloudWatch keeps it", () => {
    const old = new Date(NOW.getTime() - 20 * 24 * H);
    expect(choosePeriod(old, new Date(old.getTime() + H), NOW)).toBe(300);
    expect(() => resolveRange({ from: old.toISOString(), to: new Date(old.getTime() + H).toISOString(), period: 60 }, NOW)).toThrow(/at least 300 s/);
  });

  it("default to the last 24 hours, aligned to the period", () => {
    const r = resolveRange({}, NOW);
    expect(r.period).toBe(300);
    expect(r.to).toEqual(NOW);
    expect(r.from.toISOString()).toBe("2026-06-29T12:00:00.000Z");
    expect(bucketStarts(r)).toHaveLength(288);
  });

  it("refuse ranges outside 1 hour to 30 days, reversed ranges and bad periods with a reason", () => {
    expect(() => resolveRange({ from: ago(H / 2), to: NOW.toISOString() }, NOW)).toThrow(/at least 1 hour/);
    expect(() => resolveRange({ from: ago(31 * 24 * H), to: NOW.toISOString() }, NOW)).toThrow(/at most 30 days/);
    expect(() => resolveRange({ from: NOW.toISOString(), to: ago(2 * H) }, NOW)).toThrow(/must be before/);
    expect(() => resolveRange({ from: "yesterday" }, NOW)).toThrow(/ISO-8601/);
    expect(() => resolveRange({ from: ago(2 * H), to: NOW.toISOString(), period: 90 }, NOW)).toThrow(/multiple of 60/);
    expect(() => resolveRange({ from: ago(7 * 24 * H), to: NOW.toISOString(), period: 60 }, NOW)).toThrow(/more than 1440 points/);
  });

  it("fill missing buckets with zero for counts and leave gaps for other statistics", () => {
    const r = resolveRange({ from: ago(2 * H), to: NOW.toISOString(), period: 3600 }, NOW);
    const values = new Map([[r.from.getTime() + 3_600_000, 4]]);
    expect(fillPoints(r, values, true)).toEqual([
      ["2026-06-30T10:00:00.000Z", 0],
      ["2026-06-30T11:00:00.000Z", 4],
    ]);
    expect(fillPoints(r, values, false)).toEqual([["2026-06-30T11:00:00.000Z", 4]]);
  });
});
