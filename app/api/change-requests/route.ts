import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayId } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { listChangeRequests, type ChangeRequestStatus } from "@/lib/store/change-requests";

export const dynamic = "force-dynamic";

const Query = z.object({
  status: z.enum(["open", "decided", "all"], { error: 'status is "open", "decided" or "all"' }).default("all"),
  gatewayId: GatewayId.optional(),
});

const STATUSES: Record<z.infer<typeof Query>["status"], ChangeRequestStatus[] | undefined> = { open: ["open", "applying"], decided: ["approved", "rejected", "withdrawn"], all: undefined };

/** `GET /api/change-requests?status=open|decided|all&gatewayId=` → `{"changeRequests":[…]}`, open ones first. */
export const GET = route({ query: Query }, async ({ query }) => {
  const changeRequests = await listChangeRequests({ gatewayId: query.gatewayId, status: STATUSES[query.status] });
  return NextResponse.json({ changeRequests }, { headers: { "cache-control": "no-store" } });
});
