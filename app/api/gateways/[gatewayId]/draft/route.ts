import { NextResponse } from "next/server";
import { z } from "zod";
import { cedar } from "@/lib/cedar/server";
import { checkDocument } from "@/lib/dogwood/check";
import { GatewayParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { saveDraft } from "@/lib/store/drafts";
import { discardDraft, loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

/** Twice the engine's 200 KB per resource: room to work, still bounded. */
const MAX_DRAFT_BYTES = 400 * 1024;
const Body = z.object({
  text: z.string({ error: "text must be a string of Cedar policies" }),
  /** The published version the text was written against; without it, the draft keeps the base it has. */
  baseVersion: z.string().min(1).max(64).optional(),
});

export const PUT = route({ role: "author", params: GatewayParams, body: Body, maxBytes: MAX_DRAFT_BYTES }, async ({ params, body }) => {
  const ws = await loadWorkspace(params.gatewayId);
  const saved = await saveDraft(params.gatewayId, body.text, body.baseVersion ?? ws.draft.baseVersion);
  // Dogwood statements are validated by their stateless part, plus the console's own checks.
  const checked = checkDocument(cedar, body.text, { schemaJson: ws.context.schemaJson, tools: ws.gateway.targets.flatMap((t) => t.tools) });
  return NextResponse.json({ ...saved, diagnostics: checked.diagnostics, notes: checked.notes });
});

export const DELETE = route({ role: "author", params: GatewayParams }, async ({ params }) => {
  return NextResponse.json(await discardDraft(params.gatewayId));
});
