"use client";

import { useSyncExternalStore } from "react";

const subscribe = (cb: () => void) => {
  const t = setInterval(cb, 30_000);
  return () => clearInterval(t);
};

/**
 * Relative time that renders the absolute ISO time on the server, so hydration never mismatches;
 * `absolute` keeps the exact time (UTC, the same on server and browser) beside the relative one.
 */
export function TimeAgo({ iso, absolute = false }: { iso: string; absolute?: boolean }) {
  const now = useSyncExternalStore(subscribe, () => Math.floor(Date.now() / 30_000), () => 0);
  const exact = `${iso.slice(0, 16).replace("T", " ")}${iso.endsWith("Z") ? " UTC" : ""}`;
  const label = now === 0 ? exact : relative(Date.parse(iso), now * 30_000);
  return (
    <time dateTime={iso} title={iso}>
      {label}
      {absolute && now !== 0 ? <span className="text-muted"> · {exact}</span> : null}
    </time>
  );
}

function relative(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}
