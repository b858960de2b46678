import { NextResponse } from "next/server";
import { getControlPlane } from "@/lib/agentcore";
import { addTarget, NewTargetBody } from "@/lib/gateway-admin/targets";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * `POST …/targets` (inline, mcp or openapi) → 201 the target with its tools. The body cap is well
 * above AgentCore's 1 MB inline limit, so an oversized document gets that limit's own message.
 */
export const POST = route({ role: "admin", params: GatewayParams, body: NewTargetBody, maxBytes: 8 * 1024 * 1024 }, async ({ who, params, body }) => {
  const target = await addTarget(await getControlPlane(), params.gatewayId, body, who.name);
  return NextResponse.json(target, { status: 201 });
});
