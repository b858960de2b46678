import { NextResponse } from "next/server";
import { getControlPlane } from "@/lib/agentcore";
import { route } from "@/lib/http/route";
import { impactCorpus } from "@/lib/simulation/corpus";
import { recentCalls } from "@/lib/store/decisions";
import { listTestCases } from "@/lib/store/test-cases";

export const dynamic = "force-dynamic";

const MAX_RECORDED = 10_000;

/**
 * `GET /api/gateways/{id}/simulate/corpus?recorded=<n>` → `{"calls":[{principal,request,label,source}],"cases","recorded"}`:
 * the saved cases and the gateway's most recent recorded calls (default and at most 10,000), in the
 * shape `POST …/simulate` takes, for measuring a draft's impact.
 */
export const GET = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const asked = Number(new URL(req.url).searchParams.get("recorded") ?? MAX_RECORDED);
  const limit = Number.isFinite(asked) ? Math.max(0, Math.min(MAX_RECORDED, Math.trunc(asked))) : MAX_RECORDED;
  await (await getControlPlane()).getGateway(gatewayId); // 404 for an unknown gateway
  const [cases, recorded] = await Promise.all([listTestCases(gatewayId), limit > 0 ? recentCalls(gatewayId, limit) : Promise.resolve([])]);
  return NextResponse.json({ calls: impactCorpus(cases, recorded), cases: cases.length, recorded: recorded.length }, { headers: { "cache-control": "no-store" } });
});
