import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Db } from "./db";
import { testCases } from "./schema";
import { isSessionCase, type StoredTestCase as StoredCase, type TestCase } from "@/lib/simulation/schemas";

/** Saved calls with an expected decision (or saved sessions with one per call), grouped into named suites per gateway. */

export type NewTestCase = TestCase & {
  gatewayId: string;
  /** Defaults to "default". */
  suite?: string;
};

export async function addTestCase(input: NewTestCase, db?: Db): Promise<StoredCase> {
  const d = db ?? (await getDb());
  const [row] = await d
    .insert(testCases)
    .values(toRow(input, input.gatewayId, input.suite ?? "default"))
    .returning();
  return toCase(row);
}

export async function listTestCases(gatewayId: string, db?: Db): Promise<StoredCase[]> {
  const d = db ?? (await getDb());
  const rows = await d.select().from(testCases).where(eq(testCases.gatewayId, gatewayId)).orderBy(asc(testCases.suite), asc(testCases.id));
  return rows.map(toCase);
}

export async function deleteTestCase(gatewayId: string, id: number, db?: Db): Promise<boolean> {
  const d = db ?? (await getDb());
  const gone = await d.delete(testCases).where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.id, id))).returning({ id: testCases.id });
  return gone.length > 0;
}

/** A change to a case; a session replaces the case's calls (and makes it a session case). */
export type TestCaseChange = Partial<{ name: string; suite: string; principal: StoredCase["principal"]; expected: NonNullable<typeof testCases.$inferSelect.expected>; request: string | Record<string, unknown>; session: NonNullable<typeof testCases.$inferSelect.session> }>;

/** Changes a case (rename, move to another suite, change the expected decision or the call). */
export async function updateTestCase(gatewayId: string, id: number, change: TestCaseChange, db?: Db): Promise<StoredCase | null> {
  const d = db ?? (await getDb());
  // A case is one call or one session: setting either clears the other.
  const set = change.session ? { ...change, request: null, expected: null } : change.request !== undefined ? { ...change, session: null } : change;
  const [row] = await d
    .update(testCases)
    .set(set)
    .where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.id, id)))
    .returning();
  return row ? toCase(row) : null;
}

/** Deletes every case of a suite; answers how many went. */
export async function deleteSuite(gatewayId: string, suite: string, db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  const gone = await d
    .delete(testCases)
    .where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.suite, suite)))
    .returning({ id: testCases.id });
  return gone.length;
}

/** Replaces a suite's cases in one transaction (an import): all or nothing. */
export async function replaceSuite(gatewayId: string, suite: string, cases: TestCase[], db?: Db): Promise<StoredCase[]> {
  const d = db ?? (await getDb());
  const rows = await d.transaction(async (tx) => {
    await tx.delete(testCases).where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.suite, suite)));
    return cases.length ? tx.insert(testCases).values(cases.map((c) => toRow(c, gatewayId, suite))).returning() : [];
  });
  return rows.map(toCase);
}

function toRow(c: TestCase, gatewayId: string, suite: string): typeof testCases.$inferInsert {
  const common = { gatewayId, suite, name: c.name, principal: c.principal };
  return isSessionCase(c) ? { ...common, session: c.session } : { ...common, request: c.request, expected: c.expected };
}

function toCase(row: typeof testCases.$inferSelect): StoredCase {
  const common = { id: row.id, gatewayId: row.gatewayId, suite: row.suite, name: row.name, principal: row.principal, createdAt: row.createdAt.toISOString() };
  if (row.session) return { ...common, session: row.session };
  return { ...common, request: row.request!, expected: row.expected! };
}
