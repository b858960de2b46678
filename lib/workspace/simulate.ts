import "server-only";
import { cedar } from "@/lib/cedar/server";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { replayCall, type ToolOutput } from "@/lib/simulation/replay";
import type { SimCall, SimGateway, SimResult } from "@/lib/simulation/types";

const cache = new PolicySetCache(cedar);

/** A document compiled for a gateway's schema, reused while it does not change. */
export function compiledFor(gateway: SimGateway, text: string) {
  return cache.get(text, gateway.schemaJson, gateway.schemaKey);
}

/** The server's replay for scripts: the same code the browser worker runs, given how local tools answer (lib/targets/local-answer.ts). */
export function simulate(gateway: SimGateway, policiesText: string, calls: SimCall[], output: ToolOutput): { results: SimResult[]; problems: Array<{ id: string; message: string }> } {
  const compiled = compiledFor(gateway, policiesText);
  return { results: calls.map((c) => replayCall(compiled, gateway, c, output)), problems: compiled.problems };
}
