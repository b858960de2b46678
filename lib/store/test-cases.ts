import "server-only";
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
