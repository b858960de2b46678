import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { defaultDeps } from "@/lib/publishing/deps";
import { publishDraft } from "@/lib/publishing/publish";

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
 * same answer in `error.details`).
 */
export const POST = route({ params: GatewayParams, body: Body, maxBytes: 512 * 1024 }, async ({ params, body }) => {
  const result = await publishDraft(await defaultDeps(), params.gatewayId, body);
  if (result.status === "partial") return NextResponse.json(result, { status: 207 });
  if (result.status === "failed") {
    // Nothing was applied: the answer is the first failure's, with the whole result in the details.
    throw new AppError(result.failed[0].code, result.summary, result);
  }
  return NextResponse.json(result);
});
