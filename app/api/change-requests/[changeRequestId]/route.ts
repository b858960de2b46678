import { NextResponse } from "next/server";
import { z } from "zod";
import { positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { changeRequestDetail } from "@/lib/publishing/change-requests";
import { defaultDeps } from "@/lib/publishing/deps";

export const dynamic = "force-dynamic";

/** `GET /api/change-requests/{id}` → `{"changeRequest","review","mode"}`: while open, the same review a publish gets. */
export const GET = route({ params: z.object({ changeRequestId: positiveInt("changeRequestId") }) }, async ({ who, params }) => {
  return NextResponse.json(await changeRequestDetail(await defaultDeps(who), params.changeRequestId), { headers: { "cache-control": "no-store" } });
});
