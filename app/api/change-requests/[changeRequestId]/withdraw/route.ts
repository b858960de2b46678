import { NextResponse } from "next/server";
import { z } from "zod";
import { positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { withdrawChangeRequest } from "@/lib/publishing/change-requests";

export const dynamic = "force-dynamic";

/** `POST /api/change-requests/{id}/withdraw` → `{"changeRequest"}`: only its author takes it back. */
export const POST = route({ role: "author", params: z.object({ changeRequestId: positiveInt("changeRequestId") }), body: z.object({}), emptyBody: {} }, async ({ who, params }) => {
  return NextResponse.json({ changeRequest: await withdrawChangeRequest(who, params.changeRequestId) });
});
