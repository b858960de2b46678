import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { switchModeOrRequest } from "@/lib/publishing/change-requests";

export const dynamic = "force-dynamic";

const Body = z.object({ mode: z.enum(["LOG_ONLY", "ENFORCE"], { error: 'mode is "LOG_ONLY" or "ENFORCE"' }) });

/**
 * `PUT /api/gateways/{id}/mode` `{"mode"}` → the gateway. Only the engine configuration changes.
 * With REQUIRE_APPROVAL a switch to ENFORCE answers 202 `{"status":"pending-approval","changeRequest"}`.
 */
export const PUT = route({ role: "publisher", params: GatewayParams, body: Body }, async ({ who, params, body }) => {
  const done = await switchModeOrRequest(await defaultDeps(who), who, params.gatewayId, body.mode);
  if (done.outcome === "requested") return NextResponse.json({ status: "pending-approval", changeRequest: done.changeRequest }, { status: 202 });
  return NextResponse.json(done.result);
});
