import { NextResponse } from "next/server";
import { getControlPlane } from "@/lib/agentcore";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route<{ gatewayId: string }>(async (_req, { params }) => {
  const { gatewayId } = await params;
  const cp = await getControlPlane();
  return NextResponse.json(await cp.getGateway(gatewayId));
});
