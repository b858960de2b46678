import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readJson, route } from "@/lib/http/route";
import { Case } from "@/lib/simulation/schemas";
import { deleteTestCase, updateTestCase } from "@/lib/store/test-cases";

export const dynamic = "force-dynamic";

type Params = { gatewayId: string; caseId: string };

function caseIdOf(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw new AppError("bad-request", `"${raw}" is not a test case id.`);
  return id;
}

const Change = Case.extend({ suite: z.string().min(1).max(100) })
  .partial()
  .refine((c) => Object.keys(c).length > 0, "Send at least one of name, suite, expected, principal, request");

/** `PATCH /api/gateways/{id}/suites/cases/{caseId}` `{"name"?,"suite"?,"expected"?,"principal"?,"request"?}` → `{"testCase"}`. */
export const PATCH = route<Params>(async (req, { params }) => {
  const { gatewayId, caseId } = await params;
  const change = await readJson(req, Change, 1024 * 1024);
  const updated = await updateTestCase(gatewayId, caseIdOf(caseId), change);
  if (!updated) throw new AppError("not-found", `No test case ${caseId} in this gateway's suites.`);
  return NextResponse.json({ testCase: updated });
});

/** `DELETE /api/gateways/{id}/suites/cases/{caseId}` → `{"deleted":<caseId>}`. */
export const DELETE = route<Params>(async (_req, { params }) => {
  const { gatewayId, caseId } = await params;
  const id = caseIdOf(caseId);
  if (!(await deleteTestCase(gatewayId, id))) throw new AppError("not-found", `No test case ${caseId} in this gateway's suites.`);
  return NextResponse.json({ deleted: id });
});
