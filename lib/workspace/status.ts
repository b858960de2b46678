import "server-only";
import { getControlPlane } from "@/lib/agentcore";
import type { EnginePolicy, GatewaySummary } from "@/lib/agentcore/types";
import { listDraftTexts } from "@/lib/store/drafts";
import { toDocument } from "./document";

/** Whether the gateway's saved draft is something other than what its engine holds. */
export type DraftState = "none" | "unpublished" | "published";

export interface GatewayStatus {
  /** Policies in the gateway's engine; 0 without an engine, null when they could not be read. */
  policyCount: number | null;
  draft: DraftState | null;
  /** Why the policies could not be read. */
  error?: string;
}

/** A saved draft differs from the published set unless its text is the published document (spacing at the ends aside). */
export function draftState(draft: string | null | undefined, published: EnginePolicy[]): DraftState {
  if (draft === null || draft === undefined) return "none";
  return draft.trim() === toDocument(published).trim() ? "published" : "unpublished";
}

export interface StatusDeps {
  listPolicies(policyEngineId: string): Promise<EnginePolicy[]>;
  listDraftTexts(): Promise<Map<string, string>>;
}

/**
 * Policy count and draft state for each gateway: one read of the policies per engine (engines can be
 * shared), one query for all drafts. Never rejects: a gateway whose policies cannot be read says so.
 */
export async function gatewayStatuses(gateways: Array<Pick<GatewaySummary, "gatewayId" | "policyEngine">>, deps?: StatusDeps): Promise<Record<string, GatewayStatus>> {
  const d = deps ?? (await defaultDeps());
  const engines = [...new Set(gateways.flatMap((g) => (g.policyEngine ? [g.policyEngine.policyEngineId] : [])))];
  const [drafts, ...read] = await Promise.all([
    d.listDraftTexts().catch(() => null),
    ...engines.map((id) =>
      d.listPolicies(id).then(
        (policies) => ({ id, policies }),
        (e: unknown) => ({ id, error: e instanceof Error ? e.message : String(e) }),
      ),
    ),
  ]);
  const byEngine = new Map(read.map((r) => [r.id, r]));
  const out: Record<string, GatewayStatus> = {};
  for (const g of gateways) {
    const r = g.policyEngine ? byEngine.get(g.policyEngine.policyEngineId) : { policies: [] as EnginePolicy[] };
    if (!r || !("policies" in r)) {
      out[g.gatewayId] = { policyCount: null, draft: null, error: r && "error" in r ? r.error : undefined };
      continue;
    }
    out[g.gatewayId] = { policyCount: r.policies.length, draft: drafts ? draftState(drafts.get(g.gatewayId), r.policies) : null };
  }
  return out;
}

async function defaultDeps(): Promise<StatusDeps> {
  const cp = await getControlPlane();
  return { listPolicies: (id) => cp.listPolicies(id), listDraftTexts: () => listDraftTexts() };
}
