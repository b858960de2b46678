import { GatewayList } from "@/components/gateways/gateway-list";
import { ImportGatewayDialog } from "@/components/gateways/import-gateway-dialog";
import { NewGatewayDialog } from "@/components/gateways/new-gateway-dialog";
import { ErrorState } from "@/components/ui/states";
import { getControlPlane } from "@/lib/agentcore";
import { load } from "@/lib/http/load";
import { gatewayStatuses } from "@/lib/workspace/status";

export const dynamic = "force-dynamic";

export default async function GatewaysPage() {
  const result = await load(async () => {
    const cp = await getControlPlane();
    return { local: cp.kind === "local", gateways: await cp.listGateways() };
  });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-xl font-semibold">Gateways</h1>
        {result.ok && result.data.local ? (
          <>
            <ImportGatewayDialog />
            <NewGatewayDialog />
          </>
        ) : null}
      </div>
      {result.ok ? <GatewayList gateways={result.data.gateways} statuses={gatewayStatuses(result.data.gateways)} /> : <ErrorState error={result.error} />}
    </div>
  );
}
