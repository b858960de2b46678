/**
 * The one Z3 instance of the server, loaded on first use (≈ 0.3 s, 35 MB of wasm) and shared.
 *
 * z3-solver's own `check()` runs each query on a fresh pthread and resolves through the event loop
 * (measured here: tens of ms per query, and one query at a time). The analysis instead calls Z3's
 * synchronous `Z3_eval_smtlib2_string` on the calling thread: a few ms per query, no worker thread,
 * no SharedArrayBuffer handoff, the same under `next start`, vitest and the CLI. Queries are bounded
 * by Z3's deterministic resource limit (`rlimit`), never by wall-clock timers, which would need
 * threads. Because every call is synchronous, two requests can never interleave inside one analysis.
 */
import "server-only";
import type { Smt } from "./smt";

type Z3Module = {
  init: () => Promise<{
    Z3: { mk_config(): number; mk_context_rc(cfg: number): number };
    em: { ccall(name: string, ret: string, args: string[], values: unknown[]): number; UTF8ToString(ptr: number): string };
  }>;
};

let loading: Promise<Smt> | null = null;

export function smtSolver(): Promise<Smt> {
  loading ??= load().catch((e) => {
    loading = null; // a failed load is retried by the next request
    throw e;
  });
  return loading;
}

async function load(): Promise<Smt> {
  const { init } = (await import("z3-solver")) as unknown as Z3Module;
  const { Z3, em } = await init();
  const ctx = Z3.mk_context_rc(Z3.mk_config());
  return { eval: (script: string) => em.UTF8ToString(em.ccall("Z3_eval_smtlib2_string", "number", ["number", "string"], [ctx, script])) };
}
