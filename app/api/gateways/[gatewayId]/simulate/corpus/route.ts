import { NextResponse } from "next/server";
import { getControlPlane } from "@/lib/agentcore";
import { route } from "@/lib/http/route";
import { corpusCounts, RECORDED_LIMIT } from "@/lib/simulation/corpus";
import { loadCorpus } from "@/lib/workspace/corpus";

export const dynamic = "force-dynamic";

/**
 * `GET /api/gateways/{id}/simulate/corpus?recorded=<n>` → `{"calls":[{principal,request,label,source,tool,count}],"cases","recorded"}`:
 * the gateway's impact corpus (saved cases, then the most recent recorded calls, default and at most
 * 10,000, identical ones folded), in the shape `POST …/simulate` takes.
 */
export const GET = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const asked = Number(new URL(req.url).searchParams.get("recorded") ?? RECORDED_LIMIT);
  const limit = Number.isFinite(asked) ? Math.max(0, Math.min(RECORDED_LIMIT, Math.trunc(asked))) : RECORDED_LIMIT;
  await (await getControlPlane()).getGateway(gatewayId); // 404 for an unknown gateway
  const calls = await loadCorpus(gatewayId, limit);
  return NextResponse.json({ calls, ...corpusCounts(calls) }, { headers: { "cache-control": "no-store" } });
});
