import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/states";
import type { EnginePolicy, GatewayDetail, PolicyEngine } from "@/lib/agentcore/types";
import type { Loaded } from "@/lib/http/load";
import { DefinitionBadge } from "./definition-badge";
import { EngineModeBadge, PolicyModeBadge, StatusBadge } from "./mode-badge";

export function EngineSection({
  gateway,
  engine,
}: {
  gateway: GatewayDetail;
  engine: Loaded<{ engine: PolicyEngine; policies: EnginePolicy[] }> | null;
}) {
  return (
    <Card aria-labelledby="engine-title">
      <CardHeader id="engine-title" title="Policy engine">
        <EngineModeBadge engine={gateway.policyEngine} />
      </CardHeader>
      <div className="space-y-3 p-4">
        {!engine ? (
          <EmptyState title="No policy engine is attached">Every tool call goes through unchecked.</EmptyState>
        ) : !engine.ok ? (
          <ErrorState error={engine.error} />
        ) : (
          <>
            <p className="text-sm">
              <span className="font-medium">{engine.data.engine.name}</span>{" "}
              <span className="font-mono text-xs break-all text-muted">{engine.data.engine.policyEngineArn}</span>{" "}
              <StatusBadge status={engine.data.engine.status} />
            </p>
            {engine.data.policies.length === 0 ? <EmptyState title="The engine has no policies">
                With no permit every call is denied (default deny)
                {gateway.policyEngine?.mode === "LOG_ONLY" ? "; the gateway is in LOG_ONLY, so calls still go through and the denials are only logged." : "."}
              </EmptyState> : null}
            {engine.data.policies.map((p) => (
              <article key={p.policyId} aria-label={`Policy ${p.name}`} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-mono text-sm font-semibold">{p.name}</h3>
                  {/* ACTIVE is the settled status; only a policy that is changing or failed needs one beside its mode. */}
                  {p.status !== "ACTIVE" ? <StatusBadge status={p.status} /> : null}
                  <PolicyModeBadge mode={p.enforcementMode} />
                  <DefinitionBadge kind={p.definitionKind} />
                </div>
                {p.description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{p.description}</p> : null}
                {p.statusReasons.length > 0 ? <p className="text-xs text-red-700 dark:text-red-300">{p.statusReasons.join("; ")}</p> : null}
                {p.statementNote ? <p className="text-xs text-muted">{p.statementNote}</p> : null}
                {/* Policy code keeps its lines; a long ARN wraps inside the box instead of widening the page. */}
                <pre className="mt-2 overflow-auto rounded bg-zinc-50 p-2 text-xs whitespace-pre-wrap break-all dark:bg-zinc-950">{p.statement}</pre>
              </article>
            ))}
          </>
        )}
      </div>
    </Card>
  );
}
