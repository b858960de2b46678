import { NextResponse } from "next/server";
import { z } from "zod";
import { getGatewayOnce } from "@/lib/agentcore/cached";
import { gatewaySchema } from "@/lib/cedar/gateway-schema";
import { GatewayParams } from "@/lib/http/params";
import { attachment } from "@/lib/http/download";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const Query = z.object({ format: z.enum(["cedar", "json"], { error: 'format is "cedar" or "json"' }).default("cedar"), download: z.string().max(10).optional() });

export const GET = route({ params: GatewayParams, query: Query }, async ({ req, params, query }) => {
  const gateway = await getGatewayOnce(params.gatewayId);
  const schema = gatewaySchema(gateway);
  const download =
    new URL(req.url).searchParams.has("download")
      ? { "Content-Disposition": attachment(`${gateway.name}.cedarschema${query.format === "json" ? ".json" : ""}`) }
      : undefined;
  if (query.format === "json") return NextResponse.json(schema.json, { headers: download });
  return new Response(schema.text, { headers: { "Content-Type": "text/plain; charset=utf-8", ...download } });
});

