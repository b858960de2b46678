import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Db } from "./db";
import { testCases } from "./schema";
import type { StoredTestCase as StoredCase, TestCase } from "@/lib/simulation/schemas";

/** Saved calls with an expected decision, grouped into named suites per gateway. */

export interface NewTestCase extends TestCase {
  gatewayId: string;
  /** Defaults to "default". */
  suite?: string;
}

export async function addTestCase(input: NewTestCase, db?: Db): Promise<StoredCase> {
  const d = db ?? (await getDb());
  const [row] = await d
    .insert(testCases)
    .values({ ...input, suite: input.suite ?? "default" })
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

export type TestCaseChange = Partial<Pick<StoredCase, "name" | "suite" | "expected" | "principal" | "request">>;

/** Changes a case (rename, move to another suite, change the expected decision or the call). */
export async function updateTestCase(gatewayId: string, id: number, change: TestCaseChange, db?: Db): Promise<StoredCase | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .update(testCases)
    .set(change)
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
export async function replaceSuite(gatewayId: string, suite: string, cases: Array<Omit<NewTestCase, "gatewayId" | "suite">>, db?: Db): Promise<StoredCase[]> {
  const d = db ?? (await getDb());
  const rows = await d.transaction(async (tx) => {
    await tx.delete(testCases).where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.suite, suite)));
    return cases.length ? tx.insert(testCases).values(cases.map((c) => ({ ...c, gatewayId, suite }))).returning() : [];
  });
  return rows.map(toCase);
}

function toCase(row: typeof testCases.$inferSelect): StoredCase {
  return {
    id: row.id,
    gatewayId: row.gatewayId,
    suite: row.suite,
    name: row.name,
    principal: row.principal,
    request: row.request,
    expected: row.expected,
    createdAt: row.createdAt.toISOString(),
  };
}
