import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { EngineMode } from "@/lib/agentcore/types";
import { getDb, type Db } from "./db";
import { changeRequests } from "./schema";

export type ChangeRequestKind = "publish" | "mode";
/** `applying` is held while an approval runs, so two approvers (on any instance) cannot both apply it. */
export type ChangeRequestStatus = "open" | "applying" | "approved" | "rejected" | "withdrawn";

export interface ChangeRequest {
  id: number;
  gatewayId: string;
  gatewayName: string;
  kind: ChangeRequestKind;
  status: ChangeRequestStatus;
  message: string;
  text: string;
  baseVersion: string;
  rollbackOf: number | null;
  fromMode: EngineMode | null;
  toMode: EngineMode | null;
  requestedBy: string;
  requestedBySubject: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  result: unknown;
}

export type NewChangeRequest = Pick<ChangeRequest, "gatewayId" | "gatewayName" | "kind" | "message" | "text" | "baseVersion" | "requestedBy" | "requestedBySubject"> &
  Partial<Pick<ChangeRequest, "rollbackOf" | "fromMode" | "toMode">>;

export async function insertChangeRequest(input: NewChangeRequest, db?: Db): Promise<ChangeRequest> {
  const d = db ?? (await getDb());
  const [row] = await d.insert(changeRequests).values(input).returning();
  return toRequest(row);
}

export async function getChangeRequest(id: number, db?: Db): Promise<ChangeRequest | null> {
  const d = db ?? (await getDb());
  const [row] = await d.select().from(changeRequests).where(eq(changeRequests.id, id));
  return row ? toRequest(row) : null;
}

/** Open ones first (oldest first: they have waited longest), then decided ones, newest first. */
export async function listChangeRequests(filter: { gatewayId?: string; status?: ChangeRequestStatus[] } = {}, db?: Db): Promise<ChangeRequest[]> {
  const d = db ?? (await getDb());
  const where = and(
    filter.gatewayId === undefined ? undefined : eq(changeRequests.gatewayId, filter.gatewayId),
    filter.status === undefined ? undefined : inArray(changeRequests.status, filter.status),
  );
  const rows = await d
    .select()
    .from(changeRequests)
    .where(where)
    .orderBy(sql`case when ${changeRequests.status} in ('open', 'applying') then 0 else 1 end`, sql`case when ${changeRequests.status} in ('open', 'applying') then ${changeRequests.id} else -${changeRequests.id} end`, asc(changeRequests.id))
    .limit(200);
  return rows.map(toRequest);
}

export async function countOpenChangeRequests(db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  const [row] = await d.select({ n: sql<number>`count(*)::int` }).from(changeRequests).where(eq(changeRequests.status, "open"));
  return row?.n ?? 0;
}

/** Moves a request from one status to another only if it is still in the first; null when it is not. */
export async function transitionChangeRequest(
  id: number,
  from: ChangeRequestStatus,
  to: ChangeRequestStatus,
  decision: { decidedBy?: string | null; reason?: string | null; result?: unknown } = {},
  db?: Db,
): Promise<ChangeRequest | null> {
  const d = db ?? (await getDb());
  const decided = to === "open" || to === "applying" ? { decidedBy: null, decidedAt: null } : { decidedBy: decision.decidedBy ?? null, decidedAt: new Date() };
  const [row] = await d
    .update(changeRequests)
    .set({ status: to, ...decided, reason: decision.reason ?? null, ...(decision.result === undefined ? {} : { result: decision.result }) })
    .where(and(eq(changeRequests.id, id), eq(changeRequests.status, from)))
    .returning();
  return row ? toRequest(row) : null;
}

function toRequest(r: typeof changeRequests.$inferSelect): ChangeRequest {
  return {
    id: r.id,
    gatewayId: r.gatewayId,
    gatewayName: r.gatewayName,
    kind: r.kind,
    status: r.status,
    message: r.message,
    text: r.text,
    baseVersion: r.baseVersion,
    rollbackOf: r.rollbackOf,
    fromMode: r.fromMode,
    toMode: r.toMode,
    requestedBy: r.requestedBy,
    requestedBySubject: r.requestedBySubject,
    createdAt: r.createdAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    reason: r.reason,
    result: r.result,
  };
}
