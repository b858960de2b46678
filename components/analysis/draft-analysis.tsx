"use client";

import { ErrorState, LoadingState } from "@/components/ui/states";
import type { AnalysisReport } from "@/lib/analysis/types";
import { AnalysisFindings } from "./analysis-findings";
import type { ReplayTarget } from "./example-call";
import { PersonaReach } from "./persona-reach";
import { ToolRelations } from "./tool-relations";
import type { AnalysisState } from "./use-draft-analysis";

/**
 * The exact analysis beside the recorded-traffic impact: per tool the relation to the published set
 * with example calls, the findings per policy and what each persona can call. `text` is what the
 * caller shows now; a report for an older text stays visible, marked as being updated.
 */
export function DraftAnalysis({ gatewayId, state, text, retry, replay, onSaved, onRevealPolicy }: {
  gatewayId: string;
  state: AnalysisState;
  text: string;
  retry(): void;
  replay: ReplayTarget;
  onSaved?: () => void;
  onRevealPolicy?: (policyId: string) => void;
}) {
  const report: AnalysisReport | null = state.kind === "done" ? state.report : state.kind === "loading" ? state.previous : null;
  const updating = state.kind === "loading" || state.text !== text;
  return (
    <section aria-label="Every caller, every argument" className="space-y-3" aria-busy={updating}>
      <p className="text-xs text-muted">
        Decided for every caller (any sub and claims) and every argument the tools&apos; input schemas allow, by an SMT solver; every example was replayed through Cedar before it is shown.
      </p>
      {updating && !report ? <LoadingState label="Analysing every caller and argument…" /> : null}
      {updating && report ? (
        <p role="status" className="text-xs text-muted">
          Updating the analysis for the current draft…
        </p>
      ) : null}
      {state.kind === "error" ? <ErrorState error={state.error} onRetry={retry} /> : null}
      {report ? (
        <div className={updating ? "space-y-3 opacity-60" : "space-y-3"}>
          {report.soundness.length ? (
            <p role="alert" className="rounded-md bg-red-50 p-2 text-xs text-red-900 dark:bg-red-950 dark:text-red-100">
              The analysis contradicted Cedar on {report.soundness.length} example{report.soundness.length === 1 ? "" : "s"} (a bug in the analysis): they are not shown, and those tools read &quot;unknown&quot;.
            </p>
          ) : null}
          <ToolRelations gatewayId={gatewayId} tools={report.tools} replay={replay} onSaved={onSaved} />
          <section aria-label="Findings per policy" className="space-y-1">
            <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">Findings per policy</h3>
            <AnalysisFindings findings={report.findings} onRevealPolicy={onRevealPolicy} />
          </section>
          <section aria-label="What each persona can call" className="space-y-1">
            <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">What each persona can call (draft)</h3>
            <PersonaReach personas={report.personas} />
          </section>
          <p className="text-xs text-muted">Analysed in {report.elapsedMs.toLocaleString()} ms.</p>
        </div>
      ) : null}
    </section>
  );
}
