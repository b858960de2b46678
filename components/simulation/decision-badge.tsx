import { Badge } from "@/components/ui/badge";

export function DecisionBadge({ decision, testId }: { decision: "ALLOW" | "DENY"; testId?: string }) {
  return (
    <Badge tone={decision === "ALLOW" ? "green" : "red"} data-testid={testId} className="text-sm">
      {decision}
    </Badge>
  );
}
