import { ConnectPanel } from "@/components/gateway-connect/connect-panel";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { config } from "@/lib/config";
import { gatewayDeps } from "@/lib/gateway";
import { getConnectInfo } from "@/lib/gateway/connect";
import { load } from "@/lib/http/load";

export const dynamic = "force-dynamic";

export default async function ConnectPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  const result = await load(async () => getConnectInfo(gatewayId, { ...(await gatewayDeps()), publicUrl: config().publicUrl }));
  if (!result.ok) {
    if (result.error.code === "not-available") {
      return (
        <EmptyState title="Connect is available in the local workspace only">
          The console runs an MCP gateway for its embedded workspace. On AWS, point your agent at the gateway&apos;s own URL with a token from its identity provider.
        </EmptyState>
      );
    }
    return result.error.code === "gateway-not-found" ? null : <ErrorState error={result.error} />;
  }
  const { tools, ...info } = result.data;
  return <ConnectPanel info={info} tools={tools} />;
}
