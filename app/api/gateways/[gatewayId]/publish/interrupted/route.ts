import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { findInterrupted, recoverInterrupted } from "@/lib/publishing/recovery";

export const dynamic = "force-dynamic";

/** `GET …/publish/interrupted` → `{"interrupted": {…} | null, "running"}`: a publish that died half-way, with what it applied. */
export const GET = route({ params: GatewayParams }, async ({ who, params }) => {
  return NextResponse.json(await findInterrupted(await defaultDeps(who), params.gatewayId), { headers: { "cache-control": "no-store" } });
});

const Body = z.object({ action: z.enum(["resume", "roll-back"], { error: 'action is "resume" or "roll-back"' }) });

/** `POST …/publish/interrupted` `{"action":"resume"|"roll-back"}` → the publish result, as `POST …/publish` answers it. */
export const POST = route({ role: "publisher", params: GatewayParams, body: Body }, async ({ who, params, body }) => {
  const result = await recoverInterrupted(await defaultDeps(who), params.gatewayId, body.action);
  return NextResponse.json(result, { status: result.status === "partial" ? 207 : 200 });
});
