import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { Persona, PERSONA_NAME } from "@/lib/simulation/schemas";
import { deletePersona, listPersonas, savePersona } from "@/lib/store/personas";
import { requireGateway } from "@/lib/workspace/require-gateway";

export const dynamic = "force-dynamic";

export const GET = route({ params: GatewayParams }, async ({ params }) => {
  await requireGateway(params.gatewayId);
  return NextResponse.json({ personas: await listPersonas(params.gatewayId) });
});

export const PUT = route({ role: "author", params: GatewayParams, body: Persona, maxBytes: 64 * 1024 }, async ({ params, body }) => {
  await requireGateway(params.gatewayId);
  return NextResponse.json(await savePersona(params.gatewayId, body));
});

export const DELETE = route({ role: "author", params: GatewayParams, query: z.object({ name: PERSONA_NAME }) }, async ({ params, query }) => {
  await requireGateway(params.gatewayId);
  if (!(await deletePersona(params.gatewayId, query.name))) throw new AppError("not-found", `No persona named "${query.name}".`);
  return NextResponse.json({ deleted: query.name });
});
