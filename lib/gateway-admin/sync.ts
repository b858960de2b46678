import "server-only";
import type { ControlPlane, Target } from "@/lib/agentcore/types";
import { bareToolName } from "@/lib/agentcore/names";
import { cedar } from "@/lib/cedar/server";
import { AppError } from "@/lib/errors";
import { getDraft } from "@/lib/store/drafts";
import { recordAudit } from "@/lib/store/history";
import { assertDiscoveredTools, discoverMcpTools } from "@/lib/targets/mcp-discovery";
import { affectedPolicies, diffTools, type AffectedPolicy, type ToolsDiff } from "@/lib/targets/sync-diff";
import { toDocument } from "@/lib/workspace/document";
import { localTargetsOf } from "./local-only";

/**
 * Re-sync of an MCP server target (AgentCore's SynchronizeGatewayTargets): what the server lists now
 * against what the target holds, and the draft and published policies the change would break —
 * shown before anything changes, applied only when asked.
 */

export interface SyncAnswer {
  /** Bare tool names, as the server lists them. */
  changes: ToolsDiff;
  affectedPolicies: Array<AffectedPolicy & { in: "draft" | "published" }>;
  applied: boolean;
  /** The target after the sync, when applied. */
  target?: Target;
}

export async function syncTarget(cp: ControlPlane, gatewayId: string, targetId: string, options: { apply: boolean; actor: string }): Promise<SyncAnswer> {
  const local = localTargetsOf(cp, "synchronize targets");
  const gateway = await cp.getGateway(gatewayId);
  const target = gateway.targets.find((t) => t.targetId === targetId);
  if (!target) throw new AppError("target-not-found", `Gateway "${gatewayId}" has no target with id "${targetId}".`);
  const upstream = (await local.mcpUpstreams(gatewayId)).find((u) => u.targetName === target.name);
  if (!upstream) throw new AppError("bad-request", `Target "${target.name}" is not an MCP server target; only those are synchronized.`);

  const discovery = await discoverMcpTools({ url: upstream.url, headers: upstream.headers }, { targetName: target.name });
  assertDiscoveredTools(discovery);
  const before = target.tools.map((t) => ({ ...t, name: bareToolName(t.name) }));
  const changes = diffTools(before, discovery.tools);

  const published = gateway.policyEngine ? toDocument(await cp.listPolicies(gateway.policyEngine.policyEngineId)) : "";
  const draft = (await getDraft(gatewayId))?.text;
  const affected = [
    ...(draft !== undefined && draft !== published ? affectedPolicies(cedar, draft, target.name, changes).map((p) => ({ ...p, in: "draft" as const })) : []),
    ...affectedPolicies(cedar, published, target.name, changes).map((p) => ({ ...p, in: "published" as const })),
  ];
  if (!options.apply) return { changes, affectedPolicies: affected, applied: false };

  const tools = discovery.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
  const updated = await local.replaceTools(gatewayId, targetId, tools);
  await recordAudit({
    gatewayId,
    actor: options.actor,
    action: "target-sync",
    summary: `Re-synced target ${target.name}: ${changes.added.length} added, ${changes.removed.length} removed, ${changes.changed.length} changed`,
    result: "success",
    details: { targetId, changes },
  });
  return { changes, affectedPolicies: affected, applied: true, target: updated };
}
