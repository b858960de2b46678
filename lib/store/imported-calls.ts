import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "./db";
import { importedCalls } from "./schema";

/** Recorded calls imported from AWS (policy spans): written once per span, read as evidence. */

export type NewImportedCall = Omit<typeof importedCalls.$inferInsert, "id" | "importedAt">;
export type ImportedCallRow = typeof importedCalls.$inferSelect;

const BATCH = 1000;

/** Stores the calls not stored before (same gateway, source, trace and span); answers how many were new. */
export async function insertImportedCalls(rows: NewImportedCall[], db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const done = await d
      .insert(importedCalls)
      .values(rows.slice(i, i + BATCH))
      .onConflictDoNothing({ target: [importedCalls.gatewayId, importedCalls.source, importedCalls.traceId, importedCalls.spanId] })
      .returning({ id: importedCalls.id });
    inserted += done.length;
  }
  return inserted;
}

/** Newest first. `complete` keeps only calls that carry everything re-evaluation needs. */
export async function listImportedCalls(gatewayId: string, options: { limit?: number; complete?: boolean } = {}, db?: Db): Promise<ImportedCallRow[]> {
  const d = db ?? (await getDb());
  const where = [eq(importedCalls.gatewayId, gatewayId)];
  if (options.complete) where.push(sql`jsonb_array_length(${importedCalls.missing}) = 0`);
  return d
    .select()
    .from(importedCalls)
    .where(and(...where))
    .orderBy(desc(importedCalls.at), desc(importedCalls.id))
    .limit(Math.max(1, Math.min(100_000, Math.trunc(options.limit ?? 10_000))));
}

/** How many calls are stored for a gateway, and how many of them cannot be re-evaluated, by reason. */
export async function importedCallCounts(gatewayId: string, db?: Db): Promise<{ total: number; incompleteCalls: number; incomplete: Record<string, number> }> {
  const d = db ?? (await getDb());
  const [total] = await d
    .select({ n: sql<number>`count(*)::int`, incomplete: sql<number>`(count(*) filter (where jsonb_array_length(${importedCalls.missing}) > 0))::int` })
    .from(importedCalls)
    .where(eq(importedCalls.gatewayId, gatewayId));
  const { rows } = await d.execute<{ reason: string; n: number }>(
    sql`select r.reason, count(*)::int as n from ${importedCalls}, jsonb_array_elements_text(${importedCalls.missing}) as r(reason) where ${importedCalls.gatewayId} = ${gatewayId} group by 1`,
  );
  return { total: total?.n ?? 0, incompleteCalls: total?.incomplete ?? 0, incomplete: Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)])) };
}
