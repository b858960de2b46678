import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "./db";
import { drafts } from "./schema";

export interface StoredDraft {
  text: string;
  baseVersion: string;
  updatedAt: string;
}

export async function getDraft(gatewayId: string, d?: Db): Promise<StoredDraft | null> {
  const db = d ?? (await getDb());
  const [row] = await db.select().from(drafts).where(eq(drafts.gatewayId, gatewayId));
  return row ? { text: row.text, baseVersion: row.baseVersion, updatedAt: row.updatedAt.toISOString() } : null;
}

/**
 * Saves the draft with the version it was written against; it never takes another base silently.
 * Moving the base (after a publish or an accepted conflict) is the same write with the new version.
 */
export async function saveDraft(gatewayId: string, text: string, baseVersion: string, d?: Db): Promise<StoredDraft> {
  const db = d ?? (await getDb());
  const now = new Date();
  const [row] = await db
    .insert(drafts)
    .values({ gatewayId, text, baseVersion, updatedAt: now })
    .onConflictDoUpdate({ target: drafts.gatewayId, set: { text, baseVersion, updatedAt: now } })
    .returning();
  return { text: row.text, baseVersion: row.baseVersion, updatedAt: row.updatedAt.toISOString() };
}

export async function deleteDraft(gatewayId: string, d?: Db): Promise<void> {
  const db = d ?? (await getDb());
  await db.delete(drafts).where(eq(drafts.gatewayId, gatewayId));
}

/** Every saved draft's text by gateway, in one query (the gateways list shows which have unpublished work). */
export async function listDraftTexts(d?: Db): Promise<Map<string, string>> {
  const db = d ?? (await getDb());
  const rows = await db.select({ gatewayId: drafts.gatewayId, text: drafts.text }).from(drafts);
  return new Map(rows.map((r) => [r.gatewayId, r.text]));
}
