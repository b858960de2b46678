import { NextResponse } from "next/server";
import { getControlPlane } from "@/lib/agentcore";
import { deleteTarget } from "@/lib/gateway-admin/targets";
import { TargetParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `DELETE …/targets/{targetId}` → `{"deleted"}`. */
export const DELETE = route({ role: "admin", params: TargetParams }, async ({ who, params }) => {
  await deleteTarget(await getControlPlane(), params.gatewayId, params.targetId, who.name);
  return NextResponse.json({ deleted: params.targetId });
});
