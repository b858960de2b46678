import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { numberedName, uniqueNames } from "@/lib/simulation/case-name";
import { getDb, type Db } from "./db";
import { testCases } from "./schema";
import { isSessionCase, type StoredTestCase as StoredCase, type TestCase } from "@/lib/simulation/schemas";

/** Saved calls with an expected decision (or saved sessions with one per call), grouped into named suites per gateway. */

export type NewTestCase = TestCase & {
  gatewayId: string;
  /** Defaults to "default". */
  suite?: string;
};

/**
 * What to do when the suite already has a case of that name: `refuse` (a name the user gave: 409
 * `conflict`) or `number` it "… (2)" (a name the console made up).
 */
export type IfNameTaken = "refuse" | "number";

/** Names are unique within a suite, so a run's report and the Suites panel can be read. */
export async function addTestCase(input: NewTestCase, db?: Db, ifNameTaken: IfNameTaken = "refuse"): Promise<StoredCase> {
  const d = db ?? (await getDb());
  const suite = input.suite ?? "default";
  const row = await d.transaction(async (tx) => {
    const taken = await namesIn(tx, input.gatewayId, suite);
    if (taken.includes(input.name) && ifNameTaken === "refuse") throw nameTaken(suite, input.name, taken);
    const [inserted] = await tx
      .insert(testCases)
      .values(toRow({ ...input, name: numberedName(input.name, taken) }, input.gatewayId, suite))
      .returning();
    return inserted;
  });
  return toCase(row);
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function namesIn(d: Db | Tx, gatewayId: string, suite: string, except?: number): Promise<string[]> {
  const where = and(eq(testCases.gatewayId, gatewayId), eq(testCases.suite, suite), except === undefined ? undefined : ne(testCases.id, except));
  return (await d.select({ name: testCases.name }).from(testCases).where(where)).map((r) => r.name);
}

function nameTaken(suite: string, name: string, taken: string[]): AppError {
  const free = numberedName(name, taken);
  return new AppError("conflict", `Suite "${suite}" already has a case named "${name}".`, { suite, name, free }, `Choose another name, e.g. "${free}".`);
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
  const row = await d.transaction(async (tx) => {
    const [current] = await tx.select({ name: testCases.name, suite: testCases.suite }).from(testCases).where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.id, id)));
    if (!current) return undefined;
    // A rename, or a move into a suite that has a case of that name, would make two of one name.
    const name = change.name ?? current.name;
    const suite = change.suite ?? current.suite;
    if (name !== current.name || suite !== current.suite) {
      const taken = await namesIn(tx, gatewayId, suite, id);
      if (taken.includes(name)) throw nameTaken(suite, name, taken);
    }
    const [updated] = await tx
      .update(testCases)
      .set(set)
      .where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.id, id)))
      .returning();
    return updated;
  });
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

/**
 * Replaces a suite's cases in one transaction (an import): all or nothing. A file written before names
 * were unique may repeat one; every case is kept, the later ones numbered.
 */
export async function replaceSuite(gatewayId: string, suite: string, cases: TestCase[], db?: Db): Promise<StoredCase[]> {
  const d = db ?? (await getDb());
  const names = uniqueNames(cases.map((c) => c.name));
  const rows = await d.transaction(async (tx) => {
    await tx.delete(testCases).where(and(eq(testCases.gatewayId, gatewayId), eq(testCases.suite, suite)));
    return cases.length ? tx.insert(testCases).values(cases.map((c, i) => toRow({ ...c, name: names[i] }, gatewayId, suite))).returning() : [];
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
