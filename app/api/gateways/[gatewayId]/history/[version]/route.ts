import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { GatewayId, positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getVersion } from "@/lib/store/history";
import { toDocument } from "@/lib/workspace/document";

export const dynamic = "force-dynamic";

/** One version with its full policy set and that set as a draft document. */
export const GET = route({ params: z.object({ gatewayId: GatewayId, version: positiveInt("version") }) }, async ({ params }) => {
  const v = await getVersion(params.gatewayId, params.version);
  if (!v) throw new AppError("not-found", `Version ${params.version} does not exist for this gateway.`);
  return NextResponse.json({ ...v, text: toDocument(v.policies) });
});
