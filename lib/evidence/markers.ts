import "server-only";
import { listAudit } from "@/lib/store/history";
import type { TimeMarker } from "./types";

const KINDS: Record<string, TimeMarker["kind"]> = { "mode-switch": "mode-switch", publish: "publish", rollback: "publish", promote: "publish" };

/** Mode switches and publishes (rollbacks and promotions publish too) that took effect, oldest first. */
export async function auditMarkers(gatewayId: string): Promise<TimeMarker[]> {
  const entries = await listAudit(gatewayId, 500);
  return entries
    .filter((e) => KINDS[e.action] && e.result !== "failure")
    .map((e) => ({ at: e.at, kind: KINDS[e.action], label: e.summary }))
    .reverse();
}
