"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { recoverInterrupted } from "@/lib/api-client/publishing";
import type { InterruptedPublish } from "@/lib/publishing/recovery";
import { ConfirmDialog } from "./confirm-dialog";

type Action = "resume" | "roll-back";

const steps = (list: Array<{ op: string; name: string }>) => list.map((s) => `${s.op} ${s.name}`).join(", ");

/**
 * A publish the console died in the middle of: what the engine confirmed, what it may have applied,
 * what was never sent; then Resume (publish the intended set) or Roll back (restore the set it replaced).
 */
export function InterruptedPublishBanner({ gatewayId, interrupted }: { gatewayId: string; interrupted: InterruptedPublish }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const total = interrupted.applied.length + interrupted.uncertain.length + interrupted.failed.length + interrupted.notApplied.length;

  async function run(action: Action) {
    setBusy(true);
    setError(null);
    try {
      const r = await recoverInterrupted(gatewayId, action);
      setOutcome(r.summary);
      setConfirming(null);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (outcome) {
    return (
      <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
        {outcome}
      </p>
    );
  }
  return (
    <section aria-labelledby="interrupted-title" role="alert" className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <h2 id="interrupted-title" className="font-semibold">
        An interrupted publish left the engine half-changed
      </h2>
      <p>
        {interrupted.actor}&apos;s {interrupted.action} started {new Date(interrupted.startedAt).toLocaleString()} {interrupted.message ? `(“${interrupted.message}”) ` : ""}stopped after{" "}
        {interrupted.applied.length} of {total} steps. Nothing else can be published until it is resumed or rolled back.
      </p>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-xs" data-testid="interrupted-steps">
        <dt>Applied</dt>
        <dd>{steps(interrupted.applied) || "none"}</dd>
        {interrupted.uncertain.length ? (
          <>
            <dt>Sent, not confirmed</dt>
            <dd>{steps(interrupted.uncertain)}</dd>
          </>
        ) : null}
        {interrupted.failed.length ? (
          <>
            <dt>Failed</dt>
            <dd>{steps(interrupted.failed)}</dd>
          </>
        ) : null}
        <dt>Not applied</dt>
        <dd>{steps(interrupted.notApplied) || "none"}</dd>
      </dl>
      <div className="flex gap-2">
        <Button variant="primary" onClick={() => setConfirming("resume")}>
          Resume
        </Button>
        <Button onClick={() => setConfirming("roll-back")}>Roll back</Button>
      </div>
      {error ? <p className="text-red-700 dark:text-red-300">{error}</p> : null}
      {confirming ? (
        <ConfirmDialog
          title={confirming === "resume" ? "Resume the interrupted publish" : "Roll back the interrupted publish"}
          onClose={() => setConfirming(null)}
          footer={
            <>
              <Button onClick={() => setConfirming(null)}>Cancel</Button>
              <Button variant="primary" disabled={busy} onClick={() => void run(confirming)}>
                {busy ? "Working…" : confirming === "resume" ? "Resume" : "Roll back"}
              </Button>
            </>
          }
        >
          <p>
            {confirming === "resume"
              ? "Publishes the set the interrupted publish meant to, planned from what the engine holds now (only the missing steps are sent)."
              : `Restores the set that was published before it${interrupted.previousVersionNumber ? ` (version ${interrupted.previousVersionNumber})` : ""}, planned from what the engine holds now.`}{" "}
            The steps run in the usual safe order and are audited.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
