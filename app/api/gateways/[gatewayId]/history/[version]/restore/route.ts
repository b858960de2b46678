import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayId, positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { restoreVersionAsDraft } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

/**
 * Rollback, step 1: the version's document becomes the draft (on the current published version), and
 * the answer says where to review it. Publishing it from the review is step 2 (`rollbackOf`).
 */
export const POST = route({ role: "publisher", params: z.object({ gatewayId: GatewayId, version: positiveInt("version") }), body: z.object({}), emptyBody: {} }, async ({ who, params }) => {
  return NextResponse.json(await restoreVersionAsDraft(await defaultDeps(who), params.gatewayId, params.version));
});
