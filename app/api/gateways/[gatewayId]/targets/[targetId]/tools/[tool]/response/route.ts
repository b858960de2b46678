import { NextResponse } from "next/server";
import { z } from "zod";
import { getControlPlane } from "@/lib/agentcore";
import { setResponseTemplate } from "@/lib/gateway-admin/targets";
import { TargetToolParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `PUT …/tools/{tool}/response` `{"template"}` → the target: the tool's answer in the local gateway. */
export const PUT = route({ role: "author", params: TargetToolParams, body: z.object({ template: z.unknown().refine((t) => t !== undefined && t !== null, "template is a JSON value") }), maxBytes: 128 * 1024 }, async ({ params, body }) => {
  return NextResponse.json(await setResponseTemplate(await getControlPlane(), params.gatewayId, params.targetId, params.tool, body.template));
});

/** `DELETE …/tools/{tool}/response` → the target, the tool back on the default echo. */
export const DELETE = route({ role: "author", params: TargetToolParams }, async ({ params }) => {
  return NextResponse.json(await setResponseTemplate(await getControlPlane(), params.gatewayId, params.targetId, params.tool, null));
});
