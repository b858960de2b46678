import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { evidenceDeps } from "@/lib/evidence/service";
import { defaultDeps } from "@/lib/publishing/deps";
import { evidenceRange } from "@/lib/publishing/live-evidence";
import { modeEvidenceFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

const Query = z.object({
  mode: z.enum(["LOG_ONLY", "ENFORCE"], { error: 'mode is "LOG_ONLY" or "ENFORCE"' }).default("ENFORCE"),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

/**
 * `GET …/mode/evidence?mode=ENFORCE&from&to`: the saved cases, recorded calls and imported span calls
 * (of the range) the published policies deny, with the range's decision metrics (default: the last 7 days).
 */
export const GET = route({ params: GatewayParams, query: Query }, async ({ who, params, query }) => {
  const real = { evidence: await evidenceDeps(), range: evidenceRange(query) };
  return NextResponse.json(await modeEvidenceFor(await defaultDeps(who), params.gatewayId, query.mode, real), { headers: { "cache-control": "no-store" } });
});
