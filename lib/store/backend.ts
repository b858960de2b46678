import "server-only";
import type { Db } from "./db";

/** Frees a lock taken with `Backend.tryLock`. */
export type Release = () => Promise<void>;

/** What differs between the embedded store and a shared PostgreSQL server, beyond the SQL they share. */
export interface Backend {
  /**
   * Takes `key` for everyone using this database — other requests of this process and, on PostgreSQL,
   * every other console instance — or answers null at once when someone holds it.
   */
  tryLock(key: string): Promise<Release | null>;
  close(): Promise<void>;
}

// On globalThis like the store itself (db.ts), so a dev reload does not lose a live handle's backend.
const backends = ((globalThis as unknown as { __policyStudioBackends?: WeakMap<Db, Backend> }).__policyStudioBackends ??= new WeakMap());

export function registerBackend(db: Db, backend: Backend): Db {
  backends.set(db, backend);
  return db;
}

export function backendOf(db: Db): Backend {
  const b = backends.get(db);
  if (!b) throw new Error("This Db handle was not opened by lib/store/db.ts");
  return b;
}

/** A lock held in this process only: enough where one process owns the database (PGlite). */
export function processLocks(): Backend["tryLock"] {
  const held = new Set<string>();
  return async (key) => {
    if (held.has(key)) return null;
    held.add(key);
    return async () => {
      held.delete(key);
    };
  };
}
