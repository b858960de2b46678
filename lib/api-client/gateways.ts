import type { Decision } from "@/lib/cedar/cedar-api";
import type { Tool } from "@/lib/agentcore/types";
import type { DecisionEntry } from "@/lib/store/decisions";
import type { StoredTestCase } from "@/lib/simulation/schemas";
import { apiFetch, gatewayPath } from "./request";

/** A gateway's tools through its own MCP endpoint, and the local gateway's decision log. */

export const discoverTools = (gatewayId: string, token: string) => apiFetch<{ tools: Tool[] }>(gatewayPath(gatewayId, ["tools", "discover"]), { method: "POST", body: { token } });

export interface DecisionQuery {
  decision?: string;
  tool?: string;
  persona?: string;
  session?: string;
  q?: string;
  limit?: number;
  before?: number;
}

export const listDecisions = (gatewayId: string, query: DecisionQuery, signal?: AbortSignal) =>
  apiFetch<{ decisions: DecisionEntry[] }>(gatewayPath(gatewayId, ["decisions"], { ...query }), { signal });

export const saveDecisionAsTestCase = (gatewayId: string, decisionId: number, body: { suite?: string; name?: string; expected?: Decision } = {}) =>
  apiFetch<{ testCase: StoredTestCase }>(gatewayPath(gatewayId, ["decisions", decisionId, "test-case"]), { method: "POST", body });

/** Where the browser downloads the gateway's generated Cedar schema from. */
export const schemaDownloadUrl = (gatewayId: string, format: "cedar" | "json") => gatewayPath(gatewayId, ["schema"], { format, download: 1 });
