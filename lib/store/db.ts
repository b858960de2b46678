import "server-only";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { config } from "@/lib/config";
import { backendOf } from "./backend";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";
import type * as schema from "./schema";

/** The store, whichever driver holds it: every query module takes this and runs unchanged on both. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

const MIGRATIONS = path.join(process.cwd(), "lib/store/migrations");

// Survives Next's module reloads in dev: PGlite holds an exclusive lock on its data directory.
const holder = globalThis as unknown as { __policyStudioDb?: Map<string, Promise<Db>> };

/** Where the configured store lives: `DATABASE_URL` when set, else the PGlite data directory. */
export function storeLocation(): string {
  const cfg = config();
  return cfg.databaseUrl ?? cfg.dataDir;
}

const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/**
 * The store at a location (default: the configured one), opened and migrated once per process. A
 * location is a `postgres://` URL or a PGlite data directory (`memory://…` for a throwaway one).
 */
export function getDb(location: string = storeLocation()): Promise<Db> {
  holder.__policyStudioDb ??= new Map();
  let db = holder.__policyStudioDb.get(location);
  if (!db) {
    db = openDb(location);
    holder.__policyStudioDb.set(location, db);
    db.catch(() => holder.__policyStudioDb?.delete(location));
  }
  return db;
}

/** A new handle of its own (not shared through `getDb`): a second console instance, in tests. */
export function openDb(location: string): Promise<Db> {
  return isPostgresUrl(location) ? openPostgres(location, MIGRATIONS) : openPglite(location, MIGRATIONS);
}

/** Closes a handle (its pool or embedded database) and forgets it. */
export async function closeDb(db: Db): Promise<void> {
  for (const [location, p] of holder.__policyStudioDb ?? []) {
    if ((await p.catch(() => null)) === db) holder.__policyStudioDb?.delete(location);
  }
  await backendOf(db).close();
}

/** The rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Pick<Db, "execute">, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
