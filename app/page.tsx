import { GatewayList } from "@/components/gateways/gateway-list";
import { ErrorState } from "@/components/ui/states";
import { getControlPlane } from "@/lib/agentcore";
import { load } from "@/lib/http/load";
import { gatewayStatuses } from "@/lib/workspace/status";

export const dynamic = "force-dynamic";

export default async function GatewaysPage() {
  const result = await load(async () => (await getControlPlane()).listGateways());
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Gateways</h1>
      {result.ok ? <GatewayList gateways={result.data} statuses={gatewayStatuses(result.data)} /> : <ErrorState error={result.error} />}
    </div>
  );
}
