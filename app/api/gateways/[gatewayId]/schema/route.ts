import { NextResponse } from "next/server";
import { getGatewayOnce } from "@/lib/agentcore/cached";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { gatewaySchema } from "@/lib/cedar/gateway-schema";

export const dynamic = "force-dynamic";

export const GET = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const url = new URL(req.url);
  const format = url.searchParams.get("format") ?? "cedar";
  if (format !== "cedar" && format !== "json") throw new AppError("bad-request", `Unknown format "${format}": use format=cedar or format=json.`);
  const gateway = await getGatewayOnce(gatewayId);
  const schema = gatewaySchema(gateway);
  const download = url.searchParams.has("download")
    ? { "Content-Disposition": `attachment; filename="${gateway.name}.cedarschema${format === "json" ? ".json" : ""}"` }
    : undefined;
  if (format === "json") return NextResponse.json(schema.json, { headers: download });
  return new Response(schema.text, { headers: { "Content-Type": "text/plain; charset=utf-8", ...download } });
});
