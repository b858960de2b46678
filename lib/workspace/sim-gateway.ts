import "server-only";
import { bareToolName } from "@/lib/agentcore/names";
import type { GatewayDetail } from "@/lib/agentcore/types";
import { principalKind } from "@/lib/cedar/gateway-schema";
import { simGateway } from "@/lib/simulation/sim-gateway";
import type { SimGateway } from "@/lib/simulation/types";

/**
 * The simulator's view of a gateway; the same object is handed to the browser worker. On the local
 * workspace the gateway answers inline and OpenAPI tools itself (demo code or response templates),
 * so a replay can show their real output; an MCP server's answers stay unknown (a placeholder).
 */
export function simGatewayOf(gateway: GatewayDetail, schemaJson: Record<string, unknown>, options: { localOutputs: boolean }): SimGateway {
  return simGateway({
    gatewayArn: gateway.gatewayArn,
    principalType: principalKind(gateway),
    schemaJson,
    tools: gateway.targets.flatMap((t) =>
      t.tools.map((tool) => {
        const answeredBy = t.answeredBy ?? "demo";
        if (!options.localOutputs || answeredBy === "upstream") return { name: tool.name, inputSchema: tool.inputSchema };
        const own = bareToolName(tool.name);
        const template = t.responseTemplates?.[own];
        return { name: tool.name, inputSchema: tool.inputSchema, local: { target: t.name, tool: own, answeredBy, ...(template === undefined ? {} : { template }) } };
      }),
    ),
  });
}
