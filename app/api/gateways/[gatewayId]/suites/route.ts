import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readJson, route } from "@/lib/http/route";
import { Case } from "@/lib/simulation/schemas";
import { addTestCase, deleteSuite, listTestCases } from "@/lib/store/test-cases";

export const dynamic = "force-dynamic";

/** `GET /api/gateways/{id}/suites[?suite=<name>]` → `{"suites":["default",…],"cases":[{id,suite,name,principal,request,expected,createdAt}]}`. */
export const GET = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const suite = new URL(req.url).searchParams.get("suite");
  const all = await listTestCases(gatewayId);
  return NextResponse.json({ suites: [...new Set(all.map((c) => c.suite))], cases: suite ? all.filter((c) => c.suite === suite) : all }, { headers: { "cache-control": "no-store" } });
});

/** `POST /api/gateways/{id}/suites` `{"suite"?: "default","name","principal","request","expected"}` → `201 {"testCase"}`. */
export const POST = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const body = await readJson(req, Case.extend({ suite: z.string().min(1).max(100).default("default") }), 1024 * 1024);
  return NextResponse.json({ testCase: await addTestCase({ gatewayId, ...body }) }, { status: 201 });
});

/** `DELETE /api/gateways/{id}/suites?suite=<name>` → `{"suite","deleted":<count>}`. */
export const DELETE = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const suite = new URL(req.url).searchParams.get("suite");
  if (!suite) throw new AppError("bad-request", "Name the suite to delete: ?suite=<name>.");
  const deleted = await deleteSuite(gatewayId, suite);
  if (deleted === 0) throw new AppError("not-found", `No suite named "${suite}".`);
  return NextResponse.json({ suite, deleted });
});
