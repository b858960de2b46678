import { NextResponse } from "next/server";
import { getControlPlane } from "@/lib/agentcore";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ params: GatewayParams }, async ({ params }) => {
  const cp = await getControlPlane();
  return NextResponse.json(await cp.getGateway(params.gatewayId));
});
