import { Badge } from "@/components/ui/badge";
import type { Decision } from "@/lib/cedar/cedar-api";

export function DecisionBadge({ decision, testId }: { decision: Decision; testId?: string }) {
  return (
    <Badge tone={decision === "ALLOW" ? "green" : "red"} data-testid={testId} className="text-sm">
      {decision}
    </Badge>
  );
}
