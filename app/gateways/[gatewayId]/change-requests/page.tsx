import { ChangeRequestList } from "@/components/publishing/change-requests";
import { ErrorState } from "@/components/ui/states";
import { config } from "@/lib/config";
import { load } from "@/lib/http/load";
import { listChangeRequests } from "@/lib/store/change-requests";

export const dynamic = "force-dynamic";

export default async function GatewayChangeRequestsPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  const result = await load(() => listChangeRequests({ gatewayId }));
  return result.ok ? <ChangeRequestList requests={result.data} requireApproval={config().requireApproval} /> : <ErrorState error={result.error} />;
}
