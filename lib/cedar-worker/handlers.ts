import { splitPolicies } from "@/lib/cedar/policy-parts";
import type { Diagnostic } from "@/lib/cedar/diagnostics";
import { checkDocument, type DogwoodNote } from "@/lib/dogwood/check";
import { formatDocument } from "@/lib/dogwood/format";
import { readStatement } from "@/lib/dogwood/statement";
import { dogwoodRanges, type DogwoodRange } from "@/lib/dogwood/vocabulary";
import { simulationHandlers } from "./simulation-handlers";
import type { JobContext, JobHandler } from "./protocol";

export interface OutlineEntry {
  id: string;
  effect: "permit" | "forbid" | "suppressOutput" | null;
  line: number;
  logOnly: boolean;
  /** A Dogwood statement (temporal, guardrails, suppressOutput): published under `definition.policy`. */
  dogwood: boolean;
}

export interface AnalyzeResult {
  diagnostics: Diagnostic[];
  /** What the service checks when published (Dogwood blocks), for the Problems list. */
  notes?: DogwoodNote[];
  outline: OutlineEntry[];
  /** Where the Dogwood blocks and effects are, for the editor's highlighting. */
  dogwood?: DogwoodRange[];
}

function analyze({ text, schemaJson }: { text: string; schemaJson: Record<string, unknown> }, { cedar }: JobContext): AnalyzeResult {
  // Dogwood statements are validated by their stateless part (the worker has no tool list: action names are left to the service).
  const { diagnostics, notes } = checkDocument(cedar, text, { schemaJson });
  const { parts } = splitPolicies(cedar, text);
  return {
    diagnostics,
    notes,
    outline: parts.map((p) => {
      const st = readStatement(p.text);
      const effect = st.effect?.value === "suppressOutput" ? "suppressOutput" : p.effect;
      return { id: p.id, effect, line: p.startLine, logOnly: p.annotations.enforcement_mode === "LOG_ONLY", dogwood: st.dogwood };
    }),
    dogwood: dogwoodRanges(text),
  };
}

/** Plain policies through Cedar's formatter; Dogwood statements are kept byte for byte. */
function format({ text }: { text: string }, { cedar }: JobContext): { text: string | null } {
  const r = formatDocument(cedar, text);
  return { text: r.ok ? r.text : null };
}

/** Every job the Cedar worker runs; features register theirs here. */
export const handlers: Record<string, JobHandler> = {
  analyze: analyze as JobHandler,
  format: format as JobHandler,
  ...simulationHandlers,
};
