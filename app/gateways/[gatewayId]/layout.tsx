import Link from "next/link";
import { GatewayTabs } from "@/components/gateways/gateway-tabs";
import { EngineModeBadge, StatusBadge } from "@/components/gateways/mode-badge";
import { ErrorState } from "@/components/ui/states";
import { getGatewayOnce } from "@/lib/agentcore/cached";
import { load } from "@/lib/http/load";

export const dynamic = "force-dynamic";

export default async function GatewayLayout({ children, params }: { children: React.ReactNode; params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  const result = await load(() => getGatewayOnce(gatewayId));
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        <Link href="/" className="hover:underline">
          Gateways
        </Link>{" "}
        / {result.ok ? result.data.name : gatewayId}
      </p>
      {result.ok ? (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold">{result.data.name}</h1>
            <StatusBadge status={result.data.status} />
            <EngineModeBadge engine={result.data.policyEngine} />
          </div>
          {result.data.description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{result.data.description}</p> : null}
          <GatewayTabs gatewayId={gatewayId}>{children}</GatewayTabs>
        </>
      ) : (
        <ErrorState error={result.error} />
      )}
    </div>
  );
}
