import { NextResponse } from "next/server";
import { z } from "zod";
import { evidenceDeps, startSpanImport } from "@/lib/evidence/service";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const Body = z.object({
  from: z.string({ message: '"from" is required: an ISO-8601 time' }).max(40),
  to: z.string({ message: '"to" is required: an ISO-8601 time' }).max(40),
});

/** `POST …/decisions/import` `{"from","to"}` → 202 and the job (poll `GET …/decisions/import/{jobId}`, cancel with DELETE). AWS only. */
export const POST = route({ role: "author", params: GatewayParams, body: Body, maxBytes: 4096 }, async ({ params, body }) => {
  const job = await startSpanImport(await evidenceDeps(), params.gatewayId, body);
  return NextResponse.json(job, { status: 202, headers: { location: `/api/gateways/${encodeURIComponent(params.gatewayId)}/decisions/import/${encodeURIComponent(job.jobId)}` } });
});
