import "server-only";
import { eq, like } from "drizzle-orm";
import type { Db } from "./db";
import { auditLog, decisionLog, drafts, gatewayClients, personas, publishVersions, settings, testCases } from "./schema";

/**
 * Everything the console keeps for one gateway beside the control plane's records: its draft,
 * personas and their OAuth clients, suites, publish history, audit entries, decision log and tools
 * listed through its MCP endpoint. Deleted with the gateway (in the caller's transaction), so
 * nothing is left pointing at a gateway that no longer exists.
 */
export async function deleteGatewayData(gatewayId: string, db: Db): Promise<void> {
  await db.delete(drafts).where(eq(drafts.gatewayId, gatewayId));
  await db.delete(personas).where(eq(personas.gatewayId, gatewayId));
  await db.delete(gatewayClients).where(eq(gatewayClients.gatewayId, gatewayId));
  await db.delete(testCases).where(eq(testCases.gatewayId, gatewayId));
  await db.delete(publishVersions).where(eq(publishVersions.gatewayId, gatewayId));
  await db.delete(auditLog).where(eq(auditLog.gatewayId, gatewayId));
  await db.delete(decisionLog).where(eq(decisionLog.gatewayId, gatewayId));
  await db.delete(settings).where(like(settings.key, `%:${gatewayId.replace(/[\\%_]/g, (c) => `\\${c}`)}`));
}
