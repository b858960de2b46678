/**
 * Reading the JSON-RPC answer to one request from a Streamable HTTP response: a JSON body (one
 * message or a batch) or an SSE stream whose events carry messages (notifications first, perhaps),
 * read only until the answer arrives. The message is returned as parsed, nothing re-validated or
 * rebuilt, so an upstream's result or error reaches the client unchanged.
 */
import { capResponse } from "./capped-response";

export type RpcMessage = { jsonrpc?: unknown; id?: unknown; result?: unknown; error?: unknown };

export type RpcAnswer = { kind: "message"; message: RpcMessage } | { kind: "none"; contentType: string | null };

const isAnswerTo = (id: number) => (m: unknown): m is RpcMessage =>
  typeof m === "object" && m !== null && !Array.isArray(m) && (m as RpcMessage).id === id && ("result" in m || "error" in m);

export async function readRpcAnswer(res: Response, id: number, maxBytes: number): Promise<RpcAnswer> {
  const contentType = res.headers.get("content-type");
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const body = capResponse(res, maxBytes);
  if (type === "text/event-stream") return fromEventStream(body, id, contentType);
  const text = await body.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: "none", contentType };
  }
  const found = (Array.isArray(parsed) ? parsed : [parsed]).find(isAnswerTo(id));
  return found ? { kind: "message", message: found } : { kind: "none", contentType };
}

async function fromEventStream(res: Response, id: number, contentType: string | null): Promise<RpcAnswer> {
  if (!res.body) return { kind: "none", contentType };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const matches = isAnswerTo(id);
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer += value;
      // Events end at a blank line; on the last read, whatever remains is the last event.
      const events = buffer.split(/\r?\n\r?\n/);
      buffer = done ? "" : (events.pop() ?? "");
      for (const event of events) {
        const data = event
          .split(/\r?\n/)
          .filter((l) => l.startsWith("data:"))
          .map((l) => l.slice(5).replace(/^ /, ""))
          .join("\n");
        if (!data) continue;
        let message: unknown;
        try {
          message = JSON.parse(data);
        } catch {
          continue;
        }
        const found = (Array.isArray(message) ? message : [message]).find(matches);
        if (found) return { kind: "message", message: found };
      }
      if (done) return { kind: "none", contentType };
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
