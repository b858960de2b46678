import "server-only";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle, type PgliteDatabase } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { config } from "@/lib/config";
import * as schema from "./schema";

export type Db = PgliteDatabase<typeof schema>;

// Survives Next's module reloads in dev: PGlite holds an exclusive lock on its data directory.
const holder = globalThis as unknown as { __policyStudioDb?: Map<string, Promise<Db>> };

/** The store for a data directory (default: the configured one), migrated on first use. */
export function getDb(dataDir: string = config().dataDir): Promise<Db> {
  holder.__policyStudioDb ??= new Map();
  let db = holder.__policyStudioDb.get(dataDir);
  if (!db) {
    db = open(dataDir);
    holder.__policyStudioDb.set(dataDir, db);
    db.catch(() => holder.__policyStudioDb?.delete(dataDir));
  }
  return db;
}

async function open(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: path.join(process.cwd(), "lib/store/migrations") });
  return db;
}
