import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { getDb, type Db } from "./db";
import { publishJournal, type JournalIntent, type JournalState, type JournalStep } from "./schema";

export type { JournalIntent, JournalState, JournalStep } from "./schema";

/** This console process: a `running` journal of another owner, found under the gateway's lock, is one that died. */
export const JOURNAL_OWNER = `${process.pid}-${randomBytes(6).toString("hex")}`;

export interface JournalEntry {
  id: number;
  gatewayId: string;
  actor: string;
  action: "publish" | "rollback" | "resume";
  message: string;
  intent: JournalIntent;
  steps: JournalStep[];
  state: JournalState;
  startedAt: string;
  updatedAt: string;
}

export async function openJournal(entry: { gatewayId: string; actor: string; action: JournalEntry["action"]; message: string; intent: JournalIntent }, db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  const [row] = await d
    .insert(publishJournal)
    .values({ ...entry, steps: [], state: "running", owner: JOURNAL_OWNER })
    .returning({ id: publishJournal.id });
  return row.id;
}

/** Appends or replaces one step (by its index) in a single statement, so each write is whole or absent. */
export async function recordStep(id: number, step: JournalStep, db?: Db): Promise<void> {
  const d = db ?? (await getDb());
  await d
    .update(publishJournal)
    .set({
      steps: sql`(select coalesce(jsonb_agg(s), '[]'::jsonb) from jsonb_array_elements(${publishJournal.steps}) s where (s->>'index')::int <> ${step.index}) || ${JSON.stringify([step])}::jsonb`,
      updatedAt: new Date(),
    })
    .where(eq(publishJournal.id, id));
}

export async function closeJournal(id: number, state: JournalState, db?: Db): Promise<void> {
  const d = db ?? (await getDb());
  await d.update(publishJournal).set({ state, updatedAt: new Date() }).where(eq(publishJournal.id, id));
}

/**
 * Journals of this gateway still `running` under another owner. Called while holding the gateway's
 * publish lock, so their owners are gone: they are marked interrupted and returned.
 */
export async function claimInterrupted(gatewayId: string, db?: Db): Promise<JournalEntry[]> {
  const d = db ?? (await getDb());
  const rows = await d
    .update(publishJournal)
    .set({ state: "interrupted", updatedAt: new Date() })
    .where(and(eq(publishJournal.gatewayId, gatewayId), eq(publishJournal.state, "running"), ne(publishJournal.owner, JOURNAL_OWNER)))
    .returning();
  return rows.map(toEntry);
}

/** The newest interrupted publish of a gateway that nobody has resumed or rolled back. */
export async function openInterrupted(gatewayId: string, db?: Db): Promise<JournalEntry | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select()
    .from(publishJournal)
    .where(and(eq(publishJournal.gatewayId, gatewayId), eq(publishJournal.state, "interrupted")))
    .orderBy(desc(publishJournal.id))
    .limit(1);
  return row ? toEntry(row) : null;
}

/** Gateways with a journal still marked running (checked once when a console process starts). */
export async function gatewaysWithRunningJournals(db?: Db): Promise<string[]> {
  const d = db ?? (await getDb());
  const rows = await d.selectDistinct({ g: publishJournal.gatewayId }).from(publishJournal).where(eq(publishJournal.state, "running"));
  return rows.map((r) => r.g);
}

function toEntry(r: typeof publishJournal.$inferSelect): JournalEntry {
  return {
    id: r.id,
    gatewayId: r.gatewayId,
    actor: r.actor,
    action: r.action,
    message: r.message,
    intent: r.intent,
    steps: r.steps,
    state: r.state,
    startedAt: r.startedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
