import { NextResponse } from "next/server";
import { z } from "zod";
import { cedar } from "@/lib/cedar/server";
import { checkDocument } from "@/lib/dogwood/check";
import { readJson, route } from "@/lib/http/route";
import { saveDraft } from "@/lib/store/drafts";
import { discardDraft, loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

/** Twice the engine's 200 KB per resource: room to work, still bounded. */
const MAX_DRAFT_BYTES = 400 * 1024;
const Body = z.object({ text: z.string({ error: "text must be a string of Cedar policies" }) });

export const PUT = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  const { text } = await readJson(req, Body, MAX_DRAFT_BYTES);
  const ws = await loadWorkspace(gatewayId);
  const saved = await saveDraft(gatewayId, text, ws.draft.baseVersion);
  // Dogwood statements are validated by their stateless part, plus the console's own checks.
  const checked = checkDocument(cedar, text, { schemaJson: ws.context.schemaJson, tools: ws.gateway.targets.flatMap((t) => t.tools) });
  return NextResponse.json({ ...saved, diagnostics: checked.diagnostics, notes: checked.notes });
});

export const DELETE = route<{ gatewayId: string }>(async (_req, { params }) => {
  const { gatewayId } = await params;
  return NextResponse.json(await discardDraft(gatewayId));
});
