import { NextResponse } from "next/server";
import { z } from "zod";
import { getControlPlane } from "@/lib/agentcore";
import { DECISIONS } from "@/lib/cedar/cedar-api";
import { GatewayParams, positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { listDecisions, MAX_DECISIONS_PAGE } from "@/lib/store/decisions";

export const dynamic = "force-dynamic";

const Query = z.object({
  decision: z.enum(DECISIONS).optional(),
  tool: z.string().max(300).optional(),
  persona: z.string().max(200).optional(),
  session: z.string().max(256).optional(),
  q: z.string().max(200).optional(),
  limit: positiveInt("limit")
    .refine((n) => n <= MAX_DECISIONS_PAGE, `limit is at most ${MAX_DECISIONS_PAGE}`)
    .optional(),
  before: positiveInt("before").optional(),
});

/** `GET /api/gateways/{id}/decisions?decision=&tool=&persona=&session=&q=&limit=&before=` → `{"decisions":[…]}`, newest first. */
export const GET = route({ params: GatewayParams, query: Query }, async ({ params, query }) => {
  await (await getControlPlane()).getGateway(params.gatewayId); // 404 for an unknown gateway
  const { before, ...filter } = query;
  const decisions = await listDecisions(params.gatewayId, { ...filter, beforeId: before });
  return NextResponse.json({ decisions }, { headers: { "cache-control": "no-store" } });
});
