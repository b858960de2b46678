import { formatPolicies } from "@/lib/cedar/format";
import { splitPolicies } from "@/lib/cedar/policy-parts";
import type { Diagnostic } from "@/lib/cedar/diagnostics";
import { checkDocument, type DogwoodNote } from "@/lib/dogwood/check";
import { simulationHandlers } from "./simulation-handlers";
import type { JobContext, JobHandler } from "./protocol";

export interface OutlineEntry {
  id: string;
  effect: "permit" | "forbid" | null;
  line: number;
  logOnly: boolean;
}

export interface AnalyzeResult {
  diagnostics: Diagnostic[];
  /** What the service checks when published (Dogwood blocks), for the Problems list. */
  notes?: DogwoodNote[];
  outline: OutlineEntry[];
}

function analyze({ text, schemaJson }: { text: string; schemaJson: Record<string, unknown> }, { cedar }: JobContext): AnalyzeResult {
  // Dogwood statements are validated by their stateless part (the worker has no tool list: action names are left to the service).
  const { diagnostics, notes } = checkDocument(cedar, text, { schemaJson });
  const { parts } = splitPolicies(cedar, text);
  return {
    diagnostics,
    notes,
    outline: parts.map((p) => ({ id: p.id, effect: p.effect, line: p.startLine, logOnly: p.annotations.enforcement_mode === "LOG_ONLY" })),
  };
}

function format({ text }: { text: string }, { cedar }: JobContext): { text: string | null } {
  const r = formatPolicies(cedar, text);
  return { text: r.ok ? r.text : null };
}

/** Every job the Cedar worker runs; features register theirs here. */
export const handlers: Record<string, JobHandler> = {
  analyze: analyze as JobHandler,
  format: format as JobHandler,
  ...simulationHandlers,
};
