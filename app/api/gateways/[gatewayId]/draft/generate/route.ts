import { NextResponse } from "next/server";
import { z } from "zod";
import { generateDraft } from "@/lib/drafting/service";
import { toAppError } from "@/lib/errors";
import { rateLimiter } from "@/lib/http/rate-limit";
import { readJson, route } from "@/lib/http/route";
import { loadWorkspace } from "@/lib/workspace/workspace";

export const dynamic = "force-dynamic";

const Body = z.object({
  request: z.string().trim().min(3, "Describe the policy you want in a few words").max(2000, "Keep the request under 2,000 characters"),
  drafter: z.enum(["auto", "anthropic", "offline", "agentcore"]).default("auto"),
});
const limit = rateLimiter(20, 60_000);

export const POST = route<{ gatewayId: string }>(async (req, { params }) => {
  const { gatewayId } = await params;
  limit(req);
  const body = await readJson(req, Body, 16 * 1024);
  const ws = await loadWorkspace(gatewayId);
  if (!(req.headers.get("accept") ?? "").includes("text/event-stream")) {
    return NextResponse.json(await generateDraft(ws, body.request, body.drafter, { signal: req.signal }));
  }
  // Streaming: each policy as it is written, repair rounds, then the checked result (or the error).
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      try {
        const result = await generateDraft(ws, body.request, body.drafter, { signal: req.signal, onEvent: (e) => send(e.type, e) });
        send("result", result);
      } catch (e) {
        send("error", toAppError(e).toJSON());
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" } });
});
