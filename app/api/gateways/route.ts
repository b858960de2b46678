import { NextResponse } from "next/server";
import { z } from "zod";
import { getControlPlane } from "@/lib/agentcore";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => {
  const cp = await getControlPlane();
  return NextResponse.json({ gateways: await cp.listGateways() });
});

const NewGateway = z.object({ name: z.string().max(1000), description: z.string().max(1000).optional() });

/** `POST /api/gateways` `{"name","description"?}` → 201 the gateway (local workspace; 400 on AWS). */
export const POST = route({ role: "admin", body: NewGateway }, async ({ body }) => {
  const cp = await getControlPlane();
  return NextResponse.json(await cp.createGateway(body), { status: 201 });
});
