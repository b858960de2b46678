import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { processLocks, registerBackend } from "./backend";
import type { Db } from "./db";
import * as schema from "./schema";

/** The embedded store in a data directory (or `memory://…`), migrated. One process owns it. */
export async function openPglite(dataDir: string, migrationsFolder: string): Promise<Db> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema });
  try {
    await migrate(db, { migrationsFolder });
  } catch (e) {
    await client.close().catch(() => undefined);
    throw e;
  }
  return registerBackend(db, { tryLock: processLocks(), close: () => client.close() });
}
