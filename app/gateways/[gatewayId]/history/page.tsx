import { HistoryView } from "@/components/publishing/history-view";
import { ErrorState } from "@/components/ui/states";
import { load } from "@/lib/http/load";
import { listAudit, listVersions } from "@/lib/store/history";

export const dynamic = "force-dynamic";

export default async function HistoryPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  const result = await load(async () => {
    const [versions, audit] = await Promise.all([listVersions(gatewayId), listAudit(gatewayId)]);
    return { versions, audit };
  });
  if (!result.ok) return <ErrorState error={result.error} />;
  return <HistoryView gatewayId={gatewayId} versions={result.data.versions} audit={result.data.audit} />;
}
