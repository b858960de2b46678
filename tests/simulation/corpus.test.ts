import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { REFUND_MCP_TOOLS, refundPolicyStatement } from "@/lib/demo/tools";
import { toolsCall } from "@/lib/mcp/tool-call";
import { corpusCounts, impactCorpus } from "@/lib/simulation/corpus";
import { impact } from "@/lib/simulation/impact";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { simGateway } from "@/lib/simulation/sim-gateway";
import { toDocument } from "@/lib/workspace/document";

const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/refundgateway-abc1234567";
const REFUND = "RefundTarget___process_refund";
const gateway = simGateway({ gatewayArn: ARN, schemaJson: generateSchema(REFUND_MCP_TOOLS).json as Record<string, unknown>, tools: REFUND_MCP_TOOLS });
const cache = new PolicySetCache(cedar);
const compile = (text: string) => cache.get(text, gateway.schemaJson, "corpus-test");
const published = toDocument([{ name: "refund_limit_policy", description: "", statement: refundPolicyStatement(ARN), enforcementMode: "ACTIVE" }]);
const agent = { sub: "agent-1", claims: { role: "refund-agent" } };

const span = (traceId: string, amount: number, principal: { sub: string; claims: Record<string, unknown> } = agent) => ({ traceId, principal, tool: REFUND, arguments: { amount } });
const recorded = (id: number, amount: number) => ({ id, persona: "agent", principal: agent, tool: REFUND, arguments: { amount } });

describe("one impact corpus for saved cases, recorded calls and imported span calls", () => {
  const corpus = impactCorpus(
    [{ name: "big refund", principal: agent, request: toolsCall(REFUND, { amount: 5000 }) }],
    [recorded(1, 700), recorded(2, 700)],
    [span("aaaaaaaa11112222", 700), span("bbbbbbbb33334444", 700), span("cccccccc55556666", 900, { sub: "agent-2", claims: {} })],
  );

  it("folds identical calls per source, so a recorded call and the same imported call stay apart", () => {
    expect(corpus.map((c) => [c.source, c.count])).toEqual([
      ["case", 1],
      ["recorded", 2],
      ["span", 2],
      ["span", 1],
    ]);
    expect(corpusCounts(corpus)).toEqual({ cases: 1, recorded: 2, spans: 3 });
  });

  it("labels an imported call with its trace, its tool, its arguments and its caller", () => {
    expect(corpus[2]).toMatchObject({ label: 'span aaaaaaaa: process_refund {"amount":700} as agent-1', tool: REFUND, request: toolsCall(REFUND, { amount: 700 }) });
    expect(corpus[3].label).toBe('span cccccccc: process_refund {"amount":900} as agent-2');
  });

  it("counts imported calls in the impact and tells a forbid's denial from default deny", () => {
    const forbidAgent2 = `${published.replace("< 1000", "< 600")}\n@id("no_agent_2")\nforbid(principal == AgentCore::OAuthUser::"agent-2", action, resource);\n`;
    const r = impact(corpus, gateway, compile(published), compile(forbidAgent2));
    expect(r).toMatchObject({ total: 6, cases: 1, recorded: 2, spans: 3, allowToDeny: 5 });
    const bySource = Object.fromEntries(r.flips.map((f) => [`${f.source}:${f.arguments.amount}`, f.forbids]));
    // 700 is over the lowered limit: no permit applies any more. agent-2's 900 was allowed and is now forbidden by name.
    expect(bySource).toEqual({ "recorded:700": [], "span:700": [], "span:900": ["no_agent_2"] });
  });
});
