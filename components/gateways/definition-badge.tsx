import { Badge } from "@/components/ui/badge";
import type { EnginePolicy } from "@/lib/agentcore/types";

const LABELS: Record<EnginePolicy["definitionKind"], { label: string; title: string }> = {
  cedar: { label: "Cedar", title: "Held under definition.cedar: stateless Cedar" },
  policy: { label: "Dogwood", title: "Held under definition.policy: Dogwood (temporal conditions, guardrails, suppressOutput, or any Cedar)" },
  policyGeneration: { label: "from a generation", title: "Held under definition.policyGeneration: made from an asset of AgentCore's policy generation; kept as the engine holds it" },
  unknown: { label: "unknown definition", title: "A definition the console does not know; kept as the engine holds it and never sent back" },
};

/** Which member of the engine's `PolicyDefinition` union holds a policy. */
export function DefinitionBadge({ kind }: { kind: EnginePolicy["definitionKind"] }) {
  const { label, title } = LABELS[kind];
  return (
    <Badge tone={kind === "cedar" ? "neutral" : "blue"} title={title}>
      {label}
    </Badge>
  );
}
