import { NextResponse } from "next/server";
import { z } from "zod";
import { positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { rejectChangeRequest } from "@/lib/publishing/change-requests";

export const dynamic = "force-dynamic";

const Body = z.object({ reason: z.string().trim().min(1, "Say why it is rejected, so its author knows what to change").max(1000) });

/** `POST /api/change-requests/{id}/reject` `{"reason"}` → `{"changeRequest"}`. */
export const POST = route({ role: "publisher", params: z.object({ changeRequestId: positiveInt("changeRequestId") }), body: Body }, async ({ who, params, body }) => {
  return NextResponse.json({ changeRequest: await rejectChangeRequest(who, params.changeRequestId, body.reason) });
});
