"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TimeAgo } from "@/components/gateways/time-ago";
import { useCan, useViewer } from "@/components/team/viewer-context";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ApiError } from "@/lib/api-client/request";
import { approveChangeRequest, rejectChangeRequest, withdrawChangeRequest } from "@/lib/api-client/team";
import type { ChangeRequestDetail } from "@/lib/publishing/change-requests";
import { ChangeRequestStatusBadge, changeRequestTitle } from "./change-requests";
import { EvidenceList } from "./evidence-list";
import { ReviewSections } from "./review-sections";
import { FormError } from "@/components/ui/form-error";

/** One change request: the same review a publish gets, then Approve or Reject with a reason. */
export function ChangeRequestView({ detail }: { detail: ChangeRequestDetail }) {
  const { changeRequest: cr, review, mode } = detail;
  const router = useRouter();
  const viewer = useViewer();
  const can = useCan("publisher", "approving or rejecting a change request");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState<"approve" | "reject" | "withdraw" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = viewer.name !== null && viewer.name === cr.requestedBy;
  const stale = review?.stale || mode?.stale;

  async function act(kind: "approve" | "reject" | "withdraw") {
    setBusy(kind);
    setError(null);
    try {
      if (kind === "approve") await approveChangeRequest(cr.id, reason);
      else if (kind === "reject") await rejectChangeRequest(cr.id, reason);
      else await withdrawChangeRequest(cr.id);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message} (${e.code})` : (e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const gatewayBase = `/gateways/${encodeURIComponent(cr.gatewayId)}`;
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold">
            #{cr.id} {changeRequestTitle(cr)}
          </h1>
          <ChangeRequestStatusBadge status={cr.status} />
        </div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Requested by <strong>{cr.requestedBy}</strong> · <TimeAgo iso={cr.createdAt} /> ·{" "}
          <Link href={gatewayBase} className="text-indigo-700 hover:underline dark:text-indigo-300">
            {cr.gatewayName}
          </Link>
          {cr.decidedBy ? (
            <>
              {" "}
              · {cr.status} by <strong>{cr.decidedBy}</strong>
              {cr.decidedAt ? (
                <>
                  {" "}
                  <TimeAgo iso={cr.decidedAt} />
                </>
              ) : null}
            </>
          ) : null}
        </p>
        {cr.reason ? <p className="text-sm">Reason: {cr.reason}</p> : null}
        {resultSummary(cr.result) ? <p className="text-sm" data-testid="change-request-result">{resultSummary(cr.result)}</p> : null}
      </div>

      {stale ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          The published policies changed since this was requested, so approving it would be refused as a conflict. Reject it with a reason and ask {cr.requestedBy} to request again on top of what is published now.
        </p>
      ) : null}

      {review ? <ReviewSections data={review} proposed="requested" /> : null}
      {mode ? (
        <Card aria-labelledby="mode-evidence-title">
          <CardHeader id="mode-evidence-title" title={`Evidence for ${cr.toMode}`} />
          <div className="space-y-2 p-4 text-sm" data-testid="mode-evidence-summary">
            <p>
              Would now be denied: <strong>{mode.evidence.denied.cases}</strong> of {mode.evidence.cases} saved cases and <strong>{mode.evidence.denied.recorded}</strong> of {mode.evidence.recorded} recorded calls.
            </p>
            <EvidenceList showChange={false} items={mode.evidence.denied.items} more={mode.evidence.denied.more} label="Calls the published policies deny" />
            <p className="rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100">{mode.evidence.recommendation}</p>
          </div>
        </Card>
      ) : null}
      {!review && !mode && cr.kind === "publish" ? (
        <Card aria-labelledby="requested-text-title">
          <CardHeader id="requested-text-title" title="Requested policies" />
          <pre className="max-h-96 overflow-auto p-4 text-xs">{cr.text || "(no policies)"}</pre>
        </Card>
      ) : null}

      {cr.status === "open" ? (
        <Card aria-labelledby="decide-title">
          <CardHeader id="decide-title" title="Decide" />
          <div className="space-y-2 p-4 text-sm">
            {mine ? (
              <p>You requested this, so another publisher must approve or reject it. You can withdraw it.</p>
            ) : can.reason ? (
              <p>{can.reason}</p>
            ) : null}
            {!mine ? (
              <label className="block">
                <span className="text-zinc-600 dark:text-zinc-400">Reason (required to reject)</span>
                <textarea
                  className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
                  rows={2}
                  maxLength={1000}
                  value={reason}
                  disabled={!can.allowed}
                  onChange={(e) => setReason(e.target.value)}
                />
              </label>
            ) : null}
            <div className="flex flex-wrap gap-2">
              {mine ? (
                <Button disabled={busy !== null} onClick={() => void act("withdraw")}>
                  {busy === "withdraw" ? "Withdrawing…" : "Withdraw"}
                </Button>
              ) : (
                <>
                  <Button variant="primary" disabled={busy !== null || !can.allowed} title={can.reason} onClick={() => void act("approve")}>
                    {busy === "approve" ? "Approving…" : cr.kind === "mode" ? `Approve and switch to ${cr.toMode}` : "Approve and publish"}
                  </Button>
                  <Button variant="danger" disabled={busy !== null || !can.allowed || !reason.trim()} title={can.reason ?? (reason.trim() ? undefined : "Say why it is rejected")} onClick={() => void act("reject")}>
                    {busy === "reject" ? "Rejecting…" : "Reject"}
                  </Button>
                </>
              )}
            </div>
            <FormError message={error} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}

function resultSummary(result: unknown): string | null {
  const summary = (result as { summary?: unknown } | null)?.summary;
  return typeof summary === "string" ? summary : null;
}
