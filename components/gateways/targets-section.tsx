import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { count } from "@/components/ui/count";
import { EmptyState } from "@/components/ui/states";
import { bareToolName } from "@/lib/agentcore/names";
import type { Target, TargetKind } from "@/lib/agentcore/types";
import { AddTargetDialog } from "./add-target-dialog";
import { DiscoverTools } from "./discover-tools";
import { ResponseTemplateEditor } from "./response-template-editor";
import { TargetActions } from "./target-actions";
import { StatusBadge } from "./mode-badge";
import { ToolCard } from "./tool-card";

const KIND_LABEL: Record<TargetKind, string> = {
  LAMBDA: "Lambda",
  OPENAPI: "OpenAPI",
  SMITHY: "Smithy",
  MCP_SERVER: "MCP server",
  API_GATEWAY: "API Gateway",
  OTHER: "Other",
};

/** `editable`: the local workspace, where targets are added, re-synced and deleted here. */
export function TargetsSection({ gatewayId, targets, editable = false }: { gatewayId: string; targets: Target[]; editable?: boolean }) {
  return (
    <Card aria-labelledby="targets-title">
      <CardHeader id="targets-title" title={`Targets and tools (${count(targets.length, "target")}, ${count(targets.reduce((n, t) => n + t.tools.length, 0), "tool")})`}>
        {editable ? <AddTargetDialog gatewayId={gatewayId} /> : null}
      </CardHeader>
      <div className="space-y-4 p-4">
        {targets.length === 0 ? <EmptyState title="This gateway has no targets" /> : null}
        {targets.map((t) => (
          <div key={t.targetId} aria-label={`Target ${t.name}`} role="group">
            <div className="mb-2 flex flex-wrap items-center gap-2">
              <h3 className="font-semibold">{t.name}</h3>
              <Badge tone="blue">{KIND_LABEL[t.type]}</Badge>
              <StatusBadge status={t.status} />
              <span className="font-mono text-xs text-muted">{t.targetId}</span>
              {editable ? (
                <div className="ml-auto">
                  <TargetActions gatewayId={gatewayId} targetId={t.targetId} name={t.name} canSync={t.answeredBy === "upstream"} />
                </div>
              ) : null}
            </div>
            {t.mcpServer ? (
              <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">
                MCP server <code className="break-all">{t.mcpServer.url}</code>
                {Object.entries(t.mcpServer.headers).map(([k, v]) => (
                  <span key={k} className="ml-2">
                    <code>{k}</code>: <code>{v}</code>
                  </span>
                ))}
                <span className="ml-2">— allowed calls are forwarded to it.</span>
              </p>
            ) : null}
            {t.description ? <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">{t.description}</p> : null}
            {t.toolsSource === "discovered" ? (
              <div className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
                <p>{t.toolsNote ?? "The gateway discovers this target's tools; they are not part of its configuration."}</p>
                <DiscoverTools gatewayId={gatewayId} targetName={t.name} />
              </div>
            ) : null}
            <div className="grid grid-cols-[repeat(auto-fill,minmax(min(100%,18rem),1fr))] gap-3">
              {t.tools.map((tool) => (
                <ToolCard key={tool.name} tool={tool}>
                  {editable && t.responseTemplates ? (
                    <ResponseTemplateEditor gatewayId={gatewayId} targetId={t.targetId} tool={bareToolName(tool.name)} template={t.responseTemplates[bareToolName(tool.name)]} />
                  ) : null}
                </ToolCard>
              ))}
            </div>
          </div>
        ))}
      </div>
    </Card>
  );
}
