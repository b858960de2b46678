import "server-only";
import type { Tool } from "@/lib/agentcore/types";
import { getSetting, putSetting } from "./settings";

/** Tool definitions listed through a gateway's MCP endpoint; definitions only, never the token used. */
const key = (gatewayId: string) => `discovered-tools:${gatewayId}`;

export async function getDiscoveredTools(gatewayId: string): Promise<Tool[]> {
  return (await getSetting<Tool[]>(key(gatewayId))) ?? [];
}

export async function putDiscoveredTools(gatewayId: string, tools: Tool[]): Promise<void> {
  await putSetting(key(gatewayId), tools);
}
