import { Badge } from "@/components/ui/badge";
import type { SimDecision } from "@/lib/simulation/types";

export function DecisionBadge({ decision, testId }: { decision: SimDecision; testId?: string }) {
  return (
    <Badge tone={decision === "ALLOW" ? "green" : decision === "DENY" ? "red" : "amber"} data-testid={testId} className="text-sm">
      {decision}
    </Badge>
  );
}
