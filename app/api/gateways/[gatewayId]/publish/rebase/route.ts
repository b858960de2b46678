import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { resolveConflict } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

const Body = z.discriminatedUnion("choice", [
  z.object({ choice: z.literal("keep-mine"), text: z.string().max(400 * 1024) }),
  z.object({ choice: z.literal("take-theirs") }),
]);

/** After a conflict: keep my text on the new published version, or discard it and take the published set. */
export const POST = route({ role: "author", params: GatewayParams, body: Body, maxBytes: 512 * 1024 }, async ({ who, params, body }) => {
  return NextResponse.json(await resolveConflict(await defaultDeps(who), params.gatewayId, body.choice === "keep-mine" ? body.text : null));
});
