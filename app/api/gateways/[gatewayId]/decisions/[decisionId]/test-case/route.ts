import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route, readJson } from "@/lib/http/route";
import { addDecisionToSuite } from "@/lib/gateway/decision-to-test-case";

export const dynamic = "force-dynamic";

const Body = z.object({
  suite: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});

/** `POST /api/gateways/{id}/decisions/{decisionId}/test-case` `{suite?, name?}` → 201 the saved test case. */
export const POST = route<{ gatewayId: string; decisionId: string }>(async (req, { params }) => {
  const { gatewayId, decisionId } = await params;
  const id = Number(decisionId);
  if (!Number.isInteger(id) || id < 1) throw new AppError("not-found", `No decision with id "${decisionId}".`);
  const hasBody = (req.headers.get("content-length") ?? "0") !== "0" || req.headers.get("content-type");
  const body = hasBody ? await readJson(req, Body) : {};
  const testCase = await addDecisionToSuite(gatewayId, id, body);
  return NextResponse.json({ testCase }, { status: 201 });
});
