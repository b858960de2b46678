"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { Decision } from "@/lib/cedar/cedar-api";
import type { DecisionEntry } from "@/lib/store/decisions";

export interface SuiteChoice {
  suite: string;
  expected: Decision;
}

const input = "block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/**
 * "Add to test suite" for one recorded call: asks which suite (an existing one or a new name) and
 * what the case should expect (the recorded decision unless changed) before saving it.
 */
export function AddToSuiteDialog({ entry, disabled, loadSuites, onAdd, children }: { entry: DecisionEntry; disabled: boolean; loadSuites(): Promise<string[]>; onAdd(choice: SuiteChoice): Promise<void>; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const [suites, setSuites] = useState<string[]>([]);
  const [suite, setSuite] = useState("default");
  const [expected, setExpected] = useState<Decision>(entry.decision);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listId = `decision-${entry.id}-suites`;

  function openChange(o: boolean) {
    setOpen(o);
    setError(null);
    if (o) loadSuites().then(setSuites, () => setSuites([]));
  }

  async function add(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onAdd({ suite: suite.trim(), expected });
      setOpen(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={openChange}>
      <DialogTrigger asChild>
        <Button size="sm" disabled={disabled} aria-label={`Add call ${entry.id} to test suite`}>
          {children}
        </Button>
      </DialogTrigger>
      <DialogContent size="sm">
        <form onSubmit={add} aria-label={`Add call ${entry.id} to a test suite`}>
          <DialogHeader>
            <DialogTitle>Add call {entry.id} to a test suite</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-3">
            <DialogDescription>
              <span className="font-mono">{entry.tool}</span> as {entry.persona ?? entry.principal.sub}, recorded {entry.decision}. The case is named by its tool, arguments and caller.
            </DialogDescription>
            <label className="block text-xs text-zinc-600 dark:text-zinc-400">
              Suite (an existing one, or a new name)
              <input className={input} list={listId} value={suite} onChange={(e) => setSuite(e.target.value)} required maxLength={100} />
              <datalist id={listId}>
                {suites.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </label>
            <label className="block text-xs text-zinc-600 dark:text-zinc-400">
              Expected decision
              <select className={input} value={expected} onChange={(e) => setExpected(e.target.value as Decision)}>
                <option value="ALLOW">ALLOW{entry.decision === "ALLOW" ? " (recorded)" : ""}</option>
                <option value="DENY">DENY{entry.decision === "DENY" ? " (recorded)" : ""}</option>
              </select>
            </label>
            {error ? (
              <p role="alert" className="text-red-700 dark:text-red-300">
                {error}
              </p>
            ) : null}
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? "Adding…" : "Add to suite"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
