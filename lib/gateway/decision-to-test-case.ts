import "server-only";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { toolsCall } from "@/lib/mcp/tool-call";
import type { StoredTestCase } from "@/lib/simulation/schemas";
import { getDecision, listDecisions, MAX_DECISIONS_PAGE } from "@/lib/store/decisions";
import { addTestCase } from "@/lib/store/test-cases";
import type { Decision } from "@/lib/cedar/cedar-api";
import { CASE_NAME_MAX, defaultCaseName, shorten } from "@/lib/simulation/case-name";

/**
 * Saves a recorded call as a test case expecting the decision the gateway made (or `expected`). A call
 * made in a policy session is saved with the session's earlier calls, in order and with their times,
 * since its decision may depend on them; `expected` is then this call's, the earlier ones keep theirs.
 * A given name that the suite already has is refused (409); the default one is numbered.
 */
export async function addDecisionToSuite(gatewayId: string, decisionId: number, opts: { suite?: string; name?: string; expected?: Decision } = {}, db?: Db): Promise<StoredTestCase> {
  const entry = await getDecision(gatewayId, decisionId, db);
  if (!entry) throw new AppError("not-found", `No recorded call with id ${decisionId} on this gateway.`);
  const common = { gatewayId, suite: opts.suite ?? "default", principal: entry.principal };
  const ifNameTaken = opts.name === undefined ? "number" : "refuse";
  const called = defaultCaseName({ tool: entry.tool, arguments: entry.arguments, who: entry.persona ?? entry.principal.sub });
  if (entry.sessionId === null || entry.sessionCall === null) {
    return addTestCase({ ...common, name: opts.name ?? called, request: toolsCall(entry.tool, entry.arguments), expected: opts.expected ?? entry.decision }, db, ifNameTaken);
  }
  const upTo = entry.sessionCall;
  const earlier = (await listDecisions(gatewayId, { session: entry.sessionId, limit: MAX_DECISIONS_PAGE }, db))
    .filter((e) => e.principal.sub === entry.principal.sub && e.sessionCall !== null && e.sessionCall <= upTo && e.id <= entry.id)
    .sort((a, b) => a.sessionCall! - b.sessionCall! || a.id - b.id);
  const name = opts.name ?? shorten(`${called} (session ${entry.sessionId}, ${earlier.length} calls)`, CASE_NAME_MAX);
  const session = earlier.map((e) => ({ request: toolsCall(e.tool, e.arguments), expected: e.id === entry.id && opts.expected ? opts.expected : e.decision, at: e.at }));
  return addTestCase({ ...common, name, session }, db, ifNameTaken);
}
