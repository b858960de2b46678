import "server-only";
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { AppError } from "@/lib/errors";
import { registerBackend, type Release } from "./backend";
import type { Db } from "./db";
import * as schema from "./schema";

/**
 * The store on a shared PostgreSQL server (`DATABASE_URL`): the same schema and migration files as
 * the embedded store. Several console instances may open it at once; what must happen once (the
 * migrations, the demo seed, a publish per gateway) is serialised with advisory locks, which the
 * server frees by itself when an instance's connection dies.
 */

/** First key of every two-key advisory lock the console takes ("PS"), so its locks never meet an application's. */
export const LOCK_SPACE = 0x5053;

export async function openPostgres(url: string, migrationsFolder: string): Promise<Db> {
  const pool = newPool(url, "policy-studio", 10);
  // A held lock keeps its connection for a whole publish: locks get a pool of their own, so the
  // queries of the work done under them still find connections (up to 20 publishes at once).
  const lockPool = newPool(url, "policy-studio-locks", 20);
  const close = async () => void (await Promise.all([pool.end(), lockPool.end()]));
  try {
    await migrateLocked(lockPool, migrationsFolder);
  } catch (e) {
    await close().catch(() => undefined);
    // Drizzle wraps the driver's error in one that repeats the whole query; the driver's says what went wrong.
    const reason = e instanceof Error ? (e.cause instanceof Error ? e.cause : e).message : String(e);
    throw new AppError("store-unavailable", `The PostgreSQL store at ${redact(url)} could not be opened: ${reason}`);
  }
  const db = drizzle(pool, { schema });
  return registerBackend(db, { tryLock: (key) => tryAdvisoryLock(lockPool, key), close });
}

function newPool(url: string, name: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, application_name: name, max, keepAlive: true, connectionTimeoutMillis: 10_000 });
  // An idle connection the server drops (restart, failover) is replaced on next use; unhandled, it would end the process.
  pool.on("error", (e) => console.error(`[store] idle PostgreSQL connection lost: ${e.message}`));
  return pool;
}

/** Applies the migrations with the migration lock held, so instances starting together apply them once. */
async function migrateLocked(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("select pg_advisory_lock($1, hashtext('migrations'))", [LOCK_SPACE]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1, hashtext('migrations'))", [LOCK_SPACE]);
    }
  } catch (e) {
    broken = true;
    throw e;
  } finally {
    // A connection that failed mid-way is closed, which also frees any lock it still holds.
    client.release(broken);
  }
}

/** A session-level advisory lock on a connection kept for the lock's lifetime. */
async function tryAdvisoryLock(pool: pg.Pool, key: string): Promise<Release | null> {
  const client = await pool.connect();
  let acquired: boolean;
  try {
    const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as ok", [LOCK_SPACE, key]);
    acquired = rows[0].ok;
  } catch (e) {
    client.release(true);
    throw e;
  }
  if (!acquired) {
    client.release();
    return null;
  }
  return async () => {
    try {
      await client.query("select pg_advisory_unlock($1, hashtext($2))", [LOCK_SPACE, key]);
      client.release();
    } catch {
      client.release(true);
    }
  };
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    u.searchParams.delete("password");
    return u.toString();
  } catch {
    return "(DATABASE_URL)";
  }
}
