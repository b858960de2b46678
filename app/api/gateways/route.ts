import { NextResponse } from "next/server";
import { getControlPlane } from "@/lib/agentcore";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => {
  const cp = await getControlPlane();
  return NextResponse.json({ gateways: await cp.listGateways() });
});
