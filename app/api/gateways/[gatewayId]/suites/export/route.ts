import { NextResponse } from "next/server";
import { z } from "zod";
import { attachment } from "@/lib/http/download";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { SUITE_FORMAT, SUITE_NAME, type SuiteFile } from "@/lib/simulation/schemas";
import { listTestCases } from "@/lib/store/test-cases";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

/** A suite as a self-contained file: the gateway's tools and published policies travel with the cases. */
export const GET = route({ params: GatewayParams, query: z.object({ suite: SUITE_NAME.default("default") }) }, async ({ params, query }) => {
  const [ws, cases] = await Promise.all([loadWorkspace(params.gatewayId), listTestCases(params.gatewayId)]);
  const file: SuiteFile = {
    format: SUITE_FORMAT,
    suite: query.suite,
    gateway: {
      name: ws.gateway.name,
      gatewayArn: ws.gateway.gatewayArn,
      principalType: ws.context.principalType,
      tools: ws.gateway.targets.flatMap((t) => t.tools),
    },
    policies: ws.publishedText,
    cases: cases.filter((c) => c.suite === query.suite).map(({ id: _id, gatewayId: _g, suite: _s, createdAt: _c, ...c }) => c),
  };
  return NextResponse.json(file, { headers: { "Content-Disposition": attachment(`${ws.gateway.name}-${query.suite}.suite.json`) } });
});
