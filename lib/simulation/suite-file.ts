import { ACTION_GROUPS, NS } from "@/lib/cedar/cedar-api";
import type { Tool } from "@/lib/agentcore/types";
import { simGateway } from "./sim-gateway";
import type { SimGateway } from "./types";

/**
 * Helpers for running a suite file outside the console (the policy-test CLI): where the gateway's
 * tools come from when the suite's own copy is overridden. Pure; the CLI does the file I/O.
 */

/**
 * Tools from any of the JSON shapes a team is likely to have: a plain array of tools, an MCP
 * `tools/list` result (`{"tools":[…]}`, or the whole JSON-RPC response), or the console's
 * `GET /api/gateways/{id}` answer (`{"targets":[{"tools":[…]}]}`, which also names the gateway ARN).
 */
export function toolsFromJson(data: unknown): { tools: Tool[]; gatewayArn?: string } {
  const obj = (data ?? {}) as Record<string, unknown>;
  let list: unknown;
  if (Array.isArray(data)) list = data;
  else if (Array.isArray(obj.tools)) list = obj.tools;
  else if (obj.result && Array.isArray((obj.result as Record<string, unknown>).tools)) list = (obj.result as Record<string, unknown>).tools;
  else if (Array.isArray(obj.targets)) list = (obj.targets as Array<{ tools?: unknown[] }>).flatMap((t) => t.tools ?? []);
  if (!Array.isArray(list)) throw new Error('expected an array of tools, {"tools":[…]}, a tools/list response, or a gateway with "targets"');
  const tools = list.map((t, i) => {
    const tool = (t ?? {}) as Record<string, unknown>;
    if (typeof tool.name !== "string" || !tool.name) throw new Error(`tool ${i} has no name`);
    const inputSchema = (tool.inputSchema ?? tool.input_schema ?? { type: "object" }) as Record<string, unknown>;
    return { name: tool.name, description: typeof tool.description === "string" ? tool.description : "", inputSchema };
  });
  return { tools, gatewayArn: typeof obj.gatewayArn === "string" ? obj.gatewayArn : undefined };
}

/**
 * The simulator's gateway from a Cedar JSON schema alone: one tool per tool action. Without the
 * tools' JSON Schemas the arguments are only checked against the Cedar types of `context.input`.
 */
export function gatewayFromCedarSchema(schemaJson: Record<string, unknown>, gatewayArn: string): SimGateway {
  const ns = schemaJson[NS] as { actions?: Record<string, unknown>; entityTypes?: Record<string, unknown> } | undefined;
  if (!ns?.actions) throw new Error(`the schema has no ${NS} namespace with actions (is it AgentCore's schema for this gateway?)`);
  const tools = Object.keys(ns.actions)
    .filter((a) => !(ACTION_GROUPS as readonly string[]).includes(a))
    .map((name) => ({ name, inputSchema: {} }));
  const types = Object.keys(ns.entityTypes ?? {});
  const principalType = types.includes("IamEntity") && !types.includes("OAuthUser") ? "IamEntity" : "OAuthUser";
  return simGateway({ gatewayArn, principalType, schemaJson, tools });
}
