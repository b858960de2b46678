import { NextResponse } from "next/server";
import { getControlPlane } from "@/lib/agentcore";
import { config } from "@/lib/config";
import { deleteTarget } from "@/lib/gateway-admin/targets";
import { TargetParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `DELETE …/targets/{targetId}` → `{"deleted"}`. */
export const DELETE = route({ params: TargetParams }, async ({ params }) => {
  await deleteTarget(await getControlPlane(), params.gatewayId, params.targetId, config().consoleUser);
  return NextResponse.json({ deleted: params.targetId });
});
