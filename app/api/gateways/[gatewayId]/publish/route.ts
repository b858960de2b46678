import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { publishOrRequest } from "@/lib/publishing/change-requests";

export const dynamic = "force-dynamic";

const Body = z.object({
  text: z.string({ error: "text must be the Cedar document to publish" }).max(400 * 1024),
  message: z.string().max(500).default(""),
  baseVersion: z.string({ error: "baseVersion is the published version the text was written against (GET …/policies → draft.baseVersion)" }).min(1).max(64),
  rollbackOf: z.number().int().positive().max(2_147_483_647).optional(),
});

/**
 * `POST /api/gateways/{id}/publish` → `{version, applied, failed, …}`.
 * 200 published/unchanged · 207 partly applied (see `failed`, `pending`; retry with `baseVersion: version`)
 * · 409 stale baseVersion · 400 invalid draft · 4xx/5xx of the service when nothing was applied (the
 * same answer in `error.details`) · 202 `{"status":"pending-approval","changeRequest"}` when the gateway
 * enforces and REQUIRE_APPROVAL is on: another publisher approves it (…/change-requests/{id}/approve).
 */
export const POST = route({ role: "publisher", params: GatewayParams, body: Body, maxBytes: 512 * 1024 }, async ({ who, params, body }) => {
  const done = await publishOrRequest(await defaultDeps(who), who, params.gatewayId, body);
  if (done.outcome === "requested") return NextResponse.json({ status: "pending-approval", changeRequest: done.changeRequest }, { status: 202 });
  const result = done.result;
  if (result.status === "partial") return NextResponse.json(result, { status: 207 });
  if (result.status === "failed") {
    // Nothing was applied: the answer is the first failure's, with the whole result in the details.
    throw new AppError(result.failed[0].code, result.summary, result);
  }
  return NextResponse.json(result);
});
