import "server-only";
import { eq } from "drizzle-orm";
import { loadGateway } from "@/lib/agentcore/cached";
import type { EnginePolicy, GatewayDetail } from "@/lib/agentcore/types";
import { getDb } from "@/lib/store/db";
import { deleteDraft, getDraft, type StoredDraft } from "@/lib/store/drafts";
import { personas } from "@/lib/store/schema";
import { toDocument } from "./document";
import type { EditorContext } from "./editor-context";
import { publishedPolicies, publishedVersion } from "./published";
import { editorContext, gatewaySchema } from "./schema";

/** Claim names every OAuth gateway's tokens can carry, before any persona adds its own. */
const COMMON_CLAIMS = ["role", "department", "scope", "client_id", "username", "groups"];

export interface LoadedWorkspace {
  gateway: GatewayDetail;
  published: EnginePolicy[];
  publishedText: string;
  /** The saved draft, or the published set when there is none yet (`updatedAt: null`). */
  draft: { text: string; updatedAt: string | null; baseVersion: string };
  context: EditorContext;
}

export async function loadWorkspace(gatewayId: string): Promise<LoadedWorkspace> {
  const gateway = await loadGateway(gatewayId);
  const [published, schema, stored, claimNames] = await Promise.all([publishedPolicies(gateway), gatewaySchema(gateway), getDraft(gatewayId), knownClaims(gatewayId)]);
  const publishedText = toDocument(published);
  const baseVersion = publishedVersion(published);
  return {
    gateway,
    published,
    publishedText,
    draft: draftOrPublished(stored, publishedText, baseVersion),
    context: editorContext(gateway, schema, claimNames),
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
