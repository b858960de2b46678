import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { switchMode } from "@/lib/publishing/mode";

export const dynamic = "force-dynamic";

const Body = z.object({ mode: z.enum(["LOG_ONLY", "ENFORCE"], { error: 'mode is "LOG_ONLY" or "ENFORCE"' }) });

/** `PUT /api/gateways/{id}/mode` `{"mode"}` → the gateway. Only the engine configuration changes. */
export const PUT = route({ params: GatewayParams, body: Body }, async ({ params, body }) => {
  return NextResponse.json(await switchMode(await defaultDeps(), params.gatewayId, body.mode));
});
