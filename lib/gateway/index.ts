import "server-only";
import { getControlPlane } from "@/lib/agentcore";
import { config } from "@/lib/config";
import { consoleHosts } from "@/lib/http/console-hosts";
import { getDb } from "@/lib/store/db";
import { tokenIssuer } from "./connect";
import { createMcpHandler, type GatewayDeps, type McpHandler } from "./mcp-handler";

/** The console's own gateway wiring: the configured store, backend and public URL. */
export async function gatewayDeps(): Promise<GatewayDeps> {
  const [db, controlPlane] = await Promise.all([getDb(), getControlPlane()]);
  return { db, controlPlane, issuer: tokenIssuer(config().publicUrl), hosts: consoleHosts() };
}

const holder = globalThis as unknown as { __policyStudioMcp?: Promise<McpHandler> };

/** One handler per process (it keeps small caches), surviving dev reloads. */
export function mcpHandler(): Promise<McpHandler> {
  holder.__policyStudioMcp ??= gatewayDeps().then(createMcpHandler);
  holder.__policyStudioMcp.catch(() => (holder.__policyStudioMcp = undefined));
  return holder.__policyStudioMcp;
}
