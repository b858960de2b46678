import { InterruptedPublishBanner } from "@/components/publishing/interrupted-publish";
import { PublishReview } from "@/components/publishing/publish-review";
import { ErrorState } from "@/components/ui/states";
import { getGatewayOnce } from "@/lib/agentcore/cached";
import { load } from "@/lib/http/load";
import { defaultDeps } from "@/lib/publishing/deps";
import { findInterrupted } from "@/lib/publishing/recovery";
import { reviewFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

export default async function PublishPage({ params, searchParams }: { params: Promise<{ gatewayId: string }>; searchParams: Promise<{ rollbackOf?: string }> }) {
  const { gatewayId } = await params;
  const { rollbackOf } = await searchParams;
  const result = await load(async () => {
    const deps = { ...(await defaultDeps(null)), loadGateway: getGatewayOnce };
    const [review, { interrupted }] = await Promise.all([reviewFor(deps, gatewayId), findInterrupted(deps, gatewayId)]);
    return { review, interrupted };
  });
  if (!result.ok) return <ErrorState error={result.error} />;
  const n = Number(rollbackOf);
  return (
    <div className="space-y-4">
      {result.data.interrupted ? <InterruptedPublishBanner gatewayId={gatewayId} interrupted={result.data.interrupted} /> : null}
      <PublishReview gatewayId={gatewayId} data={result.data.review} rollbackOf={Number.isInteger(n) && n > 0 ? n : undefined} />
    </div>
  );
}
