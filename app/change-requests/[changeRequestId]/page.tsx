import { ChangeRequestView } from "@/components/publishing/change-request-view";
import { ErrorState } from "@/components/ui/states";
import { getGatewayOnce } from "@/lib/agentcore/cached";
import { AppError } from "@/lib/errors";
import { load } from "@/lib/http/load";
import { changeRequestDetail } from "@/lib/publishing/change-requests";
import { defaultDeps } from "@/lib/publishing/deps";

export const dynamic = "force-dynamic";

export default async function ChangeRequestPage({ params }: { params: Promise<{ changeRequestId: string }> }) {
  const { changeRequestId } = await params;
  const result = await load(async () => {
    if (!/^[1-9][0-9]{0,9}$/.test(changeRequestId)) throw new AppError("not-found", `There is no change request #${changeRequestId.slice(0, 20)}.`);
    return changeRequestDetail({ ...(await defaultDeps(null)), loadGateway: getGatewayOnce }, Number(changeRequestId));
  });
  return result.ok ? <ChangeRequestView detail={result.data} /> : <ErrorState error={result.error} />;
}
