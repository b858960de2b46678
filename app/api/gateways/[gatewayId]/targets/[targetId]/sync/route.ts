import { NextResponse } from "next/server";
import { z } from "zod";
import { getControlPlane } from "@/lib/agentcore";
import { syncTarget } from "@/lib/gateway-admin/sync";
import { TargetParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `POST …/sync` `{"apply"?: false}` → what a re-sync changes and which policies it breaks; applied only with `apply: true`. */
export const POST = route({ role: "admin", params: TargetParams, body: z.object({ apply: z.boolean().default(false) }), emptyBody: {} }, async ({ who, params, body }) => {
  return NextResponse.json(await syncTarget(await getControlPlane(), params.gatewayId, params.targetId, { apply: body.apply, actor: who.name }));
});
