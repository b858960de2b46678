import "server-only";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { toolsCall } from "@/lib/mcp/tool-call";
import type { StoredTestCase } from "@/lib/simulation/schemas";
import { getDecision } from "@/lib/store/decisions";
import { addTestCase } from "@/lib/store/test-cases";

/** Saves a recorded call as a test case expecting the decision the gateway made. */
export async function addDecisionToSuite(gatewayId: string, decisionId: number, opts: { suite?: string; name?: string } = {}, db?: Db): Promise<StoredTestCase> {
  const entry = await getDecision(gatewayId, decisionId, db);
  if (!entry) throw new AppError("not-found", `No recorded call with id ${decisionId} on this gateway.`);
  const who = entry.persona ?? entry.principal.sub;
  return addTestCase(
    {
      gatewayId,
      suite: opts.suite ?? "default",
      name: opts.name ?? `${who} → ${entry.tool} (${entry.decision.toLowerCase()}, recorded #${entry.id})`,
      principal: entry.principal,
      request: toolsCall(entry.tool, entry.arguments),
      expected: entry.decision,
    },
    db,
  );
}
