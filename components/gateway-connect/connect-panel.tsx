import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import type { Tool } from "@/lib/agentcore/types";
import type { ConnectInfo } from "@/lib/gateway/connect";
import { ClientCard } from "./client-card";
import { CopyButton } from "./copy-button";

/** How to point an MCP client at the local gateway: endpoints, one OAuth client per persona, curl. */
export function ConnectPanel({ info, tools }: { info: ConnectInfo; tools: Tool[] }) {
  return (
    <div className="space-y-4">
      <Card aria-labelledby="connect-endpoints">
        <CardHeader id="connect-endpoints" title="Endpoints" />
        <dl className="grid grid-cols-[10rem_1fr] items-center gap-x-3 gap-y-2 p-4 text-sm">
          <dt className="text-muted">MCP URL</dt>
          <dd className="flex items-center gap-1">
            <code className="font-mono text-xs" aria-label="MCP URL">
              {info.mcpUrl}
            </code>
            <CopyButton text={info.mcpUrl} label="Copy MCP URL" />
          </dd>
          <dt className="text-muted">Token endpoint</dt>
          <dd className="flex items-center gap-1">
            <code className="font-mono text-xs" aria-label="Token endpoint">
              {info.tokenEndpoint}
            </code>
            <CopyButton text={info.tokenEndpoint} label="Copy token endpoint" />
          </dd>
        </dl>
        <p className="border-t border-zinc-200 px-4 py-3 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          Streamable HTTP, JSON-RPC 2.0 (<code>initialize</code>, <code>tools/list</code>, <code>tools/call</code>). Get a token with the OAuth 2.0
          client-credentials grant (form-encoded, or HTTP Basic), then send <code>Authorization: Bearer &lt;token&gt;</code>. Each client&apos;s claims
          become the principal&apos;s Cedar tags; every call is authorized by the gateway&apos;s published policies and appears in the decision log.
        </p>
      </Card>
      <Card aria-labelledby="connect-clients">
        <CardHeader id="connect-clients" title="Clients (one per persona)" />
        <div className="space-y-3 p-4">
          {info.clients.length === 0 ? (
            <EmptyState title="No clients">This gateway has no OAuth personas.</EmptyState>
          ) : (
            info.clients.map((c) => <ClientCard key={c.clientId} client={c} tools={tools} mcpUrl={info.mcpUrl} tokenEndpoint={info.tokenEndpoint} />)
          )}
        </div>
      </Card>
    </div>
  );
}
