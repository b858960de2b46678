import "server-only";
import type { GatewayDetail } from "@/lib/agentcore/types";
import { principalKind } from "@/lib/cedar/gateway-schema";
import { simGateway } from "@/lib/simulation/sim-gateway";
import type { SimGateway } from "@/lib/simulation/types";

/**
 * The simulator's view of a gateway; the same object is handed to the browser worker. On the local
 * workspace the gateway runs the tools itself, so a replay can show their real output.
 */
export function simGatewayOf(gateway: GatewayDetail, schemaJson: Record<string, unknown>, options: { localOutputs: boolean }): SimGateway {
  return simGateway({
    gatewayArn: gateway.gatewayArn,
    principalType: principalKind(gateway),
    schemaJson,
    tools: gateway.targets.flatMap((t) => t.tools.map((tool) => ({ name: tool.name, inputSchema: tool.inputSchema, ...(options.localOutputs ? { localOutput: true } : {}) }))),
  });
}
