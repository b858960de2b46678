import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { reviewFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

const Body = z.object({ text: z.string().max(400 * 1024).optional() });

/** The review without publishing: plan (per-policy changes, ordered operations, validation) and impact. Default text: the saved draft. */
// A read: it computes the review and changes nothing.
export const POST = route({ role: "viewer", params: GatewayParams, body: Body, maxBytes: 512 * 1024, emptyBody: {} }, async ({ who, params, body }) => {
  return NextResponse.json(await reviewFor(await defaultDeps(who), params.gatewayId, body.text));
});
