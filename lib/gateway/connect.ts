import "server-only";
import type { ControlPlane, Tool } from "@/lib/agentcore/types";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { ensureGatewayClients } from "@/lib/store/clients";

export interface ConnectClient {
  clientId: string;
  clientSecret: string;
  persona: string;
  claims: Record<string, unknown>;
}

export interface ConnectInfo {
  mcpUrl: string;
  tokenEndpoint: string;
  clients: ConnectClient[];
}

/** `GET /api/gateways/{id}/connect`: how an MCP client reaches the local gateway. Local workspace only. */
export async function getConnectInfo(gatewayId: string, deps: { db: Db; controlPlane: ControlPlane; publicUrl: string }): Promise<ConnectInfo & { tools: Tool[] }> {
  const info = await deps.controlPlane.info();
  if (info.kind !== "local") {
    throw new AppError("not-available", "The MCP gateway and its OAuth clients exist in the local workspace only. On AWS, connect to the gateway's own URL with your identity provider.");
  }
  const gateway = await deps.controlPlane.getGateway(gatewayId);
  const clients = await ensureGatewayClients(gateway.gatewayId, deps.db);
  return {
    mcpUrl: `${deps.publicUrl}/mcp/${gateway.gatewayId}`,
    tokenEndpoint: tokenEndpoint(deps.publicUrl),
    clients: clients.map((c) => ({ clientId: c.clientId, clientSecret: c.clientSecret, persona: c.persona, claims: c.claims })),
    tools: gateway.targets.flatMap((t) => t.tools),
  };
}

export function tokenEndpoint(publicUrl: string): string {
  return `${publicUrl}/oauth2/token`;
}

/** The `iss` of the local gateway's tokens. */
export function tokenIssuer(publicUrl: string): string {
  return `${publicUrl}/oauth2`;
}
