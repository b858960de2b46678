import { NextResponse } from "next/server";
import { z } from "zod";
import { getControlPlane } from "@/lib/agentcore";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ params: GatewayParams }, async ({ params }) => {
  const cp = await getControlPlane();
  return NextResponse.json(await cp.getGateway(params.gatewayId));
});

const Change = z
  .object({ name: z.string().max(1000).optional(), description: z.string().max(1000).nullable().optional() })
  .refine((c) => c.name !== undefined || c.description !== undefined, "Send name, description or both.");

/** `PATCH …` `{"name"?,"description"?}` → the gateway, renamed (local workspace). */
export const PATCH = route({ role: "admin", params: GatewayParams, body: Change }, async ({ params, body }) => {
  const cp = await getControlPlane();
  return NextResponse.json(await cp.updateGateway(params.gatewayId, body));
});

/** `DELETE …` → `{"deleted"}`: the gateway, its targets, and the console's data of it. */
export const DELETE = route({ role: "admin", params: GatewayParams }, async ({ params }) => {
  const cp = await getControlPlane();
  await cp.deleteGateway(params.gatewayId);
  return NextResponse.json({ deleted: params.gatewayId });
});
