import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson, route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { resolveConflict } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

const Body = z.discriminatedUnion("choice", [
  z.object({ choice: z.literal("keep-mine"), text: z.string().max(400 * 1024) }),
  z.object({ choice: z.literal("take-theirs") }),
]);

/** After a conflict: keep my text on the new published version, or discard it and take the published set. */
export const POST = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const body = await readJson(req, Body, 512 * 1024);
  return NextResponse.json(await resolveConflict(await defaultDeps(), gatewayId, body.choice === "keep-mine" ? body.text : null));
});
