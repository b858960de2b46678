import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import type { Tool } from "@/lib/agentcore/types";
import { disposeCompiled } from "@/lib/cedar/authorize";
import { buildRequest, type RequestPrincipal as CallPrincipal } from "@/lib/cedar/request-from-call";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { compileSessionEngine, evaluateSession, type SessionCall, type SessionEngine } from "@/lib/dogwood/session";

export const GATEWAY = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/bankgateway-0123456789";

/** A banking gateway like AWS's temporal-policies sample (amounts in integer cents). */
export const BANK_TOOLS: Tool[] = [
  tool("Bank___get_account_balance", { accountId: { type: "string" } }, ["accountId"]),
  tool("Bank___transfer_funds", { from_account: { type: "string" }, to_account: { type: "string" }, amount: { type: "integer" } }, ["to_account", "amount"]),
  tool("Bank___approve_transfer", { requestId: { type: "string" }, status: { type: "string", enum: ["approved", "rejected"] } }, ["requestId"]),
  tool("Bank___reject_transfer", { requestId: { type: "string" } }, ["requestId"]),
  tool("Bank___send_message", { message: { type: "string" } }, ["message"]),
];

function tool(name: string, properties: Record<string, unknown>, required: string[]): Tool {
  return { name, description: name, inputSchema: { type: "object", properties, required } };
}

export const bankSchema = generateSchema(BANK_TOOLS).json;
export const A = (t: string) => `AgentCore::Action::"Bank___${t}"`;
export const scope = (t: string) => `principal, action == ${A(t)}, resource == AgentCore::Gateway::"${GATEWAY}"`;

const engines: SessionEngine[] = [];
export function disposeEngines() {
  for (const e of engines.splice(0)) disposeCompiled(e.plain);
}

export function bankEngine(policies: Array<string | [string, string, "ACTIVE" | "LOG_ONLY"]>): SessionEngine {
  const e = compileSessionEngine(cedar, {
    policies: policies.map((p, i) => (typeof p === "string" ? { id: `p${i}`, text: p, enforcementMode: "ACTIVE" as const } : { id: p[0], text: p[1], enforcementMode: p[2] })),
    schemaJson: bankSchema,
    tools: BANK_TOOLS,
  });
  engines.push(e);
  return e;
}

export interface Step extends Omit<SessionCall, "request" | "args"> {
  tool: string;
  args: Record<string, unknown>;
  principal?: CallPrincipal;
}

export function call(tool: string, args: Record<string, unknown>, extra: Omit<Step, "tool" | "args"> = {}): Step {
  return { tool, args, ...extra };
}

export function run(engine: SessionEngine, steps: Step[]) {
  return evaluateSession(
    engine,
    steps.map(({ tool, args, principal, ...rest }) => {
      const built = buildRequest({ principal: principal ?? { sub: "agent-1", claims: { role: "teller" } }, toolName: `Bank___${tool}`, args, gatewayArn: GATEWAY, schemaJson: bankSchema });
      if (!built.ok) throw new Error(built.error);
      return { request: built.request, args, ...rest };
    }),
  );
}
