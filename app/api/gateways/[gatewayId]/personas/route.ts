import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readJson, route } from "@/lib/http/route";
import { deletePersona, listPersonas, savePersona } from "@/lib/store/personas";
import { Principal } from "@/lib/simulation/schemas";

export const dynamic = "force-dynamic";

const Body = Principal.extend({ name: z.string().min(1).max(100).regex(/^[\w.-]+$/, "Use letters, digits, dot, dash or underscore") });

export const GET = route<{ gatewayId: string }>(async (_req, { params }) => {
  const { gatewayId } = await params;
  return NextResponse.json({ personas: await listPersonas(gatewayId) });
});

export const PUT = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const p = await readJson(req, Body, 64 * 1024);
  return NextResponse.json(await savePersona(gatewayId, { name: p.name, type: p.type ?? "OAuthUser", sub: p.sub, claims: p.claims }));
});

export const DELETE = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const name = new URL(req.url).searchParams.get("name") ?? "";
  if (!(await deletePersona(gatewayId, name))) throw new AppError("not-found", `No persona named "${name}".`);
  return NextResponse.json({ deleted: name });
});
