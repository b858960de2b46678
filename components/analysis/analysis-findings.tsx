"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AnalysisFinding } from "@/lib/analysis/types";

const METHOD_TEXT: Record<AnalysisFinding["method"], string> = {
  solver: "established by the solver, for every caller and argument",
  "scope-analysis": "by scope analysis (not the solver)",
  "partial-evaluation": "by partial evaluation (not the solver)",
  sampling: "by sampling calls (not the solver)",
  service: "by AgentCore's own analysis",
};

const tone = (type: AnalysisFinding["type"]): BadgeTone => (type === "ALLOW_ALL" || type === "SHADOWED" ? "red" : type === "NOT_TRANSLATABLE" ? "neutral" : "amber");

/** Exact findings per draft policy, each saying how it was established (or why the solver could not). */
export function AnalysisFindings({ findings, onRevealPolicy }: { findings: AnalysisFinding[]; onRevealPolicy?: (policyId: string) => void }) {
  if (findings.length === 0) return <p className="text-xs text-emerald-700 dark:text-emerald-400">No findings: no draft policy allows or denies everything or nothing, is shadowed or is redundant.</p>;
  return (
    <ul className="space-y-1.5" aria-label="Findings">
      {findings.map((f, i) => (
        <li key={i} aria-label={`${f.type} ${f.policyId}`} className="space-y-0.5 text-xs">
          <p className="flex flex-wrap items-center gap-1.5">
            <Badge tone={tone(f.type)}>{f.type}</Badge>
            {onRevealPolicy ? (
              <button type="button" className="font-mono text-indigo-700 underline dark:text-indigo-300" onClick={() => onRevealPolicy(f.policyId)}>
                {f.policyId}
              </button>
            ) : (
              <span className="font-mono">{f.policyId}</span>
            )}
            <span className="text-muted">{METHOD_TEXT[f.method]}</span>
          </p>
          <p>{f.message}</p>
          {f.related?.length ? <p className="text-zinc-600 dark:text-zinc-400">{f.type === "SHADOWED" ? "Made unreachable by" : "Implied by"}: <span className="font-mono">{f.related.join(", ")}</span></p> : null}
          {f.solverGap ? <p className="text-amber-800 dark:text-amber-300">Why not the solver: {f.solverGap}</p> : null}
          <p className="text-muted">{f.how}</p>
        </li>
      ))}
    </ul>
  );
}
