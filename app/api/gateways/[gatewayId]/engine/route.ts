import { NextResponse } from "next/server";
import { z } from "zod";
import { RESOURCE_NAME, RESOURCE_NAME_RULE } from "@/lib/agentcore/names";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { assertEngineModeAllowed } from "@/lib/publishing/change-requests";
import { createAndAttachEngine } from "@/lib/publishing/engine";

export const dynamic = "force-dynamic";

const Body = z.object({
  name: z.string().regex(RESOURCE_NAME, `A policy engine name must ${RESOURCE_NAME_RULE}`),
  description: z.string().max(4096).optional(),
  mode: z.enum(["LOG_ONLY", "ENFORCE"]).default("LOG_ONLY"),
});

/** `POST …/engine` `{"name","description"?,"mode"?}` → `{engine, gateway}`: create a policy engine and attach it (LOG_ONLY by default). */
export const POST = route({ role: "publisher", params: GatewayParams, body: Body }, async ({ who, params, body }) => {
  const deps = await defaultDeps(who);
  assertEngineModeAllowed(deps, body.mode);
  return NextResponse.json(await createAndAttachEngine(deps, params.gatewayId, body), { status: 201 });
});
