import "server-only";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { getDecision, toRecordedCall } from "@/lib/store/decisions";
import { addTestCase, type TestCase } from "@/lib/store/test-cases";

/** Saves a recorded call as a test case expecting the decision the gateway made. */
export async function addDecisionToSuite(gatewayId: string, decisionId: number, opts: { suite?: string; name?: string } = {}, db?: Db): Promise<TestCase> {
  const entry = await getDecision(gatewayId, decisionId, db);
  if (!entry) throw new AppError("not-found", `No recorded call with id ${decisionId} on this gateway.`);
  const call = toRecordedCall(entry);
  const who = entry.persona ?? entry.principal.sub;
  return addTestCase(
    {
      gatewayId,
      suite: opts.suite ?? "default",
      name: opts.name ?? `${who} → ${entry.tool} (${entry.decision.toLowerCase()}, recorded #${entry.id})`,
      principal: entry.principal,
      request: call.request,
      expected: entry.decision,
    },
    db,
  );
}
