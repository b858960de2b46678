import { NextResponse } from "next/server";
import { z } from "zod";
import { gatewayAnalysis } from "@/lib/workspace/analysis";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const Body = z.object({ text: z.string().max(400 * 1024).optional() });

/** The draft (default: the saved draft) against the published set, for every caller and argument: per-tool relations with examples, findings, personas. */
export const POST = route({ role: "viewer", params: GatewayParams, body: Body, maxBytes: 512 * 1024, emptyBody: {} }, async ({ params, body }) => {
  return NextResponse.json(await gatewayAnalysis(params.gatewayId, body.text));
});
