import "server-only";
import { AppError } from "@/lib/errors";
import { consoleHosts } from "./console-hosts";

/**
 * A fixed-window limit per client and route, in memory (per console process). The client is the
 * address a trusted reverse proxy reports (TRUST_PROXY); without one, every caller reaches the console
 * on its own loopback address, so they share one window — a rotated `X-Forwarded-For` buys nothing.
 */
export function rateLimiter(limit: number, windowMs: number, trustProxy: () => boolean = () => consoleHosts().trustProxy) {
  const windows = new Map<string, { start: number; count: number }>();
  return (req: Request) => {
    const client = (trustProxy() && req.headers.get("x-forwarded-for")?.split(",")[0].trim()) || "direct";
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
