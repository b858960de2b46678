import "server-only";
import { cache } from "react";
import { getDiscoveredTools } from "@/lib/store/discovered-tools";
import { getControlPlane } from "./index";
import type { GatewayDetail } from "./types";

/**
 * A gateway with every tool the console knows: inline ones from the control plane, plus those listed
 * through the gateway's MCP endpoint for targets whose tools only the gateway knows.
 */
export async function loadGateway(gatewayId: string): Promise<GatewayDetail> {
  const gateway = await (await getControlPlane()).getGateway(gatewayId);
  if (!gateway.targets.some((t) => t.toolsSource === "discovered")) return gateway;
  const discovered = await getDiscoveredTools(gatewayId);
  const targets = gateway.targets.map((t) =>
    t.toolsSource === "discovered" ? { ...t, tools: discovered.filter((tool) => tool.name.startsWith(`${t.name}___`)) } : t,
  );
  return { ...gateway, targets, toolCount: targets.reduce((n, t) => n + t.tools.length, 0) };
}

/** Per-request memo so a gateway layout and its page read the gateway once. */
export const getGatewayOnce = cache(loadGateway);
