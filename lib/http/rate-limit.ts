import "server-only";
import { AppError } from "@/lib/errors";

/** A fixed-window limit per client and route, in memory (the console is one process on one host). */
export function rateLimiter(limit: number, windowMs: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (req: Request) => {
    const client = req.headers.get("x-forwarded-for")?.split(",")[0].trim() || req.headers.get("x-real-ip") || "local";
    const now = Date.now();
    const w = windows.get(client);
    if (!w || now - w.start > windowMs) {
      windows.set(client, { start: now, count: 1 });
      if (windows.size > 10_000) windows.clear();
      return;
    }
    if (++w.count > limit) {
      const wait = Math.ceil((w.start + windowMs - now) / 1000);
      throw new AppError("rate-limited", `Too many drafting requests: at most ${limit} per ${windowMs / 60_000} minute(s). Try again in ${wait} s.`);
    }
  };
}
