import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { SUITE_FORMAT, type SuiteFile } from "@/lib/simulation/schemas";
import { listTestCases } from "@/lib/store/test-cases";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

/** A suite as a self-contained file: the gateway's tools and published policies travel with the cases. */
export const GET = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const suite = new URL(req.url).searchParams.get("suite") ?? "default";
  const [ws, cases] = await Promise.all([loadWorkspace(gatewayId), listTestCases(gatewayId)]);
  const file: SuiteFile = {
    format: SUITE_FORMAT,
    suite,
    gateway: {
      name: ws.gateway.name,
      gatewayArn: ws.gateway.gatewayArn,
      principalType: ws.context.principalType,
      tools: ws.gateway.targets.flatMap((t) => t.tools),
    },
    policies: ws.publishedText,
    cases: cases.filter((c) => c.suite === suite).map((c) => ({ name: c.name, principal: c.principal, request: c.request, expected: c.expected })),
  };
  return NextResponse.json(file, { headers: { "Content-Disposition": `attachment; filename="${ws.gateway.name}-${suite}.suite.json"` } });
});
