import { NextResponse } from "next/server";
import { z } from "zod";
import { getControlPlane } from "@/lib/agentcore";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { listDecisions, MAX_DECISIONS_PAGE } from "@/lib/store/decisions";

export const dynamic = "force-dynamic";

const Query = z.object({
  decision: z.enum(["ALLOW", "DENY"]).optional(),
  tool: z.string().max(300).optional(),
  persona: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DECISIONS_PAGE).optional(),
  before: z.coerce.number().int().min(1).optional(),
});

/** `GET /api/gateways/{id}/decisions?decision=&tool=&persona=&q=&limit=&before=` → `{"decisions":[…]}`, newest first. */
export const GET = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const raw = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = Query.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError("bad-request", `Invalid query: ${first.path.join(".")}: ${first.message}`);
  }
  await (await getControlPlane()).getGateway(gatewayId); // 404 for an unknown gateway
  const { before, ...filter } = parsed.data;
  const decisions = await listDecisions(gatewayId, { ...filter, beforeId: before });
  return NextResponse.json({ decisions }, { headers: { "cache-control": "no-store" } });
});
