"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { LoadingState } from "@/components/ui/states";
import type { EngineMode } from "@/lib/agentcore/types";
import { modeEvidence, switchMode } from "@/lib/api-client/publishing";
import { ApiError } from "@/lib/api-client/request";
import { isPendingApproval } from "@/lib/api-client/team";
import type { ChangeRequest } from "@/lib/store/change-requests";
import { useCan, useViewer } from "@/components/team/viewer-context";
import { PendingApprovalNote } from "./change-requests";
import type { ModeEvidence } from "@/lib/publishing/evidence";
import { ConfirmDialog } from "./confirm-dialog";
import { EvidenceList } from "./evidence-list";

/**
 * One click toggles the engine's mode on the gateway (not a policy's enforcement mode), behind a
 * confirmation that shows which saved cases and recorded calls the published policies deny.
 */
export function ModeSwitch({ gatewayId, gatewayName, mode }: { gatewayId: string; gatewayName: string; mode: EngineMode }) {
  const router = useRouter();
  const to: EngineMode = mode === "ENFORCE" ? "LOG_ONLY" : "ENFORCE";
  const [open, setOpen] = useState(false);
  const [evidence, setEvidence] = useState<ModeEvidence | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requested, setRequested] = useState<ChangeRequest | null>(null);
  const can = useCan("publisher", "switching the engine's mode");
  const needsApproval = useViewer().requireApproval && to === "ENFORCE";

  async function start() {
    setOpen(true);
    setEvidence(null);
    setError(null);
    try {
      setEvidence(await modeEvidence(gatewayId, to));
    } catch (e) {
      setError(`The evidence could not be computed: ${(e as Error).message}`);
    }
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const answer = await switchMode(gatewayId, to);
      if (isPendingApproval(answer)) setRequested(answer.changeRequest);
      else setOpen(false);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message} (${e.code})` : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const close = useCallback(() => setOpen(false), []);
  const denied = evidence?.denied;

  return (
    <>
      <Button size="sm" variant={to === "ENFORCE" ? "danger" : "secondary"} disabled={!can.allowed} title={can.reason} onClick={() => void start()}>
        {needsApproval ? `Request switch to ${to}` : `Switch gateway to ${to}`}
      </Button>
      {open ? (
        <ConfirmDialog
          title={`Switch ${gatewayName} from ${mode} to ${to}?`}
          onClose={close}
          footer={
            <>
              <Button onClick={close}>Cancel</Button>
              <Button variant={to === "ENFORCE" ? "danger" : "primary"} disabled={busy || requested !== null || (!evidence && !error)} onClick={() => void confirm()}>
                {busy ? "Switching…" : needsApproval ? `Request approval to switch to ${to}` : `Switch to ${to}`}
              </Button>
            </>
          }
        >
          <p>
            This changes the <strong>engine&apos;s mode on the gateway</strong>, not any policy&apos;s own enforcement mode.{" "}
            {to === "ENFORCE" ? "Denied calls will fail for the agent." : "Nothing will be enforced: every call goes through and decisions are only logged."}
          </p>
          {!evidence && !error ? <LoadingState label="Replaying saved cases and recorded calls…" /> : null}
          {evidence && denied ? (
            <section aria-label="Evidence" className="space-y-2">
              <p data-testid="mode-evidence-summary">
                {to === "ENFORCE" ? "Would now be denied" : "Denied but no longer blocked"}: <strong>{denied.cases}</strong> of {evidence.cases} saved case{evidence.cases === 1 ? "" : "s"} and{" "}
                <strong>{denied.recorded}</strong> of {evidence.recorded} recorded call{evidence.recorded === 1 ? "" : "s"}.
              </p>
              <EvidenceList showChange={false} items={denied.items} more={denied.more} label="Calls the published policies deny" />
              <p className={to === "ENFORCE" ? "rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100" : "text-zinc-600 dark:text-zinc-400"}>{evidence.recommendation}</p>
            </section>
          ) : null}
          {needsApproval && !requested ? <p>Approvals are required: this opens a change request that another publisher approves before the gateway enforces anything.</p> : null}
          {requested ? <PendingApprovalNote changeRequest={requested} /> : null}
          {error ? (
            <p role="alert" className="text-red-700 dark:text-red-300">
              {error}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
