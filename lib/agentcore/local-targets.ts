import "server-only";
import { and, eq } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { gateways, targets } from "@/lib/store/schema";
import { randomSuffix } from "./ids";
import { mcpToolName } from "./names";
import type { ControlPlane, LocalTargetsApi, NewTarget, Target, TargetKind } from "./types";

type TargetRow = typeof targets.$inferSelect;

export function toTarget(t: TargetRow): Target {
  const mcp = t.mcpServer;
  return {
    targetId: t.targetId,
    name: t.name,
    type: t.type as TargetKind,
    status: t.status,
    description: t.description ?? undefined,
    tools: t.tools.map((tool) => ({ ...tool, name: mcpToolName(t.name, tool.name) })),
    toolsSource: t.answeredBy === "upstream" ? "synced" : "inline",
    updatedAt: t.updatedAt.toISOString(),
    answeredBy: t.answeredBy,
    ...(mcp ? { mcpServer: mcp.shown } : {}),
    ...(t.answeredBy === "upstream" ? {} : { responseTemplates: JSON.parse(t.responseTemplates) as Record<string, unknown> }),
  };
}

/**
 * The local adapter's targets: AgentCore's CreateGatewayTarget / DeleteGatewayTarget, and what the
 * local workspace keeps inside a target beyond them (a re-sync's tools, response templates, the
 * upstream's real headers). Definitions arrive checked (lib/targets); this keeps the records.
 */
export function localTargets(db: Db, helpers: { gatewayRow(gatewayId: string, on?: Db): Promise<unknown> }): Pick<ControlPlane, "createGatewayTarget" | "deleteGatewayTarget"> & { localTargets: LocalTargetsApi } {
  async function targetRow(gatewayId: string, targetId: string, on: Db = db): Promise<TargetRow> {
    await helpers.gatewayRow(gatewayId, on);
    const [row] = await on
      .select()
      .from(targets)
      .where(and(eq(targets.gatewayId, gatewayId), eq(targets.targetId, targetId)));
    if (!row) throw new AppError("target-not-found", `Gateway "${gatewayId}" has no target with id "${targetId}".`);
    return row;
  }

  /** A target change is a gateway change too: the local gateway's fingerprint and the list's "last updated" see it. */
  async function touch(gatewayId: string, tx: Db) {
    await tx.update(gateways).set({ updatedAt: new Date() }).where(eq(gateways.gatewayId, gatewayId));
  }

  return {
    async createGatewayTarget(gatewayId, t: NewTarget) {
      await helpers.gatewayRow(gatewayId);
      const targetId = randomSuffix().toUpperCase();
      try {
        await db.transaction(async (tx) => {
          await tx.insert(targets).values({
            targetId,
            gatewayId,
            name: t.name,
            type: t.type,
            description: t.description ?? null,
            status: "READY",
            tools: t.tools,
            answeredBy: t.type === "MCP_SERVER" ? "upstream" : t.demo ? "demo" : "template",
            mcpServer: t.mcpServer ?? null,
            openApiSpec: t.openApiSpec ?? null,
            responseTemplates: JSON.stringify(t.responseTemplates ?? {}),
          });
          await touch(gatewayId, tx);
        });
      } catch (e) {
        if ((e as { code?: string; cause?: { code?: string } }).code === "23505" || (e as { cause?: { code?: string } }).cause?.code === "23505") {
          throw new AppError("target-name-taken", `This gateway already has a target named "${t.name}"; target names are unique within a gateway.`);
        }
        throw e;
      }
      return toTarget(await targetRow(gatewayId, targetId));
    },

    async deleteGatewayTarget(gatewayId, targetId) {
      await targetRow(gatewayId, targetId);
      await db.transaction(async (tx) => {
        await tx.delete(targets).where(eq(targets.targetId, targetId));
        await touch(gatewayId, tx);
      });
    },

    localTargets: {
      async replaceTools(gatewayId, targetId, tools) {
        const row = await targetRow(gatewayId, targetId);
        if (row.answeredBy !== "upstream") throw new AppError("bad-request", `Target "${row.name}" is not an MCP server target; only those are synchronized.`);
        await db.transaction(async (tx) => {
          await tx.update(targets).set({ tools, updatedAt: new Date() }).where(eq(targets.targetId, targetId));
          await touch(gatewayId, tx);
        });
        return toTarget(await targetRow(gatewayId, targetId));
      },

      async setResponseTemplate(gatewayId, targetId, tool, template) {
        const row = await targetRow(gatewayId, targetId);
        if (row.answeredBy === "upstream") {
          throw new AppError("bad-request", `Target "${row.name}" is an MCP server: its tools answer with what the server returns, not with a template.`);
        }
        if (!row.tools.some((t) => t.name === tool)) throw new AppError("not-found", `Target "${row.name}" has no tool "${tool.slice(0, 200)}".`);
        const { [tool]: _old, ...others } = JSON.parse(row.responseTemplates) as Record<string, unknown>;
        const responseTemplates = JSON.stringify(template === null ? others : { ...others, [tool]: template });
        await db.transaction(async (tx) => {
          await tx.update(targets).set({ responseTemplates, updatedAt: new Date() }).where(eq(targets.targetId, targetId));
          await touch(gatewayId, tx);
        });
        return toTarget(await targetRow(gatewayId, targetId));
      },

      async mcpUpstreams(gatewayId) {
        const rows = await db
          .select({ name: targets.name, mcpServer: targets.mcpServer })
          .from(targets)
          .where(and(eq(targets.gatewayId, gatewayId), eq(targets.answeredBy, "upstream")));
        return rows.flatMap((r) => (r.mcpServer ? [{ targetName: r.name, url: r.mcpServer.url, ...(r.mcpServer.headers ? { headers: r.mcpServer.headers } : {}) }] : []));
      },

      async openApiSpecs(gatewayId) {
        const rows = await db
          .select({ name: targets.name, spec: targets.openApiSpec })
          .from(targets)
          .where(and(eq(targets.gatewayId, gatewayId), eq(targets.type, "OPENAPI")));
        return Object.fromEntries(rows.flatMap((r) => (r.spec === null ? [] : [[r.name, r.spec]])));
      },
    },
  };
}
