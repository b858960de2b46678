import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { corpusCounts, RECORDED_LIMIT } from "@/lib/simulation/corpus";
import { loadCorpus } from "@/lib/workspace/corpus";
import { requireGateway } from "@/lib/workspace/require-gateway";

export const dynamic = "force-dynamic";

const Query = z.object({
  recorded: z
    .string()
    .regex(/^\d{1,9}$/, "recorded is a number of calls")
    .transform((n) => Math.min(RECORDED_LIMIT, Number(n)))
    .default(RECORDED_LIMIT),
});

/**
 * `GET /api/gateways/{id}/simulate/corpus?recorded=<n>` → `{"calls":[{principal,request,label,source,tool,count}],"cases","recorded","spans","notReplayable"}`:
 * the gateway's impact corpus (saved cases, then the most recent recorded calls and imported span
 * calls, default and at most 10,000 each, identical ones folded), in the shape `POST …/simulate` takes.
 */
export const GET = route({ params: GatewayParams, query: Query }, async ({ params, query }) => {
  await requireGateway(params.gatewayId);
  const corpus = await loadCorpus(params.gatewayId, { recorded: query.recorded });
  return NextResponse.json({ ...corpus, ...corpusCounts(corpus.calls) }, { headers: { "cache-control": "no-store" } });
});
