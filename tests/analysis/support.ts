import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { ORDER_TOOLS, REFUND_TOOLS } from "@/lib/demo/tools";
import type { Tool } from "@/lib/agentcore/types";
import { analyzeDraft, type AnalysisInput } from "@/lib/analysis/analyze";
import type { GatewayFacts } from "@/lib/analysis/replay";
import { smtSolver } from "@/lib/analysis/solver";
import { generateSchema } from "@/lib/cedar/schema-from-tools";

export const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/demo-abc1234567";
export const REFUND = "RefundTarget___process_refund";
export const DEMO_TOOLS: Tool[] = [...REFUND_TOOLS.map((t) => ({ ...t, name: `RefundTarget___${t.name}` })), ...ORDER_TOOLS.map((t) => ({ ...t, name: `OrdersTarget___${t.name}` }))];

export function gatewayOf(tools: Tool[], principalKind: "OAuthUser" | "IamEntity" = "OAuthUser", gatewayArn = ARN): GatewayFacts {
  const schema = generateSchema(tools, { principal: principalKind, numbersAsDecimal: true, objectsAsRecords: true });
  return { gatewayArn, principalKind, schemaJson: schema.json as Record<string, unknown>, tools: tools.map((t) => ({ name: t.name, inputSchema: t.inputSchema })) };
}

export async function analyze(gateway: GatewayFacts, publishedText: string, draftText: string, extra: Partial<AnalysisInput> = {}) {
  return analyzeDraft(cedar, await smtSolver(), { gateway, publishedText, draftText, ...extra });
}

export const permit = (tool: string, when = "", id?: string) => `${id ? `@id("${id}")\n` : ""}permit(principal, action == AgentCore::Action::"${tool}", resource)${when ? ` when { ${when} }` : ""};`;
export const forbid = (tool: string, when = "", id?: string) => `${id ? `@id("${id}")\n` : ""}forbid(principal, action == AgentCore::Action::"${tool}", resource)${when ? ` when { ${when} }` : ""};`;
