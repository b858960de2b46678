"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useId, useState } from "react";
import { DraftAnalysis } from "@/components/analysis/draft-analysis";
import { useDraftAnalysis } from "@/components/analysis/use-draft-analysis";
import { replayHref } from "@/components/simulation/replay-link";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { toast } from "@/components/ui/toast";
import { publish, rebase } from "@/lib/api-client/publishing";
import { ApiError } from "@/lib/api-client/request";
import { isPendingApproval } from "@/lib/api-client/team";
import type { ChangeRequest } from "@/lib/store/change-requests";
import { useCan, useViewer } from "@/components/team/viewer-context";
import type { PublishResult } from "@/lib/publishing/publish";
import type { ReviewData } from "@/lib/publishing/review";
import { PendingApprovalNote } from "./change-requests";
import { ConflictView } from "./conflict-view";
import { decisionsMayChange, PublishConfirm } from "./publish-confirm";
import { PublishResultView } from "./publish-result";
import { ReviewSections } from "./review-sections";

type Conflict = { theirs: string; base: string | null };

/** The review screen: diff, per-policy changes, validation, impact, order; then publish and its result. */
export function PublishReview({ gatewayId, data, rollbackOf }: { gatewayId: string; data: ReviewData; rollbackOf?: number }) {
  const router = useRouter();
  const [message, setMessage] = useState(rollbackOf ? `Roll back to version ${rollbackOf}` : "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PublishResult | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(data.stale ? { theirs: data.publishedText, base: data.baseText } : null);
  const [requested, setRequested] = useState<ChangeRequest | null>(null);
  const can = useCan("publisher", "publishing");
  const needsApproval = useViewer().requireApproval && data.engineMode === "ENFORCE";
  const [confirming, setConfirming] = useState(false);
  const { plan, impact } = data;
  const analysis = useDraftAnalysis(gatewayId, data.draftText);
  const enforcing = data.engineMode === "ENFORCE";
  const hintId = useId();
  const cancelConfirm = useCallback(() => setConfirming(false), []);

  async function send(body: { text: string; message: string; baseVersion: string; rollbackOf?: number }) {
    setBusy(true);
    setError(null);
    try {
      const r = await publish(gatewayId, body);
      setConfirming(false);
      if (isPendingApproval(r)) {
        setRequested(r.changeRequest);
        toast(`${data.gatewayName}: change request #${r.changeRequest.id} opened; another publisher approves it.`, "info");
      } else {
        setResult(r);
        toast(`${data.gatewayName}: ${r.summary}`, r.status === "partial" ? "error" : r.status === "unchanged" ? "info" : "success");
      }
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === "stale-base-version") {
        const d = e.details as { current?: { text: string }; base?: { text: string } | null } | undefined;
        setConflict({ theirs: d?.current?.text ?? "", base: d?.base?.text ?? null });
      } else if (e instanceof ApiError && e.details && typeof e.details === "object" && "applied" in e.details) {
        setResult(e.details as PublishResult);
      } else {
        setError(e instanceof ApiError ? `${e.message} (${e.code})` : (e as Error).message);
      }
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  const publishDraft = () => send({ text: data.draftText, message, baseVersion: data.baseVersion, rollbackOf });
  // On a gateway that enforces, a change of decisions is published only after a last look at what
  // flips; a change request applies nothing, and its approver reviews the same flips before approving.
  const requestPublish = () => (enforcing && !needsApproval && decisionsMayChange(impact, analysis.state) ? setConfirming(true) : void publishDraft());

  async function resolve(choice: "keep-mine" | "take-theirs") {
    setBusy(true);
    setError(null);
    try {
      await rebase(gatewayId, choice === "keep-mine" ? { choice, text: data.draftText } : { choice });
      setConflict(null);
      setResult(null);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (conflict) {
    return (
      <Card aria-labelledby="review-title">
        <CardHeader id="review-title" title="Review & publish: conflict" />
        <div className="p-4">
          <ConflictView gatewayId={gatewayId} theirs={conflict.theirs} mine={data.draftText} base={conflict.base} busy={busy} onKeepMine={() => void resolve("keep-mine")} onTakeTheirs={() => void resolve("take-theirs")} />
          {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
        </div>
      </Card>
    );
  }

  if (requested) return <PendingApprovalNote changeRequest={requested} />;

  if (result) {
    return (
      <Card aria-labelledby="review-title">
        <CardHeader id="review-title" title="Publish result" />
        <div className="space-y-3 p-4">
          <PublishResultView
            result={result}
            gatewayId={gatewayId}
            busy={busy}
            onRetry={() => void send({ text: data.draftText, message, baseVersion: result.version, rollbackOf })}
            onRollback={() =>
              void send({ text: result.previous.text, message: `Roll back failed publish to version ${result.previous.versionNumber}`, baseVersion: result.version, rollbackOf: result.previous.versionNumber ?? undefined })
            }
          />
          {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
        </div>
      </Card>
    );
  }

  const nothing = plan.operations.length === 0;
  return (
    <div className="space-y-4">
      {rollbackOf ? (
        <p className="rounded-md bg-sky-50 p-3 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100">
          Rolling back: the draft now holds version {rollbackOf}. Review what changes and publish it.
        </p>
      ) : null}
      <ReviewSections
        data={data}
        beforeOrder={
          <Card aria-labelledby="analysis-title">
            <CardHeader id="analysis-title" title="Every caller, every argument (exact analysis)" />
            <div className="p-4 text-sm">
              <DraftAnalysis gatewayId={gatewayId} state={analysis.state} text={data.draftText} retry={analysis.retry} replay={{ href: (call) => replayHref(gatewayId, call) }} />
            </div>
          </Card>
        }
      />
      <Card aria-labelledby="publish-title">
        <CardHeader id="publish-title" title="Publish" />
        <form
          className="flex flex-wrap items-end gap-2 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            requestPublish();
          }}
        >
          <label className="min-w-64 flex-1 text-sm">
            <span className="text-zinc-600 dark:text-zinc-400">Message</span>
            <input
              className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
              value={message}
              maxLength={500}
              required={enforcing}
              aria-describedby={enforcing ? hintId : undefined}
              placeholder="What changes and why"
              onChange={(e) => setMessage(e.target.value)}
              // Publishing is a click, never a stray Enter while writing the message.
              onKeyDown={(e) => {
                if (e.key === "Enter") e.preventDefault();
              }}
            />
          </label>
          <Button type="submit" variant="primary" disabled={busy || !plan.ok || nothing || !can.allowed || (enforcing && !message.trim())} title={can.reason}>
            {busy ? (needsApproval ? "Requesting…" : "Publishing…") : needsApproval ? "Request approval" : "Publish"}
          </Button>
          <Link href={`/gateways/${encodeURIComponent(gatewayId)}/policies`} className="px-2 py-1.5 text-sm text-indigo-700 hover:underline dark:text-indigo-300">
            Back to the workspace
          </Link>
          {!plan.ok ? <p className="w-full text-sm text-red-700 dark:text-red-300">Publishing is blocked until the errors above are fixed.</p> : null}
          {can.reason ? <p className="w-full text-sm text-zinc-600 dark:text-zinc-400">{can.reason}</p> : null}
          {needsApproval && can.allowed ? (
            <p className="w-full text-sm text-zinc-600 dark:text-zinc-400">{data.gatewayName} enforces its policies, so this publish becomes a change request that another publisher approves.</p>
          ) : null}
          {nothing && plan.ok ? <p className="w-full text-sm text-muted">Nothing to publish: the draft matches the published policies.</p> : null}
          {enforcing ? (
            <p id={hintId} className="w-full text-xs text-zinc-600 dark:text-zinc-400">
              {data.gatewayName} enforces its policies: a message saying what changes and why is required, and {needsApproval ? "another publisher reviews the change before anything is published" : "a change of decisions is confirmed once more before it is published"}.
            </p>
          ) : null}
          {error ? (
            <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
              {error}
            </p>
          ) : null}
        </form>
      </Card>
      {confirming ? <PublishConfirm gatewayName={data.gatewayName} impact={impact} analysis={analysis.state} busy={busy} onCancel={cancelConfirm} onConfirm={() => void publishDraft()} /> : null}
    </div>
  );
}
