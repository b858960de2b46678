import { Card, CardHeader } from "@/components/ui/card";
import type { ReviewData } from "@/lib/publishing/review";
import { DiffView } from "./diff-view";
import { EvidenceList } from "./evidence-list";
import { OperationOrder, PolicyChanges, ValidationStatus } from "./plan-summary";

/** The review of a set of policies against what is published: a publish's, and a change request's. */
/** `beforeOrder`: more of the review (the publish screen's exact analysis), shown before the order of operations. */
export function ReviewSections({ data, proposed = "draft", beforeOrder }: { data: ReviewData; proposed?: string; beforeOrder?: React.ReactNode }) {
  const { plan, impact } = data;
  return (
    <>
      <Card aria-labelledby="diff-title">
        <CardHeader id="diff-title" title={`Published (left) vs ${proposed} (right)`}>
          <span className="text-xs text-muted">
            {plan.counts.added} added · {plan.counts.changed} changed · {plan.counts.removed} removed · {plan.counts.unchanged} unchanged
          </span>
        </CardHeader>
        <div className="p-4">
          <DiffView original={data.publishedText} modified={data.draftText} label={`Published vs ${proposed}`} />
        </div>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-labelledby="changes-title">
          <CardHeader id="changes-title" title="Policies" />
          <div className="space-y-3 p-4">
            <PolicyChanges plan={plan} />
            <ValidationStatus plan={plan} />
          </div>
        </Card>
        <Card aria-labelledby="impact-title">
          <CardHeader id="impact-title" title="Impact on saved cases, recorded and imported calls" />
          <div className="space-y-2 p-4 text-sm" data-testid="publish-impact">
            <p>
              {impact.allowToDeny + impact.denyToAllow === 0 ? "No decision changes" : `${impact.allowToDeny} allowed → denied and ${impact.denyToAllow} denied → allowed`}, over {impact.cases} saved case
              {impact.cases === 1 ? "" : "s"}, {impact.recorded} recorded call{impact.recorded === 1 ? "" : "s"} and {impact.spans} call{impact.spans === 1 ? "" : "s"} imported from spans.
            </p>
            {impact.notReplayable.count ? (
              <p className="text-xs text-amber-800 dark:text-amber-300">
                Not re-evaluated:{" "}
                {Object.entries(impact.notReplayable.byReason)
                  .map(([reason, n]) => `${n} imported call${n === 1 ? "" : "s"} with ${reason}`)
                  .join("; ")}
                .
              </p>
            ) : null}
            {impact.undetermined ? (
              <p className="text-amber-800 dark:text-amber-300" data-testid="publish-impact-undetermined">
                {impact.undetermined} call{impact.undetermined === 1 ? "" : "s"} not determined: a temporal or guardrail policy could decide {impact.undetermined === 1 ? "it" : "them"}, and that depends on the session and the guardrail scores, which only the service sees.
              </p>
            ) : null}
            <EvidenceList items={impact.flips} more={impact.more} label="Flipped decisions" />
          </div>
        </Card>
      </div>
      {beforeOrder}
      <Card aria-labelledby="order-title">
        <CardHeader id="order-title" title="Order of operations" />
        <div className="p-4">
          <OperationOrder plan={plan} />
        </div>
      </Card>
    </>
  );
}
