import { EvidenceCharts } from "@/components/evidence/evidence-charts";
import { EngineSection } from "@/components/gateways/engine-section";
import { GatewayActions } from "@/components/gateways/gateway-actions";
import { GatewayOverview } from "@/components/gateways/gateway-overview";
import { TargetsSection } from "@/components/gateways/targets-section";
import { EngineControls } from "@/components/publishing/engine-controls";
import { InterruptedPublishBanner } from "@/components/publishing/interrupted-publish";
import { ErrorState } from "@/components/ui/states";
import { getControlPlane } from "@/lib/agentcore";
import { getGatewayOnce } from "@/lib/agentcore/cached";
import { auditMarkers } from "@/lib/evidence/markers";
import { load } from "@/lib/http/load";
import { defaultDeps } from "@/lib/publishing/deps";
import { findInterrupted } from "@/lib/publishing/recovery";
import { engineControlsFor } from "@/lib/publishing/review";
import { getDraft } from "@/lib/store/drafts";
import { gatewayStatuses } from "@/lib/workspace/status";

export const dynamic = "force-dynamic";

export default async function GatewayPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  const result = await load(() => getGatewayOnce(gatewayId));
  if (!result.ok) return null; // the layout shows the error
  const gateway = result.data;
  const engine = gateway.policyEngine
    ? await load(async () => {
        const cp = await getControlPlane();
        const id = gateway.policyEngine!.policyEngineId;
        const [engine, policies] = await Promise.all([cp.getPolicyEngine(id), cp.listPolicies(id)]);
        return { engine, policies };
      })
    : null;
  const deps = { ...(await defaultDeps(null)), loadGateway: getGatewayOnce };
  const [controls, recovery] = await Promise.all([load(() => engineControlsFor(deps, gateway.gatewayId)), gateway.policyEngine ? load(() => findInterrupted(deps, gateway.gatewayId)) : null]);
  const interrupted = recovery?.ok ? recovery.data.interrupted : null;
  const [markers, status] = await Promise.all([
    load(() => auditMarkers(gateway.gatewayId)),
    // The engine's policies were just read: the status reuses them instead of reading them again.
    gatewayStatuses([gateway], {
      listPolicies: async () => (engine?.ok ? engine.data.policies : Promise.reject(new Error(engine && !engine.ok ? engine.error.message : "no engine"))),
      listDraftTexts: async () => {
        const draft = await getDraft(gateway.gatewayId);
        return new Map(draft ? [[gateway.gatewayId, draft.text]] : []);
      },
    }),
  ]);
  const local = (await getControlPlane()).kind === "local";
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="min-w-0 space-y-4">
        {interrupted ? <InterruptedPublishBanner gatewayId={gateway.gatewayId} interrupted={interrupted} /> : null}
        <GatewayOverview gateway={gateway} status={status[gateway.gatewayId]}>
          {local ? <GatewayActions gatewayId={gateway.gatewayId} name={gateway.name} description={gateway.description} /> : null}
        </GatewayOverview>
        {controls.ok ? <EngineControls data={controls.data} /> : <ErrorState error={controls.error} />}
        <EngineSection gateway={gateway} engine={engine} />
        {gateway.policyEngine ? <EvidenceCharts gatewayId={gateway.gatewayId} markers={markers.ok ? markers.data : []} /> : null}
      </div>
      <TargetsSection gatewayId={gateway.gatewayId} targets={gateway.targets} editable={local} />
    </div>
  );
}
