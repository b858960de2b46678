import { randomBytes } from "node:crypto";
import pg from "pg";
import { getTableName, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, beforeEach, inject } from "vitest";
import { createLocalControlPlane } from "@/lib/agentcore/local";
import type { ControlPlane } from "@/lib/agentcore/types";
import { closeDb, openDb, type Db } from "@/lib/store/db";
import * as schema from "@/lib/store/schema";

/** The two backends every store contract runs on. */
export const BACKENDS = ["PGlite", "PostgreSQL"] as const;
export type BackendName = (typeof BACKENDS)[number];

const created: string[] = [];
const opened: Db[] = [];
let n = 0;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject("postgresUrl") });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Where a new, empty store lives: an in-memory PGlite, or a new database on the test server. */
export async function emptyStoreLocation(backend: BackendName): Promise<string> {
  if (backend === "PGlite") return `memory://store-test-${process.pid}-${n++}`;
  const name = `ps_test_${process.pid}_${n++}_${randomBytes(3).toString("hex")}`;
  await admin((c) => c.query(`create database "${name}"`));
  created.push(name);
  const url = new URL(inject("postgresUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated store of its own on the backend, closed by `closeStores`. */
export async function openStore(backend: BackendName, location?: string): Promise<Db> {
  const db = await openDb(location ?? (await emptyStoreLocation(backend)));
  opened.push(db);
  return db;
}

const tables: PgTable[] = Object.values(schema).filter((t) => t instanceof PgTable);

/** Empties every table and restarts the serial ids, so each test starts from an unseeded store. */
export async function resetStore(db: Db): Promise<void> {
  await db.execute(sql.raw(`truncate table ${tables.map((t) => `"${getTableName(t)}"`).join(", ")} restart identity cascade`));
}

/** Closes what this file opened and drops the databases it made (they may live on a server of the developer's). */
export async function closeStores(): Promise<void> {
  await Promise.all(opened.splice(0).map((db) => closeDb(db)));
  if (created.length === 0) return;
  await admin(async (c) => {
    for (const name of created.splice(0)) await c.query(`drop database if exists "${name}" with (force)`);
  });
}

/**
 * For a describe block per backend: a store of its own, emptied before each test, and a local control
 * plane on it (which seeds the demo on first use). Read `ctx.db` and `ctx.cp` inside the tests.
 */
export function localControlPlaneEach(backend: BackendName): { db: Db; cp: ControlPlane } {
  const ctx = {} as { db: Db; cp: ControlPlane };
  beforeAll(async () => {
    ctx.db = await openStore(backend);
  });
  beforeEach(async () => {
    await resetStore(ctx.db);
    ctx.cp = createLocalControlPlane(ctx.db, { publicUrl: "http://127.0.0.1:3999" });
  });
  return ctx;
}
