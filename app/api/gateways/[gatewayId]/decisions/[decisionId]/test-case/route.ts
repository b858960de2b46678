import { NextResponse } from "next/server";
import { z } from "zod";
import { addDecisionToSuite } from "@/lib/gateway/decision-to-test-case";
import { GatewayId, positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { SUITE_NAME } from "@/lib/simulation/schemas";

export const dynamic = "force-dynamic";

const Body = z.object({
  suite: SUITE_NAME.optional(),
  name: z.string().trim().min(1).max(200).optional(),
});

/** `POST /api/gateways/{id}/decisions/{decisionId}/test-case` `{suite?, name?}` → 201 the saved test case. */
export const POST = route({ role: "author", params: z.object({ gatewayId: GatewayId, decisionId: positiveInt("decisionId") }), body: Body, emptyBody: {} }, async ({ params, body }) => {
  const testCase = await addDecisionToSuite(params.gatewayId, params.decisionId, body);
  return NextResponse.json({ testCase }, { status: 201 });
});
