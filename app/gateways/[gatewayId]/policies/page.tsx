import { PolicyWorkspace } from "@/components/policy-editor/policy-workspace";
import { ErrorState } from "@/components/ui/states";
import { load } from "@/lib/http/load";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

export default async function PoliciesPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  const result = await load(() => loadWorkspace(gatewayId));
  if (!result.ok) return <ErrorState error={result.error} />;
  const ws = result.data;
  return <PolicyWorkspace gatewayId={gatewayId} context={ws.context} draft={ws.draft} publishedText={ws.publishedText} panels={[]} />;
}
