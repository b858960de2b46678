import { NextResponse } from "next/server";
import { readJson, route } from "@/lib/http/route";
import { SuiteFile } from "@/lib/simulation/schemas";
import { replaceSuite } from "@/lib/store/test-cases";

export const dynamic = "force-dynamic";

/** Replaces the named suite with the file's cases (all or nothing). */
export const POST = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const file = await readJson(req, SuiteFile, 8 * 1024 * 1024);
  const cases = await replaceSuite(gatewayId, file.suite, file.cases);
  return NextResponse.json({ suite: file.suite, imported: cases.length });
});
