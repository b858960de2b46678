import { DraftPanel } from "@/components/drafting/draft-panel";
import { PolicyWorkspace } from "@/components/policy-editor/policy-workspace";
import { ImpactPanel } from "@/components/simulation/impact-panel";
import { MatrixPanel } from "@/components/simulation/matrix-panel";
import { SimulationProvider } from "@/components/simulation/sim-context";
import { SimulatePanel } from "@/components/simulation/simulate-panel";
import { SuitesPanel } from "@/components/simulation/suites-panel";
import { ErrorState } from "@/components/ui/states";
import { availableDrafters } from "@/lib/drafting/service";
import { load } from "@/lib/http/load";
import { listPersonas } from "@/lib/store/personas";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

export default async function PoliciesPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  const result = await load(async () => ({ ws: await loadWorkspace(gatewayId), personas: await listPersonas(gatewayId), drafters: await availableDrafters() }));
  if (!result.ok) return <ErrorState error={result.error} />;
  const { ws, personas, drafters } = result.data;
  return (
    <SimulationProvider gatewayId={gatewayId} gateway={ws.sim} personas={personas}>
      <PolicyWorkspace
        gatewayId={gatewayId}
        context={ws.context}
        draft={ws.draft}
        publishedText={ws.publishedText}
        panels={[
          { id: "draft", label: "Draft with AI", node: <DraftPanel drafters={drafters} /> },
          { id: "simulate", label: "Simulate", node: <SimulatePanel /> },
          { id: "suites", label: "Suites", node: <SuitesPanel /> },
          { id: "matrix", label: "Matrix", node: <MatrixPanel /> },
          { id: "impact", label: "Impact", node: <ImpactPanel /> },
        ]}
      />
    </SimulationProvider>
  );
}
