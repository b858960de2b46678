"use client";

import { useSyncExternalStore } from "react";

const subscribe = (cb: () => void) => {
  const t = setInterval(cb, 30_000);
  return () => clearInterval(t);
};

/** Relative time that renders the absolute ISO time on the server, so hydration never mismatches. */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useSyncExternalStore(subscribe, () => Math.floor(Date.now() / 30_000), () => 0);
  const label = now === 0 ? iso.slice(0, 16).replace("T", " ") : relative(Date.parse(iso), now * 30_000);
  return (
    <time dateTime={iso} title={iso}>
      {label}
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
