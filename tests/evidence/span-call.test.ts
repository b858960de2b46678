import { describe, expect, it } from "vitest";
import { callFromSpan, MISSING, spansQuery } from "@/lib/evidence/span-call";
import { spanOf } from "../../scripts/fake-agentcore/logs";

const GATEWAY = "arn:aws:bedrock-agentcore:us-east-1:111122223333:gateway/paymentsgateway-a1b2c3d4e5";
const call = {
  gatewayId: "paymentsgateway-a1b2c3d4e5",
  gatewayArn: GATEWAY,
  policyEngineId: "paymentsengine-k1l2m3n4o5",
  traceId: "0123456789abcdef0123456789abcdef",
  spanId: "0123456789abcdef",
  at: Date.parse("2026-06-30T10:00:00.123Z"),
  latencyMs: 12,
  tool: "PaymentsTarget___create_payment",
  principal: { sub: "billing-agent-01", claims: { role: "billing-agent" } },
  arguments: { amount: 1200, currency: "EUR" },
  withArguments: true,
  mode: "LOG_ONLY",
  decision: "DENY" as const,
  determining: ["payment_cap-abcdefghij"],
  logOnlyMatched: ["canary-0123456789"],
  flips: ["canary-0123456789"],
  mismatched: [],
};

describe("a policy span read as a recorded call", () => {
  it("carries the tool, principal with claims, arguments, decision, determining policies and LOG_ONLY matches", () => {
    expect(callFromSpan(JSON.stringify(spanOf(call)))).toEqual({
      traceId: call.traceId,
      spanId: call.spanId,
      at: new Date("2026-06-30T10:00:00.123Z"),
      tool: call.tool,
      principal: { type: "OAuthUser", sub: "billing-agent-01", claims: { role: "billing-agent" } },
      arguments: { amount: 1200, currency: "EUR" },
      decision: "DENY",
      determiningPolicies: ["payment_cap-abcdefghij"],
      logOnlyMatched: ["canary-0123456789"],
      flips: ["canary-0123456789"],
      mode: "LOG_ONLY",
      missing: [],
    });
  });

  it("keeps a span without arguments and says why it cannot be re-evaluated", () => {
    const read = callFromSpan(JSON.stringify(spanOf({ ...call, withArguments: false })));
    expect(read).toMatchObject({ arguments: null, missing: [MISSING.arguments] });
  });

  it("reads lists given as JSON text, the tool from the Cedar action, an IAM principal, and names what is absent", () => {
    const span = {
      name: "AgentCore.Policy.AuthorizeAction",
      traceId: "t1",
      spanId: "s1",
      startTimeUnixNano: 1_782_813_600_000_000_000,
      attributes: {
        "aws.agentcore.policy.authorization_decision": "ALLOW",
        "aws.agentcore.policy.determining_policies": '["a-0123456789","b-0123456789"]',
        "aws.agentcore.policy.action": 'AgentCore::Action::"Orders___get_order"',
        "aws.agentcore.policy.principal.type": "AgentCore::IamEntity",
        "aws.agentcore.policy.principal.id": "arn:aws:iam::111122223333:role/agent",
        "aws.agentcore.policy.context": JSON.stringify({ input: { orderId: "o-1" } }),
      },
    };
    expect(callFromSpan(JSON.stringify(span))).toMatchObject({
      tool: "Orders___get_order",
      principal: { type: "IamEntity", sub: "arn:aws:iam::111122223333:role/agent", claims: {} },
      arguments: { orderId: "o-1" },
      determiningPolicies: ["a-0123456789", "b-0123456789"],
      mode: "NONE",
      missing: [],
    });
    const bare = { ...span, attributes: { "aws.agentcore.policy.authorization_decision": "DENY" } };
    expect(callFromSpan(JSON.stringify(bare))?.missing).toEqual([MISSING.tool, MISSING.principal, MISSING.arguments]);
  });

  it("is null for spans that are not a policy decision, and for text that is not JSON", () => {
    expect(callFromSpan(JSON.stringify({ ...spanOf(call), name: "AgentCore.Gateway.InvokeTool" }))).toBeNull();
    expect(callFromSpan(JSON.stringify({ ...spanOf(call), attributes: {} }))).toBeNull();
    expect(callFromSpan("not json")).toBeNull();
  });

  it("asks Logs Insights for one gateway's policy spans, oldest first", () => {
    expect(spansQuery(GATEWAY, 10_000)).toBe(
      `fields @timestamp, @message | filter name = "AgentCore.Policy.AuthorizeAction" and \`attributes.aws.resource.arn\` = "${GATEWAY}" | sort @timestamp asc | limit 10000`,
    );
  });
});
