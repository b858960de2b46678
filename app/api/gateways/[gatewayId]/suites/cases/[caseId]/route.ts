import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { deleteTestCase } from "@/lib/store/test-cases";

export const dynamic = "force-dynamic";

export const DELETE = route<{ gatewayId: string; caseId: string }>(async (_req, { params }) => {
  const { gatewayId, caseId } = await params;
  if (!(await deleteTestCase(gatewayId, Number(caseId)))) throw new AppError("not-found", `No test case ${caseId} in this gateway's suites.`);
  return NextResponse.json({ deleted: Number(caseId) });
});
