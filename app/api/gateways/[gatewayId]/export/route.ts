import { NextResponse } from "next/server";
import { getControlPlane } from "@/lib/agentcore";
import { exportGateway } from "@/lib/gateway-admin/export";
import { attachment } from "@/lib/http/download";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `GET …/export` → the gateway file (lib/gateway-admin/export-file.ts), as a download. */
export const GET = route({ params: GatewayParams }, async ({ params }) => {
  const file = await exportGateway(await getControlPlane(), params.gatewayId);
  return NextResponse.json(file, { headers: { "Content-Disposition": attachment(`${file.gateway.name}.gateway.json`) } });
});
