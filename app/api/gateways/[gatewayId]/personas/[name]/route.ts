import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { readJson, route } from "@/lib/http/route";
import { Principal } from "@/lib/mcp/principal";
import { PERSONA_NAME } from "@/lib/simulation/schemas";
import { deletePersona, listPersonas, savePersona } from "@/lib/store/personas";

export const dynamic = "force-dynamic";

type Params = { gatewayId: string; name: string };

/** `GET /api/gateways/{id}/personas/{name}` → the persona. */
export const GET = route<Params>(async (_req, { params }) => {
  const { gatewayId, name } = await params;
  const persona = (await listPersonas(gatewayId)).find((p) => p.name === name);
  if (!persona) throw new AppError("not-found", `No persona named "${name}".`);
  return NextResponse.json(persona);
});

/** `PUT /api/gateways/{id}/personas/{name}` `{"type"?,"sub","claims"}` → the saved persona (created or replaced). */
export const PUT = route<Params>(async (req, { params }) => {
  const { gatewayId, name } = await params;
  const valid = PERSONA_NAME.safeParse(name);
  if (!valid.success) throw new AppError("bad-request", valid.error.issues[0].message);
  const p = await readJson(req, Principal, 64 * 1024);
  return NextResponse.json(await savePersona(gatewayId, { name, type: p.type ?? "OAuthUser", sub: p.sub, claims: p.claims }));
});

/** `DELETE /api/gateways/{id}/personas/{name}` → `{"deleted":"<name>"}`. */
export const DELETE = route<Params>(async (_req, { params }) => {
  const { gatewayId, name } = await params;
  if (!(await deletePersona(gatewayId, name))) throw new AppError("not-found", `No persona named "${name}".`);
  return NextResponse.json({ deleted: name });
});
