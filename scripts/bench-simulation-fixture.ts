/**
 * The workload both simulation benchmarks share: the demo gateway's tools, 50 policies (role-scoped
 * permits per tool, amount limits, a few forbids) and 10,000 generated tools/call requests.
 */
import { ORDER_MCP_TOOLS, REFUND_MCP_TOOLS } from "@/lib/demo/tools";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { exampleArguments } from "@/lib/mcp/example-args";
import { toolsCall } from "@/lib/mcp/tool-call";
import { simGateway } from "@/lib/simulation/sim-gateway";

export const N = 10_000;
const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/benchgateway-0000000000";
const tools = [...REFUND_MCP_TOOLS, ...ORDER_MCP_TOOLS];
export const schemaJson = generateSchema(tools).json as Record<string, unknown>;
export const gateway = simGateway({ gatewayArn: ARN, principalType: "OAuthUser", schemaJson, tools });
const roles = ["refund-agent", "support-viewer", "admin", "auditor", "intern"];

export const policies: string[] = [];
for (let i = 0; i < 50; i++) {
  const tool = tools[i % tools.length].name;
  const role = roles[i % roles.length];
  if (i % 10 === 9) policies.push(`@id("deny_${i}")\nforbid(principal, action == AgentCore::Action::"${tool}", resource) when { principal.hasTag("department") && principal.getTag("department") == "dept-${i}" };`);
  else if (tool === "RefundTarget___process_refund") policies.push(`@id("refund_${i}")\npermit(principal, action == AgentCore::Action::"${tool}", resource) when { principal.hasTag("role") && principal.getTag("role") == "${role}" && context.input.amount < ${500 + i * 20} };`);
  else policies.push(`@id("allow_${i}")\npermit(principal, action == AgentCore::Action::"${tool}", resource) when { principal.hasTag("role") && principal.getTag("role") == "${role}" };`);
}
export const published = policies.join("\n\n");

export const calls = Array.from({ length: N }, (_, i) => {
  const tool = tools[i % tools.length];
  const args = tool.name === "RefundTarget___process_refund" ? { amount: (i * 37) % 3000 } : exampleArguments(tool.inputSchema);
  return { principal: { sub: `agent-${i % 97}`, claims: { role: roles[i % roles.length], department: `dept-${i % 60}` } }, request: toolsCall(tool.name, args, i), label: `#${i}`, source: "case" as const, tool: tool.name, count: 1 };
});

/** Median calls per second (or milliseconds) of a few rounds after a warm-up. */
export function timed(fn: () => number, rounds = 5): { ms: number; perSecond: number; result: number } {
  fn();
  const times: number[] = [];
  let result = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(rounds / 2)];
  return { ms, perSecond: N / (ms / 1000), result };
}
