import "server-only";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { toolsCall } from "@/lib/mcp/tool-call";
import type { StoredTestCase } from "@/lib/simulation/schemas";
import { getDecision, listDecisions, MAX_DECISIONS_PAGE } from "@/lib/store/decisions";
import { addTestCase } from "@/lib/store/test-cases";

/**
 * Saves a recorded call as a test case expecting the decision the gateway made. A call made in a
 * policy session is saved with the session's earlier calls, in order and with their times, since its
 * decision may depend on them.
 */
export async function addDecisionToSuite(gatewayId: string, decisionId: number, opts: { suite?: string; name?: string } = {}, db?: Db): Promise<StoredTestCase> {
  const entry = await getDecision(gatewayId, decisionId, db);
  if (!entry) throw new AppError("not-found", `No recorded call with id ${decisionId} on this gateway.`);
  const who = entry.persona ?? entry.principal.sub;
  const common = { gatewayId, suite: opts.suite ?? "default", principal: entry.principal };
  if (entry.sessionId === null || entry.sessionCall === null) {
    const name = opts.name ?? `${who} → ${entry.tool} (${entry.decision.toLowerCase()}, recorded #${entry.id})`;
    return addTestCase({ ...common, name, request: toolsCall(entry.tool, entry.arguments), expected: entry.decision }, db);
  }
  const upTo = entry.sessionCall;
  const earlier = (await listDecisions(gatewayId, { session: entry.sessionId, limit: MAX_DECISIONS_PAGE }, db))
    .filter((e) => e.principal.sub === entry.principal.sub && e.sessionCall !== null && e.sessionCall <= upTo && e.id <= entry.id)
    .sort((a, b) => a.sessionCall! - b.sessionCall! || a.id - b.id);
  const name = opts.name ?? `${who} → session ${entry.sessionId} to ${entry.tool} (${earlier.length} calls, recorded #${entry.id})`;
  const session = earlier.map((e) => ({ request: toolsCall(e.tool, e.arguments), expected: e.decision, at: e.at }));
  return addTestCase({ ...common, name, session }, db);
}
