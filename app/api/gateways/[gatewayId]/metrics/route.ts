import { NextResponse } from "next/server";
import { z } from "zod";
import { gatewayMetrics, evidenceDeps } from "@/lib/evidence/service";
import { GatewayParams, positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const Query = z.object({
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  period: positiveInt("period (whole seconds)").optional(),
});

/**
 * `GET /api/gateways/{id}/metrics?from&to&period` → `{"source","from","to","period","series":[{"metric","stat","dimensions","points":[[iso,value]]}],"empty","unavailable"}`:
 * CloudWatch on AWS, the local decision log otherwise. Without from/to, the last 24 hours.
 */
export const GET = route({ params: GatewayParams, query: Query }, async ({ params, query }) => {
  return NextResponse.json(await gatewayMetrics(await evidenceDeps(), params.gatewayId, query), { headers: { "cache-control": "no-store" } });
});
