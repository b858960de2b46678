import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { SessionCase, SingleCase, singleOrSession, SUITE_NAME } from "@/lib/simulation/schemas";
import { addTestCase, deleteSuite, listTestCases } from "@/lib/store/test-cases";
import { requireGateway } from "@/lib/workspace/require-gateway";

export const dynamic = "force-dynamic";

const Suite = z.object({ suite: SUITE_NAME.optional() });

/** `GET /api/gateways/{id}/suites[?suite=<name>]` → `{"suites":["default",…],"cases":[{id,suite,name,principal,request,expected,createdAt}]}`. */
export const GET = route({ params: GatewayParams, query: Suite }, async ({ params, query }) => {
  const all = await listTestCases(params.gatewayId);
  return NextResponse.json({ suites: [...new Set(all.map((c) => c.suite))], cases: query.suite ? all.filter((c) => c.suite === query.suite) : all }, { headers: { "cache-control": "no-store" } });
});

/** `number`: the name was made up (Simulate's default), so a taken one becomes "… (2)"; `refuse` (default): 409. */
const InSuite = { suite: SUITE_NAME.default("default"), ifNameTaken: z.enum(["refuse", "number"]).default("refuse") };
const NewCase = singleOrSession(SingleCase.extend(InSuite), SessionCase.extend(InSuite));

/** `POST /api/gateways/{id}/suites` `{"suite"?: "default","name","principal","request","expected","ifNameTaken"?}` or `{…,"session":[{"request","expected",…}]}` → `201 {"testCase"}` · 409 a taken name. */
export const POST = route({ role: "author", params: GatewayParams, body: NewCase, maxBytes: 1024 * 1024 }, async ({ params, body: { ifNameTaken, ...testCase } }) => {
  await requireGateway(params.gatewayId);
  return NextResponse.json({ testCase: await addTestCase({ gatewayId: params.gatewayId, ...testCase }, undefined, ifNameTaken) }, { status: 201 });
});

/** `DELETE /api/gateways/{id}/suites?suite=<name>` → `{"suite","deleted":<count>}`. */
export const DELETE = route({ role: "author", params: GatewayParams, query: Suite }, async ({ params, query }) => {
  if (!query.suite) throw new AppError("bad-request", "Name the suite to delete: ?suite=<name>.");
  const deleted = await deleteSuite(params.gatewayId, query.suite);
  if (deleted === 0) throw new AppError("not-found", `No suite named "${query.suite}".`);
  return NextResponse.json({ suite: query.suite, deleted });
});
