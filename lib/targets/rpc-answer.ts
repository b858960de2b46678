/**
 * Reading the JSON-RPC answer to one request from a Streamable HTTP response body: JSON (one message
 * or a batch) or an SSE stream whose events carry messages (notifications first, perhaps), read only
 * until the answer arrives, and never past `maxBytes`. The message is returned as parsed — nothing
 * re-validated or rebuilt — so an upstream's result or error reaches the client unchanged.
 * Event-driven on the Node stream: this runs once per forwarded call.
 */
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { AnswerTooLarge } from "./capped-response";

export type RpcMessage = { jsonrpc?: unknown; id?: unknown; result?: unknown; error?: unknown };

export type RpcAnswer = { kind: "message"; message: RpcMessage } | { kind: "none" };

export function readRpcAnswer(body: Readable, contentType: string | null, id: number, maxBytes: number): Promise<RpcAnswer> {
  const matches = (m: unknown): m is RpcMessage =>
    typeof m === "object" && m !== null && !Array.isArray(m) && (m as RpcMessage).id === id && ("result" in m || "error" in m);
  const sse = (contentType ?? "").split(";")[0].trim().toLowerCase() === "text/event-stream";
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const decoder = new StringDecoder("utf8");
    let size = 0;
    let pending = "";
    const settle = (answer: RpcAnswer) => {
      body.removeAllListeners("data");
      resolve(answer);
    };
    body.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        reject(new AnswerTooLarge(maxBytes));
        return;
      }
      if (!sse) {
        chunks.push(chunk);
        return;
      }
      // Events end at a blank line; an answer found ends the read (the stream may stay open).
      const events = (pending + decoder.write(chunk)).split(/\r?\n\r?\n/);
      pending = events.pop() ?? "";
      const found = events.flatMap(eventMessages).find(matches);
      if (found) {
        body.destroy();
        settle({ kind: "message", message: found });
      }
    });
    body.on("end", () => {
      const found = (sse ? eventMessages(pending + decoder.end()) : parse(Buffer.concat(chunks).toString("utf8"))).find(matches);
      settle(found ? { kind: "message", message: found } : { kind: "none" });
    });
    body.on("error", reject);
  });
}

function eventMessages(event: string): unknown[] {
  const data = event
    .split(/\r?\n/)
    .filter((l) => l.startsWith("data:"))
    .map((l) => l.slice(5).replace(/^ /, ""))
    .join("\n");
  return data ? parse(data) : [];
}

function parse(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [value];
  } catch {
    return [];
  }
}
