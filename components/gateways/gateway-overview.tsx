import { Card, CardHeader } from "@/components/ui/card";
import type { GatewayDetail } from "@/lib/agentcore/types";
import type { GatewayStatus } from "@/lib/workspace/status";
import { StatusBadges } from "./status-badges";

/** `children`: actions below the facts (rename, export, delete on the local workspace). */
export function GatewayOverview({ gateway, status, children }: { gateway: GatewayDetail; status?: GatewayStatus; children?: React.ReactNode }) {
  const rows: Array<[string, React.ReactNode]> = [
    ["Policies", <StatusBadges key="status" status={status} />],
    ["Gateway id", <code key="id">{gateway.gatewayId}</code>],
    ["ARN", <code key="arn" className="break-all">{gateway.gatewayArn}</code>],
    ["MCP endpoint", <code key="url" className="break-all" data-testid="gateway-url">{gateway.gatewayUrl}</code>],
    ["Authorizer", <span key="auth">{gateway.authorizer.summary}</span>],
  ];
  return (
    <Card aria-labelledby="overview-title">
      <CardHeader id="overview-title" title="Endpoint and identity" />
      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-4 gap-y-2 p-4 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted">{k}</dt>
            <dd className="min-w-0">{v}</dd>
          </div>
        ))}
      </dl>
      {children}
    </Card>
  );
}
