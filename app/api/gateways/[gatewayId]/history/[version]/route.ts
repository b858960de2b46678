import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getVersion } from "@/lib/store/history";
import { toDocument } from "@/lib/workspace/document";

export const dynamic = "force-dynamic";

/** One version with its full policy set and that set as a draft document. */
export const GET = route<{ gatewayId: string; version: string }>(async (_req, { params }) => {
  const { gatewayId, version } = await params;
  const v = await getVersion(gatewayId, Number(version));
  if (!v) throw new AppError("not-found", `Version ${version} does not exist for this gateway.`);
  return NextResponse.json({ ...v, text: toDocument(v.policies) });
});
