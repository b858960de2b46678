import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson, route } from "@/lib/http/route";
import { Case } from "@/lib/simulation/schemas";
import { addTestCase, listTestCases } from "@/lib/store/test-cases";

export const dynamic = "force-dynamic";

export const GET = route<{ gatewayId: string }>(async (_req, { params }) => {
  const { gatewayId } = await params;
  return NextResponse.json({ cases: await listTestCases(gatewayId) });
});

/** Adds one case to a suite. */
export const POST = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const body = await readJson(req, Case.extend({ suite: z.string().min(1).max(100).default("default") }), 1024 * 1024);
  return NextResponse.json({ testCase: await addTestCase({ gatewayId, ...body }) }, { status: 201 });
});
