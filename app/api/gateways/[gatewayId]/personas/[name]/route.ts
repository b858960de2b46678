import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { GatewayId } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { Principal } from "@/lib/mcp/principal";
import { PERSONA_NAME } from "@/lib/simulation/schemas";
import { deletePersona, listPersonas, savePersona } from "@/lib/store/personas";
import { requireGateway } from "@/lib/workspace/require-gateway";

export const dynamic = "force-dynamic";

const Params = z.object({ gatewayId: GatewayId, name: PERSONA_NAME });

/** `GET /api/gateways/{id}/personas/{name}` → the persona. */
export const GET = route({ params: Params }, async ({ params }) => {
  const persona = (await listPersonas(params.gatewayId)).find((p) => p.name === params.name);
  if (!persona) throw new AppError("not-found", `No persona named "${params.name}".`);
  return NextResponse.json(persona);
});

/** `PUT /api/gateways/{id}/personas/{name}` `{"type"?,"sub","claims"}` → the saved persona (created or replaced). */
export const PUT = route({ role: "author", params: Params, body: Principal, maxBytes: 64 * 1024 }, async ({ params, body }) => {
  await requireGateway(params.gatewayId);
  return NextResponse.json(await savePersona(params.gatewayId, { name: params.name, type: body.type ?? "OAuthUser", sub: body.sub, claims: body.claims }));
});

/** `DELETE /api/gateways/{id}/personas/{name}` → `{"deleted":"<name>"}`. */
export const DELETE = route({ role: "author", params: Params }, async ({ params }) => {
  await requireGateway(params.gatewayId);
  if (!(await deletePersona(params.gatewayId, params.name))) throw new AppError("not-found", `No persona named "${params.name}".`);
  return NextResponse.json({ deleted: params.name });
});
