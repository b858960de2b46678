import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Persona } from "@/lib/simulation/schemas";
import { DEFAULT_PERSONAS } from "./clients";
import { getDb, type Db } from "./db";
import { gatewayClients, personas } from "./schema";

export type { Persona } from "@/lib/simulation/schemas";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const defaults = (): Persona[] => DEFAULT_PERSONAS.map((p): Persona => ({ name: p.name, type: "OAuthUser", sub: p.sub, claims: p.claims })).sort((a, b) => a.name.localeCompare(b.name));

/** A gateway's personas: the defaults until the first change, which stores them (a read never writes). */
export async function listPersonas(gatewayId: string, db?: Db): Promise<Persona[]> {
  const d = db ?? (await getDb());
  const rows = await d.select().from(personas).where(eq(personas.gatewayId, gatewayId)).orderBy(asc(personas.name));
  if (rows.length === 0) return defaults();
  return rows.map((r) => ({ name: r.name, type: r.principalType, sub: r.sub, claims: r.claims }));
}

/** Stores the defaults the gateway has been showing, before its first change. */
async function materialize(tx: Tx, gatewayId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`gateway-clients:${gatewayId}`}))`);
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(personas).where(eq(personas.gatewayId, gatewayId));
  if (n > 0) return;
  await tx
    .insert(personas)
    .values(defaults().map((p) => ({ gatewayId, name: p.name, sub: p.sub, claims: p.claims, principalType: p.type })))
    .onConflictDoNothing();
}

export async function savePersona(gatewayId: string, p: Persona, db?: Db): Promise<Persona> {
  const d = db ?? (await getDb());
  const values = { gatewayId, name: p.name, principalType: p.type, sub: p.sub, claims: p.claims, updatedAt: new Date() };
  await d.transaction(async (tx) => {
    await materialize(tx, gatewayId);
    await tx.insert(personas).values(values).onConflictDoUpdate({ target: [personas.gatewayId, personas.name], set: values });
  });
  return p;
}

export async function deletePersona(gatewayId: string, name: string, db?: Db): Promise<boolean> {
  const d = db ?? (await getDb());
  return d.transaction(async (tx) => {
    await materialize(tx, gatewayId);
    const gone = await tx.delete(personas).where(and(eq(personas.gatewayId, gatewayId), eq(personas.name, name))).returning({ name: personas.name });
    // Its OAuth client goes with it: the local gateway issues no more tokens for a persona that is gone.
    await tx.delete(gatewayClients).where(and(eq(gatewayClients.gatewayId, gatewayId), eq(gatewayClients.persona, name)));
    return gone.length > 0;
  });
}

/** Sets a gateway's personas to exactly `list` (an imported gateway's), in the caller's transaction. */
export async function replacePersonas(gatewayId: string, list: Persona[], db: Db): Promise<void> {
  await db.delete(personas).where(eq(personas.gatewayId, gatewayId));
  if (list.length === 0) return;
  await db.insert(personas).values(list.map((p) => ({ gatewayId, name: p.name, principalType: p.type, sub: p.sub, claims: p.claims })));
}
