"use client";

import { useState } from "react";

/**
 * The state of a dialog whose button runs one request: open, busy while it runs (so a second click
 * cannot send it twice), and the server's message when it fails, with the dialog left open to retry.
 * On success the dialog closes and `then` gets the answer (to refresh or to navigate).
 */
export function useDialogAction() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run<T>(action: () => Promise<T>, then: (answer: T) => void): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const answer = await action();
      setOpen(false);
      then(answer);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return { open, setOpen, busy, error, run };
}
