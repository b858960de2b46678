import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { modeEvidenceFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

const Query = z.object({ mode: z.enum(["LOG_ONLY", "ENFORCE"], { error: 'mode is "LOG_ONLY" or "ENFORCE"' }).default("ENFORCE") });

/** `GET …/mode/evidence?mode=ENFORCE`: saved cases and recorded calls the published policies deny. */
export const GET = route({ params: GatewayParams, query: Query }, async ({ who, params, query }) => {
  return NextResponse.json(await modeEvidenceFor(await defaultDeps(who), params.gatewayId, query.mode));
});
