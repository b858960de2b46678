import { ChangeRequestList } from "@/components/publishing/change-requests";
import { ErrorState } from "@/components/ui/states";
import { config } from "@/lib/config";
import { load } from "@/lib/http/load";
import { listChangeRequests } from "@/lib/store/change-requests";

export const dynamic = "force-dynamic";

export default async function ChangeRequestsPage() {
  const result = await load(() => listChangeRequests());
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Change requests</h1>
      {result.ok ? <ChangeRequestList requests={result.data} requireApproval={config().requireApproval} /> : <ErrorState error={result.error} />}
    </div>
  );
}
