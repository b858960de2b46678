import { NextResponse } from "next/server";
import { z } from "zod";
import { gatewayAnalysis } from "@/lib/analysis/server";
import { readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const Body = z.object({ text: z.string().max(400 * 1024).optional() });

/** The draft (default: the saved draft) against the published set, for every caller and argument: per-tool relations with examples, findings, personas. */
export const POST = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const { text } = await readJson(req, Body, 512 * 1024);
  return NextResponse.json(await gatewayAnalysis(gatewayId, text));
});
