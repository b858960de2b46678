import { NextResponse } from "next/server";
import { z } from "zod";
import { cancelImport, getImport } from "@/lib/evidence/import-jobs";
import { GatewayId } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const Params = z.object({ gatewayId: GatewayId, jobId: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, "jobId is not an import job id") });

/** `GET …/decisions/import/{jobId}` → the job: status, progress, read / imported / duplicates, incomplete calls by reason. */
export const GET = route({ params: Params }, async ({ params }) => {
  return NextResponse.json(getImport(params.gatewayId, params.jobId), { headers: { "cache-control": "no-store" } });
});

/** `DELETE …/decisions/import/{jobId}` cancels a running import (calls already stored are kept) → the settled job. */
export const DELETE = route({ role: "author", params: Params }, async ({ params }) => {
  return NextResponse.json(await cancelImport(params.gatewayId, params.jobId));
});
