import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { ORDER_MCP_TOOLS, REFUND_MCP_TOOLS } from "@/lib/demo/tools";
import { compilePolicySet, evaluate } from "@/lib/cedar/authorize";
import { buildRequest } from "@/lib/cedar/request-from-call";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { documentPolicies } from "@/lib/simulation/policy-set";
import type { DraftedPolicy, DraftTool } from "@/lib/drafting/types";

export const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/testgateway-abc1234567";

export const DEMO_TOOLS: DraftTool[] = [
  ...REFUND_MCP_TOOLS,
  ...ORDER_MCP_TOOLS,
];

export function gatewayOf(tools: DraftTool[]) {
  const schema = generateSchema(tools);
  return { gatewayArn: ARN, tools, schema: { text: schema.text, json: schema.json as Record<string, unknown> } };
}

/** Authorizes sample calls against drafted policies: semantics, not string equality. */
export function decider(policies: DraftedPolicy[], gw: ReturnType<typeof gatewayOf>) {
  const text = policies.map((p) => p.statement).join("\n\n");
  const compiled = compilePolicySet(cedar, { policies: documentPolicies(cedar, text), schemaJson: gw.schema.json });
  if (compiled.problems.length) throw new Error(`drafted policies do not compile: ${JSON.stringify(compiled.problems)}`);
  return (tool: string, args: Record<string, unknown>, claims: Record<string, unknown> = {}) => {
    const built = buildRequest({ principal: { sub: "tester", claims }, toolName: tool, args, gatewayArn: ARN, schemaJson: gw.schema.json as never });
    if (!built.ok) throw new Error(built.error);
    return evaluate(compiled, built.request).decision;
  };
}
