import { Badge } from "@/components/ui/badge";
import type { EnforcementMode, GatewayPolicyEngineRef } from "@/lib/agentcore/types";

/** The engine's mode on a gateway: LOG_ONLY enforces nothing at all, ENFORCE blocks denied calls. */
export function EngineModeBadge({ engine }: { engine: GatewayPolicyEngineRef | null }) {
  if (!engine) return <Badge tone="neutral">no policy engine</Badge>;
  return engine.mode === "ENFORCE" ? (
    <Badge tone="red" title="Gateway mode: denied calls fail" data-testid="engine-mode">
      ENFORCE
    </Badge>
  ) : (
    <Badge tone="amber" title="Gateway mode: decisions are only logged; every call goes through" data-testid="engine-mode">
      LOG_ONLY
    </Badge>
  );
}

/** A policy's own enforcement mode; not to be confused with the engine's mode on the gateway. */
export function PolicyModeBadge({ mode }: { mode: EnforcementMode }) {
  return mode === "ACTIVE" ? (
    <Badge tone="green" title="Policy: decides calls">
      ACTIVE
    </Badge>
  ) : (
    <Badge tone="violet" title="Policy: evaluated and reported, never decides (canary)">
      policy LOG_ONLY
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const tone = status === "READY" || status === "ACTIVE" ? "green" : /FAILED|UNSUCCESSFUL/.test(status) ? "red" : "amber";
  return <Badge tone={tone}>{status}</Badge>;
}
