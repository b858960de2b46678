import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "./db";
import { gatewayClients, personas, settings } from "./schema";

/**
 * OAuth clients of the local MCP gateway (one per persona of a gateway) and the workspace's token
 * signing key. Secrets are workspace data: shown in the local console, never logged.
 */

export interface GatewayClient {
  clientId: string;
  clientSecret: string;
  gatewayId: string;
  persona: string;
  sub: string;
  claims: Record<string, unknown>;
}

/** The personas a gateway starts with when it has none: one that may act, one that may look, one admin. */
export const DEFAULT_PERSONAS: ReadonlyArray<{ name: string; sub: string; claims: Record<string, string> }> = [
  { name: "refund-agent", sub: "refund-agent", claims: { role: "refund-agent", department: "support", scope: "refunds:write orders:read" } },
  { name: "support-viewer", sub: "support-viewer", claims: { role: "support-viewer", department: "support", scope: "orders:read" } },
  { name: "admin", sub: "admin", claims: { role: "admin", department: "it", scope: "admin" } },
];

const ALPHANUM = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomString(length: number, alphabet = ALPHANUM): string {
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join("");
}

/** Cognito-shaped: a 26-character lowercase id and a 51-character secret. */
function newCredentials() {
  return { clientId: randomString(26), clientSecret: randomString(51, ALPHANUM + "ABCDEFGHIJKLMNOPQRSTUVWXYZ") };
}

/**
 * The gateway's clients, creating the default personas (if the gateway has none) and one client per
 * persona that lacks one. Each client carries its persona's current sub and claims.
 */
export async function ensureGatewayClients(gatewayId: string, db?: Db): Promise<GatewayClient[]> {
  const d = db ?? (await getDb());
  await d.transaction(async (tx) => {
    // Serialises concurrent first visits of the same gateway: only one creates the clients.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`gateway-clients:${gatewayId}`}))`);
    let ps = await tx.select().from(personas).where(eq(personas.gatewayId, gatewayId));
    if (ps.length === 0) {
      await tx
        .insert(personas)
        .values(DEFAULT_PERSONAS.map((p) => ({ gatewayId, name: p.name, sub: p.sub, claims: p.claims, principalType: "OAuthUser" as const })))
        .onConflictDoNothing();
      ps = await tx.select().from(personas).where(eq(personas.gatewayId, gatewayId));
    }
    const existing = await tx.select().from(gatewayClients).where(eq(gatewayClients.gatewayId, gatewayId));
    const have = new Set(existing.map((c) => c.persona));
    const missing = ps.filter((p) => p.principalType !== "IamEntity" && !have.has(p.name));
    if (missing.length > 0) {
      await tx.insert(gatewayClients).values(missing.map((p) => ({ ...newCredentials(), gatewayId, persona: p.name, sub: p.sub, claims: p.claims })));
    }
  });
  const rows = await d
    .select({ client: gatewayClients, persona: personas })
    .from(gatewayClients)
    .leftJoin(personas, and(eq(personas.gatewayId, gatewayClients.gatewayId), eq(personas.name, gatewayClients.persona)))
    .where(eq(gatewayClients.gatewayId, gatewayId))
    .orderBy(asc(gatewayClients.createdAt), asc(gatewayClients.persona));
  return rows.map(({ client, persona }) => toClient(client, persona));
}

/** A client by id, with its persona's current sub and claims (a persona edit applies to the next token). */
export async function findClient(clientId: string, db?: Db): Promise<GatewayClient | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select({ client: gatewayClients, persona: personas })
    .from(gatewayClients)
    .leftJoin(personas, and(eq(personas.gatewayId, gatewayClients.gatewayId), eq(personas.name, gatewayClients.persona)))
    .where(eq(gatewayClients.clientId, clientId));
  return row ? toClient(row.client, row.persona) : null;
}

function toClient(c: typeof gatewayClients.$inferSelect, p: typeof personas.$inferSelect | null): GatewayClient {
  return {
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    gatewayId: c.gatewayId,
    persona: c.persona,
    sub: p?.sub ?? c.sub,
    claims: p?.claims ?? c.claims,
  };
}

// ── The workspace's token signing key ──

const SIGNING_KEY = "local-gateway.signing-key";

export interface StoredSigningKey {
  kid: string;
  alg: "ES256";
  privateJwk: Record<string, unknown>;
  createdAt: string;
}

/** The stored key, or the candidate when none is stored yet (first writer wins, everyone reads the winner). */
export async function getOrStoreSigningKey(candidate: () => Promise<StoredSigningKey>, db?: Db): Promise<StoredSigningKey> {
  const d = db ?? (await getDb());
  const read = async () => (await d.select().from(settings).where(eq(settings.key, SIGNING_KEY)))[0]?.value as StoredSigningKey | undefined;
  const found = await read();
  if (found) return found;
  await d.insert(settings).values({ key: SIGNING_KEY, value: await candidate() }).onConflictDoNothing();
  return (await read())!;
}
