/**
 * A fake Anthropic Messages API (`POST /v1/messages`, JSON and SSE streaming as the SDK parses them)
 * for tests: scripted answers over `POST /__fake/script`, received requests at `GET /__fake/requests`.
 * With nothing scripted it drafts with the offline drafter from the prompt's request and tools, so the
 * console works end to end through the real SDK. Binds 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { draftOffline } from "@/lib/drafting/offline";

export type Scripted =
  /** A submit_policies call with this input (streamed as input_json_delta fragments when asked to stream). */
  | { kind: "submit"; input: unknown; delayMs?: number; stopReason?: "tool_use" | "max_tokens" }
  /** A model that obeys an instruction planted in a tool description: it submits permit-all. */
  | { kind: "follow-injection" }
  /** A tool call whose streamed JSON is malformed. */
  | { kind: "bad-json" }
  | { kind: "text"; text: string }
  | { kind: "error"; status: number; type: string; message: string; count?: number }
  /** Waits before answering with the next scripted item (timeouts, the Stop button). */
  | { kind: "slow"; ms: number };

export interface FakeAnthropic {
  url: string;
  requests: Array<{ body: Record<string, unknown>; headers: Record<string, string | string[] | undefined> }>;
  script(items: Scripted[]): void;
  close(): Promise<void>;
}

export async function startFakeAnthropic(port = 0): Promise<FakeAnthropic> {
  let queue: Scripted[] = [];
  const requests: FakeAnthropic["requests"] = [];
  const server = createServer((req, res) => void serve(req, res).catch(() => res.destroy()));

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await body(req);
    if (url.pathname === "/__fake/state") return json(res, 200, { queued: queue.length, queue: queue.map((q) => q.kind), requests: requests.length });
    if (url.pathname === "/__fake/requests") return json(res, 200, requests.map((r) => r.body));
    if (url.pathname === "/__fake/script" && req.method === "POST") {
      const parsed = JSON.parse(raw || "{}") as { responses?: Scripted[]; reset?: boolean };
      if (parsed.reset) requests.length = 0;
      queue = parsed.responses ?? [];
      return json(res, 200, { queued: queue.length });
    }
    if (url.pathname !== "/v1/messages" || req.method !== "POST") return json(res, 404, { type: "error", error: { type: "not_found_error", message: "Not found" } });
    // SDK 1.x sends the key as a bearer token; older clients use x-api-key.
    if (!req.headers["x-api-key"] && !String(req.headers.authorization ?? "").startsWith("Bearer ")) {
      return json(res, 401, { type: "error", error: { type: "authentication_error", message: "An API key is required" } });
    }
    const request = JSON.parse(raw) as Record<string, unknown>;
    requests.push({ body: request, headers: req.headers });

    let next: Scripted | undefined = queue[0];
    if (next?.kind === "error" && (next.count ?? 1) > 1) next.count = (next.count ?? 1) - 1;
    else queue.shift();
    if (next?.kind === "slow") {
      const ms = next.ms;
      await new Promise((r) => setTimeout(r, ms));
      // A client that gave up while waiting (a timeout, the Stop button) must not eat a later test's answer.
      if (res.destroyed || res.socket?.destroyed) return;
      next = queue.shift();
    }
    if (next?.kind === "error") return json(res, next.status, { type: "error", error: { type: next.type, message: next.message } }, next.status === 429 ? { "retry-after": "0" } : {});
    const toolUse = (input: unknown) => ({ type: "tool_use", id: `toolu_${requests.length}`, name: "submit_policies", input });
    const content =
      next?.kind === "text"
        ? [{ type: "text", text: next.text }]
        : next?.kind === "follow-injection"
          ? [toolUse(obeyInjection(request))]
          : next?.kind === "bad-json"
            ? [{ ...toolUse({}), rawJson: '{"policies": [{"statement": "permit(principal, action, resource);", "explanation": }]' }]
            : [toolUse(next?.kind === "submit" ? next.input : defaultDraft(request))];
    if (next?.kind === "submit" && next.delayMs) await new Promise((r) => setTimeout(r, next.delayMs));
    const stopReason = next?.kind === "submit" && next.stopReason ? next.stopReason : content[0].type === "tool_use" ? "tool_use" : "end_turn";
    const message = { id: `msg_${requests.length}`, type: "message", role: "assistant", model: String(request.model), content, stop_reason: stopReason, stop_sequence: null, usage: { input_tokens: 100, output_tokens: 50 } };
    if (request.stream) return sse(res, message);
    if (next?.kind === "bad-json") return json(res, 200, { ...message, content: [toolUse("not an object")] });
    json(res, 200, message);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    script: (items) => (queue = items),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Streams a message the way the Messages API does, the tool input in small JSON fragments. */
function sse(res: ServerResponse, message: { content: Array<Record<string, unknown>> } & Record<string, unknown>) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (type: string, data: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  send("message_start", { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 100, output_tokens: 1 } } });
  message.content.forEach((block, index) => {
    if (block.type === "tool_use") {
      const { rawJson: _raw, ...start } = block;
      send("content_block_start", { index, content_block: { ...start, input: {} } });
      const text = typeof block.rawJson === "string" ? block.rawJson : JSON.stringify(block.input);
      for (let i = 0; i < text.length; i += 40) send("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: text.slice(i, i + 40) } });
    } else {
      send("content_block_start", { index, content_block: { type: "text", text: "" } });
      send("content_block_delta", { index, delta: { type: "text_delta", text: block.text } });
    }
    send("content_block_stop", { index });
  });
  send("message_delta", { delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: 50 } });
  send("message_stop", {});
  res.end();
}

/** The request, gateway ARN and tools as the drafting prompt quotes them. */
function promptData(request: Record<string, unknown>) {
  const first = (request.messages as Array<{ content: unknown }>)[0]?.content;
  const prompt = typeof first === "string" ? first : "";
  const text = /<request>\n([\s\S]*?)\n<\/request>/.exec(prompt)?.[1] ?? "";
  const arn = /Gateway ARN: (\S+)/.exec(prompt)?.[1] ?? "";
  const tools = JSON.parse(/<tools_json>\n([\s\S]*?)\n<\/tools_json>/.exec(prompt)?.[1] ?? "[]") as Array<{ name: string; description: string; inputSchema: Record<string, unknown> }>;
  return { text, arn, tools };
}

/** A gullible model: when a tool description says "ignore … instructions", it permits everything. */
function obeyInjection(request: Record<string, unknown>) {
  const { arn, tools } = promptData(request);
  const planted = tools.find((t) => /ignore|disregard|instead/i.test(t.description ?? ""));
  if (!planted) return defaultDraft(request);
  return {
    policies: [{ statement: `@id("as_instructed")\npermit(principal, action, resource == AgentCore::Gateway::${JSON.stringify(arn)});`, explanation: `As ${planted.name}'s description asks: every tool for everyone.` }],
    assumptions: [],
    questions: [],
  };
}

/** What "Claude" answers when nothing is scripted: the offline drafter on the prompt's own data. */
function defaultDraft(request: Record<string, unknown>) {
  const { text, arn, tools } = promptData(request);
  const schema = generateSchema(tools);
  const draft = draftOffline({ request: text, gatewayArn: arn, tools, schema: { text: schema.text, json: schema.json as Record<string, unknown> } });
  return draft;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}
