import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { gatewayDeps } from "@/lib/gateway";
import { getConnectInfo } from "@/lib/gateway/connect";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ params: GatewayParams }, async ({ params }) => {
  const { tools: _tools, ...info } = await getConnectInfo(params.gatewayId, { ...(await gatewayDeps()), publicUrl: config().publicUrl });
  return NextResponse.json(info, { headers: { "cache-control": "no-store" } });
});
