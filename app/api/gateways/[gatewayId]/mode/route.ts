import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson, route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { switchMode } from "@/lib/publishing/mode";

export const dynamic = "force-dynamic";

const Body = z.object({ mode: z.enum(["LOG_ONLY", "ENFORCE"], { error: 'mode is "LOG_ONLY" or "ENFORCE"' }) });

/** `PUT /api/gateways/{id}/mode` `{"mode"}` → the gateway. Only the engine configuration changes. */
export const PUT = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const { mode } = await readJson(req, Body);
  return NextResponse.json(await switchMode(await defaultDeps(), gatewayId, mode));
});
