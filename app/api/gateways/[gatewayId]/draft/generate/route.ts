import { NextResponse } from "next/server";
import { z } from "zod";
import { availableDrafters, generateDraft } from "@/lib/drafting/service";
import { toAppError } from "@/lib/errors";
import { GatewayParams } from "@/lib/http/params";
import { rateLimiter } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { sseEvent } from "@/lib/mcp/sse";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

const MAX_REQUEST_CHARS = 2000;
const Body = z.object({
  request: z.string().trim().min(3, "Describe the policy you want in a few words").max(MAX_REQUEST_CHARS, "Keep the request under 2,000 characters"),
  drafter: z.enum(["auto", "anthropic", "offline", "agentcore"]).default("auto"),
});
/** Drafting can cost money (Claude) and CPU (validation, findings): 10 per minute per client. */
const limit = rateLimiter(10, 60_000);

/** Which drafters this console offers, for the UI's choice and label. */
export const GET = route({ params: GatewayParams }, async () => NextResponse.json({ drafters: await availableDrafters() }));

/** `POST …/draft/generate` (docs/api.md): JSON, or server-sent events when asked for `text/event-stream`. */
export const POST = route({ role: "author", params: GatewayParams, body: Body, maxBytes: 16 * 1024 }, async ({ req, params, body }) => {
  limit(req);
  const ws = await loadWorkspace(params.gatewayId);
  if (!(req.headers.get("accept") ?? "").includes("text/event-stream")) {
    return NextResponse.json(await generateDraft(ws, body.request, body.drafter, { signal: req.signal }));
  }
  // Streaming: each policy as it is written, repair rounds, then the checked result (or the error).
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      let open = true;
      const send = (event: string, data: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(sseEvent(event, data)));
        } catch {
          open = false; // the client went away (Stop, or the tab closed)
        }
      };
      try {
        const result = await generateDraft(ws, body.request, body.drafter, { signal: req.signal, onEvent: (e) => send(e.type, e) });
        send("result", result);
      } catch (e) {
        const err = toAppError(e);
        if (err.code === "internal") console.error("[api] draft/generate (stream):", e instanceof Error ? e.message : e);
        send("error", err.toJSON());
      } finally {
        if (open) controller.close();
        open = false;
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" } });
});
