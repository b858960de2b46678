"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { rangeOf, RANGE_PRESETS, type RangePreset } from "@/components/evidence/range-presets";
import { RangeSelect } from "@/components/evidence/range-select";
import { Button } from "@/components/ui/button";
import { LoadingState } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
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
import { MetricFigure, NoImportedCalls, NotReplayable } from "./live-evidence";
import { FormError } from "@/components/ui/form-error";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * One click toggles the engine's mode on the gateway (not a policy's enforcement mode), behind a
 * confirmation that shows which saved cases, recorded calls and imported span calls the published
 * policies deny, and how many real calls of a chosen range the metrics counted as denied.
 */
export function ModeSwitch({ gatewayId, gatewayName, mode }: { gatewayId: string; gatewayName: string; mode: EngineMode }) {
  const router = useRouter();
  const to: EngineMode = mode === "ENFORCE" ? "LOG_ONLY" : "ENFORCE";
  const [open, setOpen] = useState(false);
  const [preset, setPreset] = useState<RangePreset>("7d");
  const [attempt, setAttempt] = useState(0);
  const [evidence, setEvidence] = useState<{ data: ModeEvidence; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requested, setRequested] = useState<ChangeRequest | null>(null);
  const can = useCan("publisher", "switching the engine's mode");
  const needsApproval = useViewer().requireApproval && to === "ENFORCE";
  const key = `${preset}:${attempt}`;

  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    modeEvidence(gatewayId, to, rangeOf(preset), ctrl.signal).then(
      (data) => setEvidence({ data, key }),
      (e: unknown) => {
        if ((e as Error).name !== "AbortError") setError(`The evidence could not be computed: ${(e as Error).message}`);
      },
    );
    return () => ctrl.abort();
  }, [open, gatewayId, to, preset, key]);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const answer = await switchMode(gatewayId, to);
      if (isPendingApproval(answer)) setRequested(answer.changeRequest);
      else {
        setOpen(false);
        toast(to === "ENFORCE" ? `${gatewayName} now enforces its policies (ENFORCE): denied calls fail.` : `${gatewayName} is now in LOG_ONLY: nothing is enforced, decisions are only logged.`);
      }
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message} (${e.code})` : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const close = useCallback(() => setOpen(false), []);
  const shown = evidence?.key === key ? evidence.data : null;
  const denied = shown?.denied;
  const live = shown?.live;
  const reload = () => setAttempt((n) => n + 1);

  return (
    <>
      <Button
        size="sm"
        variant={to === "ENFORCE" ? "danger" : "secondary"}
        disabled={!can.allowed}
        title={can.reason}
        onClick={() => {
          setError(null);
          setEvidence(null);
          setRequested(null);
          setOpen(true);
        }}
      >
        {needsApproval ? `Request switch to ${to}` : `Switch gateway to ${to}`}
      </Button>
      {open ? (
        <ConfirmDialog
          title={`Switch ${gatewayName} from ${mode} to ${to}?`}
          onClose={close}
          footer={
            <>
              <Button onClick={close}>Cancel</Button>
              <Button variant={to === "ENFORCE" ? "danger" : "primary"} disabled={busy || requested !== null || (!shown && !error)} onClick={() => void confirm()}>
                {busy ? "Switching…" : needsApproval ? `Request approval to switch to ${to}` : `Switch to ${to}`}
              </Button>
            </>
          }
        >
          <p>
            This changes the <strong>engine&apos;s mode on the gateway</strong>, not any policy&apos;s own enforcement mode.{" "}
            {to === "ENFORCE" ? "Denied calls will fail for the agent." : "Nothing will be enforced: every call goes through and decisions are only logged."}
          </p>
          <RangeSelect label="Real traffic in" value={preset} onChange={setPreset} />
          {!shown && !error ? <LoadingState label="Replaying saved cases, recorded and imported calls…" /> : null}
          {shown && denied ? (
            <section aria-label="Evidence" className="space-y-2">
              <p data-testid="mode-evidence-summary">
                {to === "ENFORCE" ? "Would now be denied" : "Denied but no longer blocked"}: <strong>{denied.cases}</strong> of {plural(shown.cases, "saved case")},{" "}
                <strong>{denied.recorded}</strong> of {plural(shown.recorded, "recorded call")} and <strong data-testid="denied-spans">{denied.spans}</strong> of {plural(shown.spans, "call")} imported
                from spans ({RANGE_PRESETS[preset].label.toLowerCase()}).
              </p>
              {live ? (
                <MetricFigure metrics={live.metrics} onRetry={reload}>
                  {(c, source) => (
                    <>
                      Real traffic, {RANGE_PRESETS[preset].label.toLowerCase()} ({source}): <strong>{c.denied.toLocaleString()}</strong> of {plural(c.allowed + c.denied, "call")} were denied when they were
                      made{to === "ENFORCE" && mode === "LOG_ONLY" ? " and went through anyway; under ENFORCE they fail" : ""}.
                    </>
                  )}
                </MetricFigure>
              ) : null}
              {live?.spansAvailable && shown.spans === 0 && shown.notReplayable.count === 0 ? <NoImportedCalls gatewayId={gatewayId} range={rangeOf(preset)} onImported={reload} /> : null}
              <NotReplayable byReason={shown.notReplayable.byReason} />
              <EvidenceList showChange={false} items={denied.items} more={denied.more} label="Calls the published policies deny" />
              <p className={to === "ENFORCE" ? "rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100" : "text-zinc-600 dark:text-zinc-400"}>{shown.recommendation}</p>
            </section>
          ) : null}
          {needsApproval && !requested ? <p>Approvals are required: this opens a change request that another publisher approves before the gateway enforces anything.</p> : null}
          {requested ? <PendingApprovalNote changeRequest={requested} /> : null}
          <FormError message={error} />
        </ConfirmDialog>
      ) : null}
    </>
  );
}
