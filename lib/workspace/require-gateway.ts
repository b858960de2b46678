import "server-only";
import { getControlPlane } from "@/lib/agentcore";
import type { GatewayDetail } from "@/lib/agentcore/types";

/** The gateway, or 404 `gateway-not-found`: workspace data (personas, suites) is never kept for a gateway that does not exist. */
export async function requireGateway(gatewayId: string): Promise<GatewayDetail> {
  return (await getControlPlane()).getGateway(gatewayId);
}
