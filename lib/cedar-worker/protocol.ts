/**
 * Messages between the page and the Cedar Web Worker. A job names a handler kind; the worker may
 * post progress before its one result or error.
 */
export type JobMessage = { id: number; kind: string; payload: unknown };
export type WorkerReply =
  | { id: number; type: "result"; result: unknown }
  | { id: number; type: "error"; message: string }
  | { id: number; type: "progress"; done: number; total: number };

export type CedarWasm = typeof import("@cedar-policy/cedar-wasm/web");

export interface JobContext {
  cedar: CedarWasm;
  progress(done: number, total: number): void;
}

export type JobHandler = (payload: never, ctx: JobContext) => unknown;
