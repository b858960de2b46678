import { NextResponse } from "next/server";
import { z } from "zod";
import { positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { approveChangeRequest } from "@/lib/publishing/change-requests";
import { defaultDeps } from "@/lib/publishing/deps";

export const dynamic = "force-dynamic";

const Body = z.object({ reason: z.string().max(1000).default("") });

/**
 * `POST /api/change-requests/{id}/approve` `{"reason"?}` → `{"changeRequest","result"}`: applies it through
 * the normal publish (or mode switch). 409 `stale-base-version` when the published policies moved since
 * it was requested (it stays open) · 403 `self-approval` for its author.
 */
export const POST = route({ role: "publisher", params: z.object({ changeRequestId: positiveInt("changeRequestId") }), body: Body, emptyBody: {} }, async ({ who, params, body }) => {
  return NextResponse.json(await approveChangeRequest(await defaultDeps(who), who, params.changeRequestId, body.reason));
});
