import "server-only";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { EngineMode } from "@/lib/agentcore/types";
import type { Decision } from "@/lib/cedar/cedar-api";
import type { CallPrincipal } from "@/lib/mcp/principal";
import { getDb, type Db } from "./db";
import type { JsonRpcResponse } from "@/lib/mcp/json-rpc";
import { decisionLog, type RecordedResponse, type TemporalEvidence } from "./schema";

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
  /** An allowed call to an MCP server target that got no answer from it: the gateway's error message. */
  upstreamError?: string | null;
  /** The policy session id the call carried, and the call's position in that session. */
  sessionId?: string | null;
  sessionCall?: number | null;
  /** Temporal conditions that held, with the session's earlier events that made them true. */
  temporal?: TemporalEvidence[];
  /** Evaluation errors and why a call was denied beyond its policies (e.g. fail closed). */
  errors?: string[];
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


export interface DecisionEntry extends Omit<NewDecision, "at" | "upstreamError" | "sessionId" | "sessionCall" | "temporal" | "errors" | "response"> {
  id: number;
  at: string;
  upstreamError: string | null;
  sessionId: string | null;
  sessionCall: number | null;
  temporal: TemporalEvidence[];
  errors: string[];
  response: RecordedResponse | null;
}

export interface DecisionFilter {
  decision?: Decision;
  tool?: string;
  persona?: string;
  /** One policy session's calls. */
  session?: string;
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

// Writes the local gateway left running after answering its calls; on globalThis like the store itself.
const pending = ((globalThis as unknown as { __policyStudioDecisionWrites?: Set<Promise<void>> }).__policyStudioDecisionWrites ??= new Set());

/**
 * Lets a decision's write finish after the call was answered (the log is off the call's critical
 * path). Every read of the log in this process first waits for the writes still running, so a caller
 * who made a call and then reads the log finds it there.
 */
export function writeInBackground(write: Promise<void>): void {
  const p = write.catch((e) => console.error("[decisions] an entry could not be recorded:", e instanceof Error ? e.message : e)).finally(() => pending.delete(p));
  pending.add(p);
}

async function settled(): Promise<void> {
  if (pending.size > 0) await Promise.all([...pending]);
}

/** Many entries in one statement (the gateway batches concurrent calls' entries). */
export async function recordDecisions(entries: NewDecision[], db?: Db): Promise<void> {
  if (entries.length === 0) return;
  const d = db ?? (await getDb());
  await d.insert(decisionLog).values(entries);
}

/** Newest first, filtered. */
export async function listDecisions(gatewayId: string, filter: DecisionFilter = {}, db?: Db): Promise<DecisionEntry[]> {
  await settled();
  const d = db ?? (await getDb());
  const where: SQL[] = [eq(decisionLog.gatewayId, gatewayId)];
  if (filter.decision) where.push(eq(decisionLog.decision, filter.decision));
  if (filter.tool) where.push(eq(decisionLog.tool, filter.tool));
  if (filter.persona) where.push(eq(decisionLog.persona, filter.persona));
  if (filter.session) where.push(eq(decisionLog.sessionId, filter.session));
  if (filter.beforeId) where.push(lt(decisionLog.id, filter.beforeId));
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`concat_ws(' ', ${decisionLog.tool}, ${decisionLog.persona}, ${decisionLog.clientId}, ${decisionLog.principal}::text, ${decisionLog.arguments}::text, ${decisionLog.determiningPolicies}::text, ${decisionLog.logOnlyMatched}::text, ${decisionLog.decision}, ${decisionLog.sessionId}) ilike ${pattern}`,
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
  await settled();
  const d = db ?? (await getDb());
  const [row] = await d
    .select()
    .from(decisionLog)
    .where(and(eq(decisionLog.gatewayId, gatewayId), eq(decisionLog.id, id)));
  return row ? toEntry(row) : null;
}

/** The distinct tools and personas seen in a gateway's log, for the filter menus. */
export async function decisionFacets(gatewayId: string, db?: Db): Promise<{ tools: string[]; personas: string[] }> {
  await settled();
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
  await settled();
  const d = db ?? (await getDb());
  const [row] = await d
    .select({ n: sql<number>`count(*)::int` })
    .from(decisionLog)
    .where(and(eq(decisionLog.gatewayId, gatewayId), sql`${decisionLog.flips} @> ${JSON.stringify([policy])}::jsonb`));
  return row?.n ?? 0;
}

/** The gateway's most recent recorded calls, newest first, for the impact corpus (at most 10,000). */
export async function recentCalls(gatewayId: string, limit = 1000, db?: Db): Promise<DecisionEntry[]> {
  await settled();
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
    upstreamError: r.upstreamError,
    sessionId: r.sessionId,
    sessionCall: r.sessionCall,
    temporal: r.temporal,
    errors: r.errors,
    response: r.response ?? null,
  };
}
