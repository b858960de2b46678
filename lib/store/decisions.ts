import "server-only";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { EngineMode } from "@/lib/agentcore/types";
import type { Decision } from "@/lib/cedar/cedar-api";
import type { CallPrincipal } from "@/lib/mcp/principal";
import { getDb, type Db } from "./db";
import type { JsonRpcResponse } from "@/lib/mcp/json-rpc";
import { decisionLog, type RecordedResponse } from "./schema";

/** The local gateway's decision log: one row per authorized `tools/call`. */


export interface NewDecision {
  gatewayId: string;
  clientId: string | null;
  persona: string | null;
  principal: CallPrincipal;
  tool: string;
  arguments: Record<string, unknown>;
  decision: Decision;
  determiningPolicies: string[];
  logOnlyMatched: string[];
  flips: string[];
  /** The engine's mode on the gateway when the call was made; NONE when no engine was attached. */
  mode: EngineMode | "NONE";
  /** The call was refused (ENFORCE + DENY); otherwise the tool ran. */
  blocked: boolean;
  /** What the gateway answered (see `recordedResponse`); null when it was not kept. */
  response?: RecordedResponse | null;
  at?: Date;
}

export type { RecordedResponse };

/** Answers past this many characters keep only their beginning: the log is evidence, not an archive of tool output. */
export const MAX_RECORDED_RESPONSE = 16_384;

export function recordedResponse(answer: JsonRpcResponse): RecordedResponse {
  const text = JSON.stringify(answer);
  return text.length <= MAX_RECORDED_RESPONSE ? answer : { truncated: true, length: text.length, head: text.slice(0, MAX_RECORDED_RESPONSE) };
}

export interface DecisionEntry extends Omit<NewDecision, "at"> {
  id: number;
  at: string;
}

export interface DecisionFilter {
  decision?: Decision;
  tool?: string;
  persona?: string;
  /** Free text over tool, persona, client, principal, arguments and policy names (case-insensitive). */
  q?: string;
  /** Entries older than this id (paging, newest first). */
  beforeId?: number;
  limit?: number;
}

export const MAX_DECISIONS_PAGE = 500;

export async function recordDecision(entry: NewDecision, db?: Db): Promise<DecisionEntry> {
  const d = db ?? (await getDb());
  const [row] = await d.insert(decisionLog).values(entry).returning();
  return toEntry(row);
}

/** Many entries in one statement (the gateway batches concurrent calls' entries). */
export async function recordDecisions(entries: NewDecision[], db?: Db): Promise<void> {
  if (entries.length === 0) return;
  const d = db ?? (await getDb());
  await d.insert(decisionLog).values(entries);
}

/** Newest first, filtered. */
export async function listDecisions(gatewayId: string, filter: DecisionFilter = {}, db?: Db): Promise<DecisionEntry[]> {
  const d = db ?? (await getDb());
  const where: SQL[] = [eq(decisionLog.gatewayId, gatewayId)];
  if (filter.decision) where.push(eq(decisionLog.decision, filter.decision));
  if (filter.tool) where.push(eq(decisionLog.tool, filter.tool));
  if (filter.persona) where.push(eq(decisionLog.persona, filter.persona));
  if (filter.beforeId) where.push(lt(decisionLog.id, filter.beforeId));
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`concat_ws(' ', ${decisionLog.tool}, ${decisionLog.persona}, ${decisionLog.clientId}, ${decisionLog.principal}::text, ${decisionLog.arguments}::text, ${decisionLog.determiningPolicies}::text, ${decisionLog.logOnlyMatched}::text, ${decisionLog.decision}) ilike ${pattern}`,
    );
  }
  const limit = Math.max(1, Math.min(MAX_DECISIONS_PAGE, Math.trunc(filter.limit ?? 100)));
  const rows = await d
    .select()
    .from(decisionLog)
    .where(and(...where))
    .orderBy(desc(decisionLog.id))
    .limit(limit);
  return rows.map(toEntry);
}

export async function getDecision(gatewayId: string, id: number, db?: Db): Promise<DecisionEntry | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select()
    .from(decisionLog)
    .where(and(eq(decisionLog.gatewayId, gatewayId), eq(decisionLog.id, id)));
  return row ? toEntry(row) : null;
}

/** The distinct tools and personas seen in a gateway's log, for the filter menus. */
export async function decisionFacets(gatewayId: string, db?: Db): Promise<{ tools: string[]; personas: string[] }> {
  const d = db ?? (await getDb());
  const [tools, personas] = await Promise.all([
    d.selectDistinct({ v: decisionLog.tool }).from(decisionLog).where(eq(decisionLog.gatewayId, gatewayId)),
    d.selectDistinct({ v: decisionLog.persona }).from(decisionLog).where(eq(decisionLog.gatewayId, gatewayId)),
  ]);
  return {
    tools: tools.map((r) => r.v).sort(),
    personas: personas.map((r) => r.v).filter((v): v is string => !!v).sort(),
  };
}

/** How many recorded calls the gateway reported this LOG_ONLY policy in the decision-flip set of. */
export async function countFlipReports(gatewayId: string, policy: string, db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select({ n: sql<number>`count(*)::int` })
    .from(decisionLog)
    .where(and(eq(decisionLog.gatewayId, gatewayId), sql`${decisionLog.flips} @> ${JSON.stringify([policy])}::jsonb`));
  return row?.n ?? 0;
}

/** The gateway's most recent recorded calls, newest first, for the impact corpus (at most 10,000). */
export async function recentCalls(gatewayId: string, limit = 1000, db?: Db): Promise<DecisionEntry[]> {
  const d = db ?? (await getDb());
  const rows = await d
    .select()
    .from(decisionLog)
    .where(eq(decisionLog.gatewayId, gatewayId))
    .orderBy(desc(decisionLog.id))
    .limit(Math.max(1, Math.min(10_000, Math.trunc(limit))));
  return rows.map(toEntry);
}

function toEntry(r: typeof decisionLog.$inferSelect): DecisionEntry {
  return {
    id: r.id,
    gatewayId: r.gatewayId,
    at: r.at.toISOString(),
    clientId: r.clientId,
    persona: r.persona,
    principal: r.principal,
    tool: r.tool,
    arguments: (r.arguments ?? {}) as Record<string, unknown>,
    decision: r.decision,
    determiningPolicies: r.determiningPolicies,
    logOnlyMatched: r.logOnlyMatched,
    flips: r.flips,
    mode: r.mode,
    blocked: r.blocked,
    response: r.response ?? null,
  };
}
