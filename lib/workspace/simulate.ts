import "server-only";
import { cedar } from "@/lib/cedar/server";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import type { ToolOutput } from "@/lib/simulation/replay";
import { replayCalls, replaySession, type SimSessionCall } from "@/lib/simulation/session-replay";
import type { SimCall, SimGateway, SimResult } from "@/lib/simulation/types";

const cache = new PolicySetCache(cedar);

/** A document compiled for a gateway's schema, reused while it does not change. */
export function compiledFor(gateway: SimGateway, text: string) {
  return cache.engine(text, gateway).plain;
}

type Problems = Array<{ id: string; message: string }>;

/** The server's replay for scripts: the same code the browser worker runs, given how local tools answer (lib/targets/local-answer.ts). Each call is its own session. */
export function simulate(gateway: SimGateway, policiesText: string, calls: SimCall[], output: ToolOutput): { results: SimResult[]; problems: Problems } {
  const engine = cache.engine(policiesText, gateway);
  return { results: replayCalls(engine, gateway, calls, output), problems: engine.plain.problems };
}

/** An ordered session of calls, each decided against what the earlier ones recorded (the worker's `sim.session`). */
export function simulateSession(gateway: SimGateway, policiesText: string, calls: SimSessionCall[], output: ToolOutput): { results: SimResult[]; problems: Problems } {
  const engine = cache.engine(policiesText, gateway);
  return { results: replaySession(engine, gateway, calls, { output }), problems: engine.plain.problems };
}
