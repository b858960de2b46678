import { NextResponse } from "next/server";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { SuiteFile } from "@/lib/simulation/schemas";
import { replaceSuite } from "@/lib/store/test-cases";
import { requireGateway } from "@/lib/workspace/require-gateway";

export const dynamic = "force-dynamic";

/** Replaces the named suite with the file's cases (all or nothing). */
export const POST = route({ role: "author", params: GatewayParams, body: SuiteFile, maxBytes: 8 * 1024 * 1024 }, async ({ params, body }) => {
  await requireGateway(params.gatewayId);
  const cases = await replaceSuite(params.gatewayId, body.suite, body.cases);
  return NextResponse.json({ suite: body.suite, imported: cases.length });
});
