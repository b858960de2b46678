import "server-only";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "./db";
import { importedCalls } from "./schema";

/** Recorded calls imported from AWS (policy spans): written once per span, read as evidence. */

export type NewImportedCall = Omit<typeof importedCalls.$inferInsert, "id" | "importedAt">;
export type ImportedCallRow = typeof importedCalls.$inferSelect;

const BATCH = 1000;

/**
 * Stores the calls not stored before (same gateway, source, trace and span); answers how many were new.
 * Each batch travels as one JSON parameter expanded by Postgres (jsonb_to_recordset): binding fifteen
 * parameters per row costs several times more than the insert itself on PGlite.
 */
export async function insertImportedCalls(rows: NewImportedCall[], db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({
      gateway_id: r.gatewayId,
      source: r.source,
      trace_id: r.traceId,
      span_id: r.spanId,
      at: r.at.toISOString(),
      tool: r.tool ?? null,
      principal: r.principal ?? null,
      arguments: r.arguments ?? null,
      decision: r.decision,
      determining_policies: r.determiningPolicies,
      log_only_matched: r.logOnlyMatched ?? [],
      flips: r.flips ?? [],
      mode: r.mode,
      missing: r.missing ?? [],
    }));
    const done = await queryRows<{ id: number }>(d, sql`
      insert into ${importedCalls} (gateway_id, source, trace_id, span_id, at, tool, principal, arguments, decision, determining_policies, log_only_matched, flips, mode, missing)
      select gateway_id, source, trace_id, span_id, at, tool, principal, arguments, decision, determining_policies, log_only_matched, flips, mode, missing
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(gateway_id text, source text, trace_id text, span_id text, at timestamptz, tool text, principal jsonb, arguments jsonb,
        decision text, determining_policies jsonb, log_only_matched jsonb, flips jsonb, mode text, missing jsonb)
      on conflict (gateway_id, source, trace_id, span_id) do nothing
      returning id`);
    inserted += done.length;
  }
  return inserted;
}

/** Which stored calls a read covers: a time range, and/or those whose decision-flip set names a policy. */
export interface ImportedCallFilter {
  from?: Date;
  to?: Date;
  /** Only calls in which AgentCore reported this LOG_ONLY policy (by name) as flipping the decision. */
  flippedBy?: string;
}

function filtered(gatewayId: string, filter: ImportedCallFilter) {
  const where = [eq(importedCalls.gatewayId, gatewayId)];
  if (filter.from) where.push(gte(importedCalls.at, filter.from));
  if (filter.to) where.push(lt(importedCalls.at, filter.to));
  if (filter.flippedBy !== undefined) where.push(sql`${importedCalls.flips} @> ${JSON.stringify([filter.flippedBy])}::jsonb`);
  return where;
}

/** Newest first. `complete` keeps only calls that carry everything re-evaluation needs. */
export async function listImportedCalls(gatewayId: string, options: ImportedCallFilter & { limit?: number; complete?: boolean } = {}, db?: Db): Promise<ImportedCallRow[]> {
  const d = db ?? (await getDb());
  const where = filtered(gatewayId, options);
  if (options.complete) where.push(sql`jsonb_array_length(${importedCalls.missing}) = 0`);
  return d
    .select()
    .from(importedCalls)
    .where(and(...where))
    .orderBy(desc(importedCalls.at), desc(importedCalls.id))
    .limit(Math.max(1, Math.min(100_000, Math.trunc(options.limit ?? 10_000))));
}

/** How many calls are stored for a gateway (in the filter), and how many of them cannot be re-evaluated, by reason. */
export async function importedCallCounts(gatewayId: string, filter: ImportedCallFilter = {}, db?: Db): Promise<{ total: number; incompleteCalls: number; incomplete: Record<string, number> }> {
  const d = db ?? (await getDb());
  const where = and(...filtered(gatewayId, filter));
  const [total] = await d
    .select({ n: sql<number>`count(*)::int`, incomplete: sql<number>`(count(*) filter (where jsonb_array_length(${importedCalls.missing}) > 0))::int` })
    .from(importedCalls)
    .where(where);
  const rows = await queryRows<{ reason: string; n: number }>(d, 
    sql`select r.reason, count(*)::int as n from ${importedCalls}, jsonb_array_elements_text(${importedCalls.missing}) as r(reason) where ${where} group by 1`,
  );
  return { total: total?.n ?? 0, incompleteCalls: total?.incomplete ?? 0, incomplete: Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)])) };
}
