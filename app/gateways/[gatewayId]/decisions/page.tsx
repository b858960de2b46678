import { DecisionLog } from "@/components/decision-log/decision-log";
import { EvidenceCharts } from "@/components/evidence/evidence-charts";
import { SpanImport } from "@/components/evidence/span-import";
import { ErrorState } from "@/components/ui/states";
import { getGatewayOnce } from "@/lib/agentcore/cached";
import { config } from "@/lib/config";
import { auditMarkers } from "@/lib/evidence/markers";
import { load } from "@/lib/http/load";
import { importedCallCounts } from "@/lib/store/imported-calls";
import { decisionFacets, listDecisions } from "@/lib/store/decisions";

export const dynamic = "force-dynamic";

export default async function DecisionsPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  const result = await load(async () => {
    const gateway = await getGatewayOnce(gatewayId);
    const [decisions, facets] = await Promise.all([listDecisions(gatewayId, { limit: 200 }), decisionFacets(gatewayId)]);
    const tools = [...new Set([...gateway.targets.flatMap((t) => t.tools.map((x) => x.name)), ...facets.tools])].sort();
    const [markers, stored] = await Promise.all([auditMarkers(gatewayId), importedCallCounts(gatewayId)]);
    return { decisions, tools, personas: facets.personas, markers, stored, hasEngine: Boolean(gateway.policyEngine) };
  });
  if (!result.ok) return result.error.code === "gateway-not-found" ? null : <ErrorState error={result.error} />;
  const { data } = result;
  return (
    <div className="space-y-4">
      {data.hasEngine ? <EvidenceCharts gatewayId={gatewayId} markers={data.markers} /> : null}
      {data.hasEngine && config().backend === "aws" ? <SpanImport gatewayId={gatewayId} stored={data.stored} /> : null}
      <DecisionLog gatewayId={gatewayId} initial={data.decisions} tools={data.tools} personas={data.personas} />
    </div>
  );
}
