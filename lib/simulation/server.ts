import "server-only";
import { createHash } from "node:crypto";
import { cedar } from "@/lib/cedar/server";
import type { LoadedWorkspace } from "@/lib/workspace/workspace";
import { PolicySetCache } from "./policy-set";
import { replayCall } from "./replay";
import type { SimCall, SimGatewayWithKey, SimResult } from "./types";

/** The simulator's view of a workspace's gateway; the same object is handed to the browser worker. */
export function simGatewayOf(ws: Pick<LoadedWorkspace, "gateway" | "context">): SimGatewayWithKey {
  const schemaJson = ws.context.schemaJson;
  return {
    gatewayArn: ws.gateway.gatewayArn,
    principalType: ws.context.principalType,
    schemaJson,
    schemaKey: createHash("sha256").update(JSON.stringify(schemaJson)).digest("base64url").slice(0, 16),
    tools: ws.gateway.targets.flatMap((t) => t.tools.map((tool) => ({ name: tool.name, inputSchema: tool.inputSchema }))),
  };
}

const cache = new PolicySetCache(cedar);

/** The server's replay for scripts: the same code the browser worker runs. */
export function simulate(gateway: SimGatewayWithKey, policiesText: string, calls: SimCall[]): { results: SimResult[]; problems: Array<{ id: string; message: string }> } {
  const compiled = cache.get(policiesText, gateway.schemaJson, gateway.schemaKey);
  return { results: calls.map((c) => replayCall(compiled, gateway, c)), problems: compiled.problems };
}
