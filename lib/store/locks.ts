import "server-only";
import { backendOf } from "./backend";
import type { Db } from "./db";

/**
 * Runs `fn` holding `key` for everyone on this store (every console instance on a shared database),
 * or throws `busy()` at once when it is held: callers answer 409 rather than queue behind a publish.
 */
export async function withExclusiveLock<T>(db: Db, key: string, fn: () => Promise<T>, busy: () => Error): Promise<T> {
  const release = await backendOf(db).tryLock(key);
  if (!release) throw busy();
  try {
    return await fn();
  } finally {
    await release();
  }
}
