import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { DEFAULT_PERSONAS } from "./clients";
import { getDb, type Db } from "./db";
import { gatewayClients, personas } from "./schema";
import type { Persona } from "@/lib/simulation/types";

export type { Persona } from "@/lib/simulation/types";

/** A gateway's personas; the defaults are created the first time, as the local gateway's clients are. */
export async function listPersonas(gatewayId: string, db?: Db): Promise<Persona[]> {
  const d = db ?? (await getDb());
  let rows = await d.select().from(personas).where(eq(personas.gatewayId, gatewayId)).orderBy(asc(personas.name));
  if (rows.length === 0) {
    await d
      .insert(personas)
      .values(DEFAULT_PERSONAS.map((p) => ({ gatewayId, name: p.name, sub: p.sub, claims: p.claims, principalType: "OAuthUser" as const })))
      .onConflictDoNothing();
    rows = await d.select().from(personas).where(eq(personas.gatewayId, gatewayId)).orderBy(asc(personas.name));
  }
  return rows.map((r) => ({ name: r.name, type: r.principalType, sub: r.sub, claims: r.claims }));
}

export async function savePersona(gatewayId: string, p: Persona, db?: Db): Promise<Persona> {
  const d = db ?? (await getDb());
  const values = { gatewayId, name: p.name, principalType: p.type, sub: p.sub, claims: p.claims, updatedAt: new Date() };
  await d.insert(personas).values(values).onConflictDoUpdate({ target: [personas.gatewayId, personas.name], set: values });
  return p;
}

export async function deletePersona(gatewayId: string, name: string, db?: Db): Promise<boolean> {
  const d = db ?? (await getDb());
  return d.transaction(async (tx) => {
    const gone = await tx.delete(personas).where(and(eq(personas.gatewayId, gatewayId), eq(personas.name, name))).returning({ name: personas.name });
    // Its OAuth client goes with it: the local gateway issues no more tokens for a persona that is gone.
    await tx.delete(gatewayClients).where(and(eq(gatewayClients.gatewayId, gatewayId), eq(gatewayClients.persona, name)));
    return gone.length > 0;
  });
}
