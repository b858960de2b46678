/**
 * Server-sent events as MCP's Streamable HTTP and the console's streaming routes use them: framing
 * one event, and reading a stream of them back (CRLF or LF line ends, several `data:` lines joined,
 * comments ignored). Pure and usable in the browser.
 */

export interface SseEvent {
  event: string;
  /** The event's data lines joined with "\n" (usually one JSON text). */
  data: string;
}

/** One event on the wire: `event: <name>\ndata: <json>\n\n`. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** An incremental reader: feed it text as it arrives; it calls `onEvent` for each complete event. */
export function sseReader(onEvent: (e: SseEvent) => void): { push(chunk: string): void; end(): void } {
  let buffer = "";
  const flush = (block: string) => {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length) onEvent({ event, data: data.join("\n") });
  };
  return {
    push(chunk) {
      buffer += chunk;
      for (let m = /\r?\n\r?\n/.exec(buffer); m; m = /\r?\n\r?\n/.exec(buffer)) {
        flush(buffer.slice(0, m.index));
        buffer = buffer.slice(m.index + m[0].length);
      }
    },
    end() {
      if (buffer.trim()) flush(buffer);
      buffer = "";
    },
  };
}

/** Every event of a whole SSE body. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const reader = sseReader((e) => events.push(e));
  reader.push(text);
  reader.end();
  return events;
}

/** Reads a streamed SSE body, calling `onEvent` for each event as it arrives. */
export async function readSseStream(body: ReadableStream<Uint8Array>, onEvent: (e: SseEvent) => void): Promise<void> {
  const reader = sseReader(onEvent);
  const chunks = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await chunks.read();
    if (done) break;
    reader.push(decoder.decode(value, { stream: true }));
  }
  reader.push(decoder.decode());
  reader.end();
}
