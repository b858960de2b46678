import { Badge } from "@/components/ui/badge";
import { count } from "@/components/ui/count";
import type { GatewayStatus } from "@/lib/workspace/status";

/** Policy count and whether a draft waits to be published, at a glance. */
export function StatusBadges({ status }: { status: GatewayStatus | undefined }) {
  if (!status) return null;
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="gateway-status">
      {status.policyCount === null ? (
        <Badge tone="red" title={status.error}>
          policies unreadable
        </Badge>
      ) : (
        <Badge tone="neutral">{count(status.policyCount, "policy", "policies")}</Badge>
      )}
      {status.draft === "unpublished" ? (
        <Badge tone="violet" title="The saved draft differs from the published policies">
          unpublished draft
        </Badge>
      ) : null}
    </span>
  );
}
