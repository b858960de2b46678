import { NextResponse } from "next/server";
import { z } from "zod";
import { evidenceDeps, startSpanImport } from "@/lib/evidence/service";
import { readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const Body = z.object({
  from: z.string({ message: '"from" is required: an ISO-8601 time' }).max(40),
  to: z.string({ message: '"to" is required: an ISO-8601 time' }).max(40),
});

/** `POST …/decisions/import` `{"from","to"}` → 202 and the job (poll `GET …/decisions/import/{jobId}`, cancel with DELETE). AWS only. */
export const POST = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const body = await readJson(req, Body, 4096);
  const job = await startSpanImport(await evidenceDeps(), gatewayId, body);
  return NextResponse.json(job, { status: 202, headers: { location: `/api/gateways/${gatewayId}/decisions/import/${job.jobId}` } });
});
