"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { cn } from "@/lib/cn";

/**
 * Short confirmations of what just happened ("Published version 4 to RefundGateway"). One live region
 * (role="status", polite) holds them, so screen readers announce each without moving focus; each stays
 * 8 seconds, longer while the pointer or focus is on it, and has its own dismiss button.
 */

export type ToastTone = "success" | "info" | "error";

interface ToastEntry {
  id: number;
  message: string;
  tone: ToastTone;
}

const SHOWN_MS = 8_000;
const MAX = 3;

let entries: ToastEntry[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const NONE: ToastEntry[] = [];

/** Shows a message in the page's toast region (mount `<Toaster />` once). */
export function toast(message: string, tone: ToastTone = "success"): number {
  const id = nextId++;
  entries = [...entries, { id, message, tone }].slice(-MAX);
  emit();
  return id;
}

export function dismissToast(id: number) {
  entries = entries.filter((t) => t.id !== id);
  emit();
}

export function Toaster() {
  const list = useSyncExternalStore(subscribe, () => entries, () => NONE);
  return (
    <div role="status" aria-live="polite" aria-label="Notifications" className="pointer-events-none fixed right-4 bottom-4 z-[60] flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2">
      {list.map((t) => (
        <ToastItem key={t.id} entry={t} />
      ))}
    </div>
  );
}

const TONES: Record<ToastTone, string> = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50",
  info: "border-zinc-300 bg-white text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
  error: "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50",
};

function ToastItem({ entry }: { entry: ToastEntry }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => dismissToast(entry.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [entry.id, held]);
  return (
    <div
      className={cn("pointer-events-auto flex items-start gap-2 rounded-md border p-3 text-sm shadow-lg", TONES[entry.tone])}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <p className="min-w-0 flex-1 break-words">{entry.message}</p>
      <button type="button" aria-label="Dismiss notification" className="rounded px-1 leading-none opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => dismissToast(entry.id)}>
        ×
      </button>
    </div>
  );
}
