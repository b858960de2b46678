"use client";

import type { JobMessage, WorkerReply } from "./protocol";

type Pending = { resolve(v: unknown): void; reject(e: Error): void; onProgress?: (done: number, total: number) => void };

/**
 * A promise API over one Cedar Web Worker. Cancelling a job terminates the worker (the only way to stop
 * wasm mid-loop) and the next job starts a fresh one.
 */
export class CedarWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  run<T>(kind: string, payload: unknown, options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<T> {
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(new DOMException("Cancelled", "AbortError"));
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      signal?.addEventListener("abort", () => this.reset(new DOMException("Cancelled", "AbortError")), { once: true });
      worker.postMessage({ id, kind, payload } satisfies JobMessage);
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./cedar.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const job = this.pending.get(reply.id);
      if (!job) return;
      if (reply.type === "progress") return job.onProgress?.(reply.done, reply.total);
      this.pending.delete(reply.id);
      if (reply.type === "result") job.resolve(reply.result);
      else job.reject(new Error(reply.message));
    };
    worker.onerror = (event) => this.reset(new Error(`The Cedar worker failed: ${event.message || "could not start"}`));
    this.worker = worker;
    return worker;
  }

  private reset(error: Error) {
    this.worker?.terminate();
    this.worker = null;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

let shared: CedarWorkerClient | undefined;

/** The page's Cedar worker for quick jobs (validation, formatting, single replays). */
export function cedarWorker(): CedarWorkerClient {
  shared ??= new CedarWorkerClient();
  return shared;
}
