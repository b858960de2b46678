import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { EnforcementMode } from "@/lib/agentcore/types";
import { getDb, type Db } from "./db";
import { auditLog, publishVersions } from "./schema";

/** Published versions (every publish, rollback and promote is one) and the audit log. */

export interface VersionPolicy {
  name: string;
  description: string;
  statement: string;
  enforcementMode: EnforcementMode;
}

export interface VersionSummary {
  version: number;
  author: string;
  message: string;
  createdAt: string;
  policyCount: number;
}

export interface StoredVersion extends VersionSummary {
  policies: VersionPolicy[];
}

export type AuditAction =
  | "publish"
  | "rollback"
  | "mode-switch"
  | "engine-create"
  | "promote"
  | "publish-interrupted"
  | "publish-recovery"
  | "change-request"
  | "target-add"
  | "target-delete"
  | "target-sync"
  | "gateway-import";
export type AuditResult = "success" | "failure" | "partial";

export interface AuditEntry {
  id: number;
  gatewayId: string | null;
  actor: string;
  action: AuditAction;
  summary: string;
  result: AuditResult;
  details: unknown;
  at: string;
}

/** Appends a version with the next number for the gateway. The unique index settles a race: retry once. */
export async function recordVersion(gatewayId: string, input: { author: string; message: string; policies: VersionPolicy[] }, db?: Db): Promise<StoredVersion> {
  const d = db ?? (await getDb());
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await d
        .insert(publishVersions)
        .values({
          gatewayId,
          version: sql`(select coalesce(max(${publishVersions.version}), 0) + 1 from ${publishVersions} where ${publishVersions.gatewayId} = ${gatewayId})`,
          author: input.author,
          message: input.message,
          policies: input.policies,
        })
        .returning();
      return toVersion(row);
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

export async function listVersions(gatewayId: string, db?: Db): Promise<VersionSummary[]> {
  const d = db ?? (await getDb());
  const rows = await d.select().from(publishVersions).where(eq(publishVersions.gatewayId, gatewayId)).orderBy(desc(publishVersions.version));
  return rows.map((r) => {
    const { policies: _p, ...summary } = toVersion(r);
    return summary;
  });
}

export async function getVersion(gatewayId: string, version: number, db?: Db): Promise<StoredVersion | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select()
    .from(publishVersions)
    .where(and(eq(publishVersions.gatewayId, gatewayId), eq(publishVersions.version, version)));
  return row ? toVersion(row) : null;
}

/** The newest versions with their policy sets (to match an etag back to a version). */
export async function recentVersions(gatewayId: string, limit = 50, db?: Db): Promise<StoredVersion[]> {
  const d = db ?? (await getDb());
  const rows = await d.select().from(publishVersions).where(eq(publishVersions.gatewayId, gatewayId)).orderBy(desc(publishVersions.version)).limit(limit);
  return rows.map(toVersion);
}

export async function latestVersion(gatewayId: string, db?: Db): Promise<StoredVersion | null> {
  const d = db ?? (await getDb());
  const [row] = await d.select().from(publishVersions).where(eq(publishVersions.gatewayId, gatewayId)).orderBy(desc(publishVersions.version)).limit(1);
  return row ? toVersion(row) : null;
}

export async function recordAudit(entry: { gatewayId: string | null; actor: string; action: AuditAction; summary: string; result: AuditResult; details?: unknown }, db?: Db): Promise<AuditEntry> {
  const d = db ?? (await getDb());
  const [row] = await d
    .insert(auditLog)
    .values({ ...entry, details: entry.details ?? null })
    .returning();
  return toAudit(row);
}

export async function listAudit(gatewayId: string, limit = 200, db?: Db): Promise<AuditEntry[]> {
  const d = db ?? (await getDb());
  const rows = await d
    .select()
    .from(auditLog)
    .where(eq(auditLog.gatewayId, gatewayId))
    .orderBy(desc(auditLog.id))
    .limit(Math.max(1, Math.min(1000, Math.trunc(limit))));
  return rows.map(toAudit);
}

function toVersion(r: typeof publishVersions.$inferSelect): StoredVersion {
  return { version: r.version, author: r.author, message: r.message, createdAt: r.createdAt.toISOString(), policyCount: r.policies.length, policies: r.policies };
}

function toAudit(r: typeof auditLog.$inferSelect): AuditEntry {
  return { id: r.id, gatewayId: r.gatewayId, actor: r.actor, action: r.action as AuditAction, summary: r.summary, result: r.result, details: r.details, at: r.at.toISOString() };
}
