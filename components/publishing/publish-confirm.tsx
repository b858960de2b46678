"use client";

import { RELATION_TEXT } from "@/components/analysis/tool-relations";
import type { AnalysisState } from "@/components/analysis/use-draft-analysis";
import { Button } from "@/components/ui/button";
import { LoadingState } from "@/components/ui/states";
import { bareToolName } from "@/lib/agentcore/names";
import type { ImpactEvidence } from "@/lib/publishing/evidence";
import { ConfirmDialog } from "./confirm-dialog";
import { EvidenceList } from "./evidence-list";

/** Whether publishing to a gateway in ENFORCE must be confirmed: some decision changes, or the analysis has not shown that none does. */
export function decisionsMayChange(impact: ImpactEvidence, analysis: AnalysisState): boolean {
  if (impact.allowToDeny + impact.denyToAllow > 0) return true;
  return analysis.kind !== "done" || analysis.report.tools.some((t) => t.relation !== "equivalent");
}

/** The last step before a publish to a gateway in ENFORCE: what flips, over recorded traffic and over every call. */
export function PublishConfirm({ gatewayName, impact, analysis, busy, onCancel, onConfirm }: {
  gatewayName: string;
  impact: ImpactEvidence;
  analysis: AnalysisState;
  busy: boolean;
  onCancel(): void;
  onConfirm(): void;
}) {
  const changed = analysis.kind === "done" ? analysis.report.tools.filter((t) => t.relation !== "equivalent") : [];
  return (
    <ConfirmDialog
      title={`Publish to ${gatewayName}, which enforces its policies?`}
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>Cancel</Button>
          <Button variant="danger" disabled={busy} onClick={onConfirm}>
            {busy ? "Publishing…" : "Publish to ENFORCE"}
          </Button>
        </>
      }
    >
      <p>The engine is in ENFORCE: from the moment this is published, every call the draft denies fails for the agent.</p>
      <section aria-label="Recorded calls that flip" className="space-y-1">
        <p data-testid="confirm-impact">
          Over saved cases, recorded and imported calls: <strong>{impact.allowToDeny}</strong> allowed → denied, <strong>{impact.denyToAllow}</strong> denied → allowed.
        </p>
        <EvidenceList items={impact.flips} more={impact.more} label="Flipped decisions" />
      </section>
      <section aria-label="Tools whose decisions change" className="space-y-1">
        {analysis.kind === "loading" ? <LoadingState label="The exact analysis is still running…" /> : null}
        {analysis.kind === "error" ? <p className="text-amber-800 dark:text-amber-300">The exact analysis could not run ({analysis.error.message}): only the calls above are known.</p> : null}
        {analysis.kind === "done" ? (
          changed.length ? (
            <ul className="space-y-0.5 text-xs" aria-label="Changed tools">
              {changed.map((t) => (
                <li key={t.tool}>
                  <span className="font-mono">{bareToolName(t.tool)}</span>: <strong>{RELATION_TEXT[t.relation]}</strong>
                  {t.newlyAllowed.length ? ` · e.g. newly allowed ${JSON.stringify(t.newlyAllowed[0].arguments)} as ${t.newlyAllowed[0].principal.sub}` : ""}
                  {t.newlyDenied.length ? ` · e.g. newly denied ${JSON.stringify(t.newlyDenied[0].arguments)} as ${t.newlyDenied[0].principal.sub}` : ""}
                  {t.reason ? ` · ${t.reason}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs">For every caller and argument, every tool decides as the published set does.</p>
          )
        ) : null}
      </section>
    </ConfirmDialog>
  );
}
