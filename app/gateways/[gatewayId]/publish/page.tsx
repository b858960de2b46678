import { PublishReview } from "@/components/publishing/publish-review";
import { ErrorState } from "@/components/ui/states";
import { getGatewayOnce } from "@/lib/agentcore/cached";
import { load } from "@/lib/http/load";
import { defaultDeps } from "@/lib/publishing/deps";
import { reviewFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

export default async function PublishPage({ params, searchParams }: { params: Promise<{ gatewayId: string }>; searchParams: Promise<{ rollbackOf?: string }> }) {
  const { gatewayId } = await params;
  const { rollbackOf } = await searchParams;
  const result = await load(async () => reviewFor({ ...(await defaultDeps(null)), loadGateway: getGatewayOnce }, gatewayId));
  if (!result.ok) return <ErrorState error={result.error} />;
  const n = Number(rollbackOf);
  return <PublishReview gatewayId={gatewayId} data={result.data} rollbackOf={Number.isInteger(n) && n > 0 ? n : undefined} />;
}
