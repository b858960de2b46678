import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { readJson, route } from "@/lib/http/route";
import { deletePersona, listPersonas, savePersona } from "@/lib/store/personas";
import { Persona } from "@/lib/simulation/schemas";

export const dynamic = "force-dynamic";

export const GET = route<{ gatewayId: string }>(async (_req, { params }) => {
  const { gatewayId } = await params;
  return NextResponse.json({ personas: await listPersonas(gatewayId) });
});

export const PUT = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  return NextResponse.json(await savePersona(gatewayId, await readJson(req, Persona, 64 * 1024)));
});

export const DELETE = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const name = new URL(req.url).searchParams.get("name") ?? "";
  if (!(await deletePersona(gatewayId, name))) throw new AppError("not-found", `No persona named "${name}".`);
  return NextResponse.json({ deleted: name });
});
