import { DecisionLog } from "@/components/decision-log/decision-log";
import { ErrorState } from "@/components/ui/states";
import { getGatewayOnce } from "@/lib/agentcore/cached";
import { load } from "@/lib/http/load";
import { decisionFacets, listDecisions } from "@/lib/store/decisions";

export const dynamic = "force-dynamic";

export default async function DecisionsPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  const result = await load(async () => {
    const gateway = await getGatewayOnce(gatewayId);
    const [decisions, facets] = await Promise.all([listDecisions(gatewayId, { limit: 200 }), decisionFacets(gatewayId)]);
    const tools = [...new Set([...gateway.targets.flatMap((t) => t.tools.map((x) => x.name)), ...facets.tools])].sort();
    return { decisions, tools, personas: facets.personas };
  });
  if (!result.ok) return result.error.code === "gateway-not-found" ? null : <ErrorState error={result.error} />;
  return <DecisionLog gatewayId={gatewayId} initial={result.data.decisions} tools={result.data.tools} personas={result.data.personas} />;
}
