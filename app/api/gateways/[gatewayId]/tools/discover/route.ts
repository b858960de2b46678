import { NextResponse } from "next/server";
import { z } from "zod";
import { getControlPlane } from "@/lib/agentcore";
import { discoverTools } from "@/lib/agentcore/discover-tools";
import { AppError } from "@/lib/errors";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { putDiscoveredTools } from "@/lib/store/discovered-tools";

export const dynamic = "force-dynamic";

const Body = z.object({ token: z.string().min(1, "Paste an access token for the gateway").max(16_384) });

/** Lists the gateway's tools through its MCP endpoint with a pasted token, and keeps the definitions. */
export const POST = route({ role: "author", params: GatewayParams, body: Body, maxBytes: 32 * 1024 }, async ({ params, body }) => {
  const gateway = await (await getControlPlane()).getGateway(params.gatewayId);
  if (!gateway.gatewayUrl) throw new AppError("not-available", "This gateway has no MCP endpoint URL yet.");
  const tools = await discoverTools(gateway.gatewayUrl, body.token);
  await putDiscoveredTools(params.gatewayId, tools);
  return NextResponse.json({ tools });
});
