import { NextResponse } from "next/server";
import { cancelImport, getImport } from "@/lib/evidence/import-jobs";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `GET …/decisions/import/{jobId}` → the job: status, progress, read / imported / duplicates, incomplete calls by reason. */
export const GET = route<{ gatewayId: string; jobId: string }>(async (_req, { params }) => {
  const { gatewayId, jobId } = await params;
  return NextResponse.json(getImport(gatewayId, jobId), { headers: { "cache-control": "no-store" } });
});

/** `DELETE …/decisions/import/{jobId}` cancels a running import (calls already stored are kept) → the settled job. */
export const DELETE = route<{ gatewayId: string; jobId: string }>(async (_req, { params }) => {
  const { gatewayId, jobId } = await params;
  return NextResponse.json(await cancelImport(gatewayId, jobId));
});
