import { PolicyModeBadge } from "@/components/gateways/mode-badge";
import { Badge } from "@/components/ui/badge";
import { PHASES, type PublishPlan } from "@/lib/publishing/plan";

const CHANGE_TONE = { added: "green", changed: "amber", removed: "red", unchanged: "neutral" } as const;

/** Per-policy changes of a plan, with mode and description changes called out. */
export function PolicyChanges({ plan }: { plan: PublishPlan }) {
  return (
    <ul aria-label="Policy changes" className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
      {plan.policies.map((p) => (
        <li key={p.name} aria-label={`${p.name}: ${p.change}`} className="flex flex-wrap items-center gap-2 py-2">
          <Badge tone={CHANGE_TONE[p.change]}>{p.change}</Badge>
          <span className="font-mono">{p.name}</span>
          {p.effect ? <span className="text-xs text-muted">{p.effect}</span> : null}
          {p.generatedName ? <Badge tone="blue" title="The draft has no @id for this policy; the name is generated from its statement">generated name</Badge> : null}
          {p.modeChanged && p.before && p.after ? (
            <span className="flex items-center gap-1 text-xs">
              policy mode <PolicyModeBadge mode={p.before.enforcementMode} /> → <PolicyModeBadge mode={p.after.enforcementMode} />
            </span>
          ) : p.after?.enforcementMode === "LOG_ONLY" ? (
            <PolicyModeBadge mode="LOG_ONLY" />
          ) : null}
          {p.change === "changed" && p.statementChanged ? <span className="text-xs text-muted">statement</span> : null}
          {p.descriptionChanged && p.change !== "added" ? <span className="text-xs text-muted">description</span> : null}
          {p.resend ? <Badge tone="red" title="The engine did not accept the last version it was sent; publishing sends it again">engine reports {p.resend}: re-sent</Badge> : null}
        </li>
      ))}
      {plan.policies.length === 0 ? <li className="py-2 text-muted">The draft holds no policies.</li> : null}
    </ul>
  );
}

/** The order the operations run in, and why. */
export function OperationOrder({ plan }: { plan: PublishPlan }) {
  if (plan.operations.length === 0) return <p className="text-sm text-muted">Nothing to send: the draft matches the published policies.</p>;
  return (
    <div className="space-y-2 text-sm">
      <p className="text-zinc-600 dark:text-zinc-400">
        Forbids are added and permits removed first, then changed policies are updated, then permits are added and forbids removed last. At no moment does the engine allow a call that both the published and the
        new set deny; if a step fails, the engine is left stricter, not looser.
      </p>
      <ol aria-label="Operations in order" className="list-decimal space-y-1 pl-6">
        {plan.operations.map((o, i) => (
          <li key={i}>
            <span className="font-mono">
              {o.op === "create" ? "CreatePolicy" : o.op === "update" ? "UpdatePolicy" : "DeletePolicy"} {o.name}
            </span>{" "}
            <span className="text-xs text-muted">
              — step {o.phase} ({PHASES[o.phase - 1].label.toLowerCase()}): {o.reason}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function ValidationStatus({ plan }: { plan: PublishPlan }) {
  return (
    <div className="space-y-1 text-sm" data-testid="publish-validation">
      {plan.ok ? (
        <p className="text-emerald-700 dark:text-emerald-300">
          Valid: every policy validates against the gateway schema, names are unique, {(plan.totalBytes / 1024).toFixed(1)} KB of 200 KB.
        </p>
      ) : (
        <>
          <p role="alert" className="font-medium text-red-700 dark:text-red-300">
            {plan.errors.length} error{plan.errors.length === 1 ? "" : "s"} — fix {plan.errors.length === 1 ? "it" : "them"} in the workspace before publishing.
          </p>
          <ul className="list-disc pl-6 text-red-700 dark:text-red-300">
            {plan.errors.map((e, i) => (
              <li key={i}>
                {e.line ? `line ${e.line}: ` : ""}
                {e.message}
                {e.help ? <span className="text-zinc-600 dark:text-zinc-400"> — {e.help}</span> : null}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.warnings.length ? (
        <ul aria-label="Warnings" className="list-disc pl-6 text-amber-800 dark:text-amber-200">
          {plan.warnings.map((w, i) => (
            <li key={i}>
              {w.message}
              {w.help ? ` ${w.help}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
