import { NextResponse } from "next/server";
import { z } from "zod";
import { getControlPlane } from "@/lib/agentcore";
import { config } from "@/lib/config";
import { importGateway } from "@/lib/gateway-admin/import";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `POST /api/gateways/import[?name=]` (a gateway file) → 201 `{gateway, warnings}`; 409 when the name is taken. */
export const POST = route({ role: "admin", query: z.object({ name: z.string().max(1000).optional() }), body: z.unknown(), maxBytes: 16 * 1024 * 1024 }, async ({ who, query, body }) => {
  const cfg = config();
  const answer = await importGateway(await getControlPlane(), body, { name: query.name, actor: who.name, publicUrl: cfg.publicUrl });
  return NextResponse.json(answer, { status: 201 });
});
