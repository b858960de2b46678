import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { modeEvidenceFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

/** `GET …/mode/evidence?mode=ENFORCE`: saved cases and recorded calls the published policies deny. */
export const GET = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const mode = new URL(req.url).searchParams.get("mode") ?? "ENFORCE";
  if (mode !== "ENFORCE" && mode !== "LOG_ONLY") throw new AppError("bad-request", 'mode is "LOG_ONLY" or "ENFORCE".');
  return NextResponse.json(await modeEvidenceFor(await defaultDeps(), gatewayId, mode));
});
