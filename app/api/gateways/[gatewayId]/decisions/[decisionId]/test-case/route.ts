import { NextResponse } from "next/server";
import { z } from "zod";
import { addDecisionToSuite } from "@/lib/gateway/decision-to-test-case";
import { GatewayId, positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { SUITE_NAME } from "@/lib/simulation/schemas";
import { DECISIONS } from "@/lib/cedar/cedar-api";

export const dynamic = "force-dynamic";

const Body = z.object({
  suite: SUITE_NAME.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  /** The decision the case should get; default: the recorded one. */
  expected: z.enum(DECISIONS).optional(),
});

/** `POST /api/gateways/{id}/decisions/{decisionId}/test-case` `{suite?, name?, expected?}` → 201 the saved test case · 409 a given name the suite has. */
export const POST = route({ role: "author", params: z.object({ gatewayId: GatewayId, decisionId: positiveInt("decisionId") }), body: Body, emptyBody: {} }, async ({ params, body }) => {
  const testCase = await addDecisionToSuite(params.gatewayId, params.decisionId, body);
  return NextResponse.json({ testCase }, { status: 201 });
});
