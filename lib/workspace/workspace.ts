import "server-only";
import { eq } from "drizzle-orm";
import { getControlPlane } from "@/lib/agentcore";
import { loadGateway } from "@/lib/agentcore/cached";
import type { EnginePolicy, GatewayDetail } from "@/lib/agentcore/types";
import { getDb } from "@/lib/store/db";
import { deleteDraft, getDraft, type StoredDraft } from "@/lib/store/drafts";
import { personas } from "@/lib/store/schema";
import { toDocument } from "./document";
import type { EditorContext } from "./editor-context";
import { publishedPolicies, publishedVersion } from "./published";
import { gatewaySchema } from "@/lib/cedar/gateway-schema";
import type { SimGateway } from "@/lib/simulation/types";
import { editorContext } from "./schema";
import { simGatewayOf } from "./sim-gateway";

/** Claim names every OAuth gateway's tokens can carry, before any persona adds its own. */
const COMMON_CLAIMS = ["role", "department", "scope", "client_id", "username", "groups"];

export interface LoadedWorkspace {
  gateway: GatewayDetail;
  published: EnginePolicy[];
  publishedText: string;
  /** The saved draft, or the published set when there is none yet (`updatedAt: null`). */
  draft: { text: string; updatedAt: string | null; baseVersion: string };
  context: EditorContext;
  /** The simulator's view of the gateway (sent to the browser's worker too). */
  sim: SimGateway;
}

export async function loadWorkspace(gatewayId: string): Promise<LoadedWorkspace> {
  const gateway = await loadGateway(gatewayId);
  const schema = gatewaySchema(gateway);
  const [published, stored, claimNames, cp] = await Promise.all([publishedPolicies(gateway), getDraft(gatewayId), knownClaims(gatewayId), getControlPlane()]);
  const publishedText = toDocument(published);
  const baseVersion = publishedVersion(published);
  return {
    gateway,
    published,
    publishedText,
    draft: draftOrPublished(stored, publishedText, baseVersion),
    context: editorContext(gateway, schema, claimNames),
    sim: simGatewayOf(gateway, schema.json as Record<string, unknown>, { localOutputs: cp.kind === "local" }),
  };
}

function draftOrPublished(stored: StoredDraft | null, publishedText: string, baseVersion: string) {
  return stored ? { text: stored.text, updatedAt: stored.updatedAt, baseVersion: stored.baseVersion } : { text: publishedText, updatedAt: null, baseVersion };
}

/** Resets the draft to the published set. */
export async function discardDraft(gatewayId: string): Promise<{ text: string; updatedAt: string; baseVersion: string }> {
  await deleteDraft(gatewayId);
  const published = await publishedPolicies(await loadGateway(gatewayId));
  return { text: toDocument(published), updatedAt: new Date().toISOString(), baseVersion: publishedVersion(published) };
}

async function knownClaims(gatewayId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.select({ claims: personas.claims }).from(personas).where(eq(personas.gatewayId, gatewayId));
  return [...new Set([...COMMON_CLAIMS, ...rows.flatMap((r) => Object.keys(r.claims))])];
}
