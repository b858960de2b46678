import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Db } from "./db";
import { testCases } from "./schema";

/** Saved calls with an expected decision (test suites). Minimal for now: suites build on it. */

export interface NewTestCase {
  gatewayId: string;
  /** Defaults to "default". */
  suite?: string;
  name: string;
  principal: { type?: "OAuthUser" | "IamEntity"; sub: string; claims: Record<string, unknown> };
  /** A JSON-RPC `tools/call` body. */
  request: unknown;
  expected: "ALLOW" | "DENY";
}

export interface TestCase extends Required<Omit<NewTestCase, "suite">> {
  id: number;
  suite: string;
  createdAt: string;
}

export async function addTestCase(input: NewTestCase, db?: Db): Promise<TestCase> {
  const d = db ?? (await getDb());
  const [row] = await d
    .insert(testCases)
    .values({ ...input, suite: input.suite ?? "default" })
    .returning();
  return toCase(row);
}

export async function listTestCases(gatewayId: string, db?: Db): Promise<TestCase[]> {
  const d = db ?? (await getDb());
  const rows = await d.select().from(testCases).where(eq(testCases.gatewayId, gatewayId)).orderBy(asc(testCases.suite), asc(testCases.id));
  return rows.map(toCase);
}

export async function deleteTestCase(gatewayId: string, id: number, db?: Db): Promise<boolean> {
  const d = db ?? (await getDb());
  const gone = await d.delete(testCases).where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.id, id))).returning({ id: testCases.id });
  return gone.length > 0;
}

/** Replaces a suite's cases in one transaction (an import): all or nothing. */
export async function replaceSuite(gatewayId: string, suite: string, cases: Array<Omit<NewTestCase, "gatewayId" | "suite">>, db?: Db): Promise<TestCase[]> {
  const d = db ?? (await getDb());
  const rows = await d.transaction(async (tx) => {
    await tx.delete(testCases).where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.suite, suite)));
    return cases.length ? tx.insert(testCases).values(cases.map((c) => ({ ...c, gatewayId, suite }))).returning() : [];
  });
  return rows.map(toCase);
}

function toCase(row: typeof testCases.$inferSelect): TestCase {
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
