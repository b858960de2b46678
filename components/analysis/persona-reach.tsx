"use client";

import { bareToolName } from "@/lib/agentcore/names";
import type { PersonaAccess, PersonaToolAccess } from "@/lib/analysis/types";

/** Per persona, what the draft lets it call: always, never, or only when the arguments meet some ranges or values. */
export function PersonaReach({ personas }: { personas: PersonaAccess[] }) {
  if (personas.length === 0) return <p className="text-xs text-muted">No personas: add one in the Simulate panel to see what it can call.</p>;
  return (
    <div className="space-y-2">
      {personas.map((p) => (
        <section key={p.persona} aria-label={`What ${p.persona} can call`} className="space-y-0.5">
          <h4 className="text-xs font-semibold">{p.persona}</h4>
          <ul className="space-y-0.5 text-xs">
            {p.tools.map((t) => (
              <li key={t.tool}>
                <span className="font-mono" title={t.tool}>
                  {bareToolName(t.tool)}
                </span>
                : <strong className="font-medium">{accessText(t)}</strong> <span className="text-muted">· {howText(t)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function accessText(t: PersonaToolAccess): string {
  if (t.access === "always") return "always";
  if (t.access === "never") return "never";
  if (t.access === "unknown") return "unknown";
  return `only when ${(t.constraints ?? []).map((c) => c.text).join(" and ") || "some arguments"}`;
}

function howText(t: PersonaToolAccess): string {
  if (t.access === "unknown") return `not established: ${t.reason ?? "the solver could not decide it"}`;
  if (t.access === "only-when" && t.exact === false) return "established by the solver: each condition is necessary, together they may not be sufficient";
  return "established by the solver";
}
