"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { bareToolName } from "@/lib/agentcore/names";
import type { Relation, ToolComparison } from "@/lib/analysis/types";
import { ExampleCallRow, type ReplayTarget } from "./example-call";

export const RELATION_TEXT: Record<Relation, string> = {
  equivalent: "equivalent",
  "more-permissive": "more permissive",
  "more-restrictive": "more restrictive",
  incomparable: "incomparable",
  unknown: "unknown",
};

const TONE: Record<Relation, BadgeTone> = { equivalent: "green", "more-permissive": "amber", "more-restrictive": "blue", incomparable: "violet", unknown: "neutral" };

const MEANING: Record<Relation, string> = {
  equivalent: "decides every call exactly as the published set",
  "more-permissive": "allows calls the published set denies, and denies none it allows",
  "more-restrictive": "denies calls the published set allows, and allows none it denies",
  incomparable: "allows some calls the published set denies and denies some it allows",
  unknown: "could not be decided",
};

/** Per tool: how the draft relates to the published set over every caller and argument, with example calls. */
export function ToolRelations({ gatewayId, tools, replay, onSaved }: { gatewayId: string; tools: ToolComparison[]; replay: ReplayTarget; onSaved?: () => void }) {
  const changed = tools.filter((t) => t.relation !== "equivalent");
  return (
    <div className="space-y-2">
      <p className="text-xs" data-testid="analysis-summary">
        {changed.length === 0 ? `The draft decides every call of all ${tools.length} tools exactly as the published set.` : `${changed.length} of ${tools.length} tools change; the others are equivalent.`}
      </p>
      <ul className="space-y-2" aria-label="Tools">
        {tools.map((t) => (
          <li key={t.tool}>
            <article aria-label={t.tool} className="space-y-1">
              <p className="flex flex-wrap items-center gap-1.5 text-xs">
                <span className="font-mono font-medium" title={t.tool}>
                  {bareToolName(t.tool)}
                </span>
                <Badge tone={TONE[t.relation]} data-testid="tool-relation">
                  {RELATION_TEXT[t.relation]}
                </Badge>
                <span className="text-muted">
                  {t.method === "identical" ? "its policies are the same in both sets" : t.relation === "unknown" ? "" : `the draft ${MEANING[t.relation]} · established by the solver`}
                </span>
              </p>
              {t.relation === "unknown" ? <p className="text-xs text-amber-800 dark:text-amber-300">Not established: {t.reason ?? "the solver could not decide it."}</p> : null}
              {t.abstracted?.length ? <p className="text-xs text-muted">Outside the encoded subset, kept abstract (the answer stays sound): {t.abstracted.join(", ")}</p> : null}
              <Examples title="Newly allowed" gatewayId={gatewayId} tool={t.tool} examples={t.newlyAllowed} replay={replay} onSaved={onSaved} />
              <Examples title="Newly denied" gatewayId={gatewayId} tool={t.tool} examples={t.newlyDenied} replay={replay} onSaved={onSaved} />
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Examples({ title, gatewayId, tool, examples, replay, onSaved }: { title: string; gatewayId: string; tool: string; examples: ToolComparison["newlyAllowed"]; replay: ReplayTarget; onSaved?: () => void }) {
  if (examples.length === 0) return null;
  return (
    <section aria-label={`${title}: ${tool}`} className="space-y-1 pl-2">
      <h4 className="text-xs font-semibold">
        {title} ({examples.length === 1 ? "an example" : `${examples.length} examples, each for a different reason`})
      </h4>
      <ul className="space-y-1">
        {examples.map((ex, i) => (
          <ExampleCallRow key={i} gatewayId={gatewayId} tool={tool} example={ex} replay={replay} onSaved={onSaved} />
        ))}
      </ul>
    </section>
  );
}
