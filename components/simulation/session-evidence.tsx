import { bareToolName } from "@/lib/agentcore/names";
import { dependsOnText } from "@/lib/simulation/depends-on";
import type { SimResult } from "@/lib/simulation/types";

/**
 * What a call's policy session contributed: what the decision depends on when undecided, the events
 * the call recorded, each Dogwood policy's temporal conditions (with the earlier calls that made
 * them true) and guardrail values (with where each score came from).
 */
export function SessionEvidence({ result }: { result: SimResult }) {
  const step = result.session;
  return (
    <div className="space-y-1 text-xs">
      {result.decision === "UNDECIDED" ? (
        <p className="text-amber-800 dark:text-amber-300" data-testid="sim-depends-on">
          {dependsOnText(result.dependsOn)} — the console does not guess; the service decides this call.
        </p>
      ) : null}
      {step ? (
        <p className="text-zinc-600 dark:text-zinc-400" data-testid="sim-recorded">
          {step.recorded.length ? `Recorded in the session: ${step.recorded.join(", ")}` : "Refused before any policy ran: nothing recorded in the session."}
        </p>
      ) : null}
      {step?.policies.length ? (
        <ul aria-label="Dogwood policies" className="space-y-1">
          {step.policies.map((p) => (
            <li key={p.id} className="rounded bg-zinc-50 p-1 dark:bg-zinc-950">
              <span className="font-mono">{p.id}</span> ({p.effect}, {p.enforcementMode}): {p.satisfied === "depends" ? "depends" : p.satisfied ? "holds" : "does not hold"}
              {p.temporal.map((t, i) => (
                <div key={i} className="pl-2">
                  temporal condition {t.value === true ? "true" : t.value === false ? "false" : "unknown"}
                  {t.madeTrueBy.length ? `, made true by ${t.madeTrueBy.map((w) => `call ${w.call + 1} (${bareToolName(w.tool)} ${w.kind})`).join(", ")}` : ""}
                  {t.reasons.length ? ` — ${t.reasons.join("; ")}` : ""}
                </div>
              ))}
              {p.guardrails.map((g, i) => (
                <div key={`g${i}`} className="pl-2">
                  {g.name}: {g.value ?? "not evaluated"}
                  {g.source ? ` (${g.source})` : ""}
                  {g.reason ? ` — ${g.reason}` : ""}
                </div>
              ))}
            </li>
          ))}
        </ul>
      ) : null}
      {step?.outputSuppressedBy?.policies.length ? <p className="text-violet-700 dark:text-violet-300">Output suppressed by {step.outputSuppressedBy.policies.join(", ")}.</p> : null}
      {step?.outputSuppressedBy?.undecided.length ? <p className="text-amber-800 dark:text-amber-300">Output may be suppressed by {step.outputSuppressedBy.undecided.join(", ")} (undecided).</p> : null}
    </div>
  );
}
