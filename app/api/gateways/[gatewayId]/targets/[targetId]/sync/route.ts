import { NextResponse } from "next/server";
import { z } from "zod";
import { getControlPlane } from "@/lib/agentcore";
import { config } from "@/lib/config";
import { syncTarget } from "@/lib/gateway-admin/sync";
import { TargetParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `POST …/sync` `{"apply"?: false}` → what a re-sync changes and which policies it breaks; applied only with `apply: true`. */
export const POST = route({ params: TargetParams, body: z.object({ apply: z.boolean().default(false) }), emptyBody: {} }, async ({ params, body }) => {
  return NextResponse.json(await syncTarget(await getControlPlane(), params.gatewayId, params.targetId, { apply: body.apply, actor: config().consoleUser }));
});
