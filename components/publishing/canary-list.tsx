"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { PolicyModeBadge } from "@/components/gateways/mode-badge";
import { Button } from "@/components/ui/button";
import { useCan } from "@/components/team/viewer-context";
import { toast } from "@/components/ui/toast";
import { promotePolicy } from "@/lib/api-client/publishing";
import { isPendingApproval } from "@/lib/api-client/team";
import type { ChangeRequest } from "@/lib/store/change-requests";
import { PendingApprovalNote } from "./change-requests";
import type { EngineControlsData } from "@/lib/publishing/review";
import { CanaryPromote } from "./canary-promote";
import { EvidenceList } from "./evidence-list";

/** LOG_ONLY policies (canaries) with their decision-flip evidence and a one-click promotion to ACTIVE. */
export function CanaryList({ gatewayId, canaries }: { gatewayId: string; canaries: EngineControlsData["canaries"] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [requested, setRequested] = useState<ChangeRequest | null>(null);
  const can = useCan("publisher", "promoting a canary");
  const [confirming, setConfirming] = useState<string | null>(null);
  const cancel = useCallback(() => setConfirming(null), []);

  async function promote(name: string) {
    setBusy(name);
    setError(null);
    try {
      const answer = await promotePolicy(gatewayId, name);
      setConfirming(null);
      if (isPendingApproval(answer)) setRequested(answer.changeRequest);
      else toast(`Promoted ${name} to ACTIVE (version ${answer.versionNumber}): it now takes part in every decision.`);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  if (canaries.length === 0) return null;
  return (
    <section aria-label="Canary policies" className="space-y-2">
      <h3 className="text-sm font-semibold">Canary policies</h3>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Evaluated beside the ACTIVE policies and reported, never deciding. Promote one when its evidence looks right.</p>
      {canaries.map(({ policy, evidence }) => (
        <article key={policy.name} aria-label={`Canary ${policy.name}`} className="space-y-2 rounded-md border border-violet-200 p-3 dark:border-violet-900">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm font-semibold">{policy.name}</span>
            <PolicyModeBadge mode={policy.enforcementMode} />
            <Button
              size="sm"
              variant="primary"
              className="ml-auto"
              disabled={busy !== null || !can.allowed}
              title={can.reason}
              onClick={() => {
                setError(null);
                setConfirming(policy.name);
              }}
            >
              Promote to ACTIVE
            </Button>
          </div>
          <p className="text-xs" data-testid="canary-evidence">
            Promoting would change <strong>{evidence.flipCount}</strong> decision{evidence.flipCount === 1 ? "" : "s"} over {evidence.sampled.cases} saved case{evidence.sampled.cases === 1 ? "" : "s"},{" "}
            {evidence.sampled.recorded} recorded call{evidence.sampled.recorded === 1 ? "" : "s"} and {evidence.sampled.spans} imported from spans; the gateway reported it in the decision-flip set of {evidence.recordedFlips} recorded call
            {evidence.recordedFlips === 1 ? "" : "s"}.
          </p>
          <EvidenceList items={evidence.flips} more={Math.max(0, evidence.flipCount - evidence.flips.length)} label={`Decisions ${policy.name} would flip`} />
        </article>
      ))}
      {requested ? <PendingApprovalNote changeRequest={requested} /> : null}
      {error && !confirming ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {confirming ? <CanaryPromote gatewayId={gatewayId} policy={confirming} busy={busy !== null} error={error} onCancel={cancel} onConfirm={() => void promote(confirming)} /> : null}
    </section>
  );
}
