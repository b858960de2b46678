import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { gatewayMetrics, evidenceDeps } from "@/lib/evidence/service";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const Query = z.object({
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  period: z.coerce.number().int("period is a whole number of seconds").positive().optional(),
});

/**
 * `GET /api/gateways/{id}/metrics?from&to&period` → `{"source","from","to","period","series":[{"metric","stat","dimensions","points":[[iso,value]]}],"empty","unavailable"}`:
 * CloudWatch on AWS, the local decision log otherwise. Without from/to, the last 24 hours.
 */
export const GET = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const parsed = Query.safeParse(Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError("bad-request", `Invalid query: ${first.path.join(".")}: ${first.message}`);
  }
  return NextResponse.json(await gatewayMetrics(await evidenceDeps(), gatewayId, parsed.data), { headers: { "cache-control": "no-store" } });
});
