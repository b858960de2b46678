import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson, route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { reviewFor } from "@/lib/publishing/review";

export const dynamic = "force-dynamic";

const Body = z.object({ text: z.string().max(400 * 1024).optional() });

/** The review without publishing: plan (per-policy changes, ordered operations, validation) and impact. Default text: the saved draft. */
export const POST = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const { text } = await readJson(req, Body, 512 * 1024);
  return NextResponse.json(await reviewFor(await defaultDeps(), gatewayId, text));
});
