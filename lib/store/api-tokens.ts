import "server-only";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Role } from "@/lib/roles";
import { getDb, type Db } from "./db";
import { apiTokens } from "./schema";

/** API tokens as the console lists them: never the secret, which only its SHA-256 stands for. */
export interface ApiTokenInfo {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** What a request presenting the token acts as. */
export interface TokenHolder {
  id: number;
  name: string;
  role: Role;
  createdBySubject: string;
}

export async function insertApiToken(
  input: { name: string; role: Role; tokenHash: string; prefix: string; createdBy: string; createdBySubject: string; expiresAt: Date | null },
  db?: Db,
): Promise<ApiTokenInfo | null> {
  const d = db ?? (await getDb());
  const [row] = await d.insert(apiTokens).values(input).onConflictDoNothing().returning();
  return row ? toInfo(row) : null;
}

/** Tokens, newest first: everyone's, or the ones one person created. */
export async function listApiTokens(filter: { createdBySubject?: string } = {}, db?: Db): Promise<ApiTokenInfo[]> {
  const d = db ?? (await getDb());
  const rows = await d
    .select()
    .from(apiTokens)
    .where(filter.createdBySubject === undefined ? undefined : eq(apiTokens.createdBySubject, filter.createdBySubject))
    .orderBy(desc(apiTokens.id))
    .limit(500);
  return rows.map(toInfo);
}

export async function getApiToken(id: number, db?: Db): Promise<(ApiTokenInfo & { createdBySubject: string }) | null> {
  const d = db ?? (await getDb());
  const [row] = await d.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row ? { ...toInfo(row), createdBySubject: row.createdBySubject } : null;
}

/** Revokes a live token; null when there is none with that id or it was already revoked. */
export async function revokeApiToken(id: number, by: string, db?: Db): Promise<ApiTokenInfo | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .update(apiTokens)
    .set({ revokedAt: new Date(), revokedBy: by })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row ? toInfo(row) : null;
}

/** The live (not revoked, not expired) token with this hash, marking it used at most once a minute. */
export async function findLiveToken(tokenHash: string, now = new Date(), db?: Db): Promise<TokenHolder | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), sql`${apiTokens.expiresAt} > ${now}`)));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await d
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
  }
  return { id: row.id, name: row.name, role: row.role, createdBySubject: row.createdBySubject };
}

function toInfo(r: typeof apiTokens.$inferSelect): ApiTokenInfo {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    expiresAt: iso(r.expiresAt),
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
    revokedBy: r.revokedBy,
  };
}
