/// <reference lib="webworker" />
import init, * as cedar from "@cedar-policy/cedar-wasm/web";
import { handlers } from "./handlers";
import type { JobMessage, WorkerReply } from "./protocol";

// The wasm is fetched from our own origin (bundled asset), once per worker.
const ready = init().then(() => cedar);

const post = (reply: WorkerReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);

self.onmessage = async (event: MessageEvent<JobMessage>) => {
  const { id, kind, payload } = event.data;
  try {
    const api = await ready;
    const handler = handlers[kind];
    if (!handler) throw new Error(`Unknown Cedar job "${kind}"`);
    const result = await handler(payload as never, { cedar: api, progress: (done, total) => post({ id, type: "progress", done, total }) });
    post({ id, type: "result", result });
  } catch (e) {
    post({ id, type: "error", message: e instanceof Error ? e.message : String(e) });
  }
};
