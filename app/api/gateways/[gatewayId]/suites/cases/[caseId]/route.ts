import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { GatewayId, positiveInt } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { SessionCase, SingleCase, SUITE_NAME } from "@/lib/simulation/schemas";
import { deleteTestCase, updateTestCase } from "@/lib/store/test-cases";

export const dynamic = "force-dynamic";

const Params = z.object({ gatewayId: GatewayId, caseId: positiveInt("caseId") });

const Change = SingleCase.extend({ suite: SUITE_NAME, session: SessionCase.shape.session })
  .partial()
  .refine((c) => Object.keys(c).length > 0, "Send at least one of name, suite, expected, principal, request, session")
  .refine((c) => !(c.session && (c.request !== undefined || c.expected !== undefined)), "A case is one call (request, expected) or one session (session), not both");

/** `PATCH /api/gateways/{id}/suites/cases/{caseId}` `{"name"?,"suite"?,"expected"?,"principal"?,"request"?,"session"?}` → `{"testCase"}`. */
export const PATCH = route({ role: "author", params: Params, body: Change, maxBytes: 1024 * 1024 }, async ({ params, body }) => {
  const updated = await updateTestCase(params.gatewayId, params.caseId, body);
  if (!updated) throw new AppError("not-found", `No test case ${params.caseId} in this gateway's suites.`);
  return NextResponse.json({ testCase: updated });
});

/** `DELETE /api/gateways/{id}/suites/cases/{caseId}` → `{"deleted":<caseId>}`. */
export const DELETE = route({ role: "author", params: Params }, async ({ params }) => {
  if (!(await deleteTestCase(params.gatewayId, params.caseId))) throw new AppError("not-found", `No test case ${params.caseId} in this gateway's suites.`);
  return NextResponse.json({ deleted: params.caseId });
});
