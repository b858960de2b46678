import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { REFUND_MCP_TOOLS, refundPolicyStatement } from "@/lib/demo/tools";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { toolsCall } from "@/lib/mcp/tool-call";
import { decisionMatrix } from "@/lib/simulation/matrix";
import { simGateway } from "@/lib/simulation/sim-gateway";
import { impactCorpus } from "@/lib/simulation/corpus";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { gatewayPrincipal, principalMismatch, principalTags } from "@/lib/mcp/principal";
import { replayCall } from "@/lib/simulation/replay";
import { gatewayFromCedarSchema, toolsFromJson } from "@/lib/simulation/suite-file";
import { toDocument } from "@/lib/workspace/document";

const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/refundgateway-abc1234567";
const tools = REFUND_MCP_TOOLS;
const schemaJson = generateSchema(tools).json as Record<string, unknown>;
const gateway = simGateway({ gatewayArn: ARN, principalType: "OAuthUser", schemaJson, tools });
const published = toDocument([{ name: "refund_limit_policy", description: "", statement: refundPolicyStatement(ARN), enforcementMode: "ACTIVE" }]);
const compiled = new PolicySetCache(cedar).get(published, schemaJson, "principals");

describe("personas become principals as the gateway maps a verified JWT", () => {
  it("drops the token's own claims (iss, exp, aud…) and keeps the rest as tags", () => {
    const p = gatewayPrincipal({ sub: "u", claims: { role: "admin", iss: "https://issuer", exp: 1, aud: "gw", token_use: "access", client_id: "abc" } });
    expect(p.claims).toEqual({ role: "admin", client_id: "abc" });
    expect(principalTags({ sub: "u", claims: { scope: ["orders:read", "refunds:write"], level: 3, admin: true, none: null } })).toEqual([
      ["scope", "orders:read refunds:write"],
      ["level", "3"],
      ["admin", "true"],
    ]);
    expect(principalTags({ type: "IamEntity", sub: "arn:aws:iam::1:role/x", claims: { role: "x" } })).toEqual([]);
  });

  it("refuses a principal type the gateway's authorizer cannot produce, with the gateway's error code", () => {
    expect(principalMismatch({ type: "IamEntity", sub: "arn", claims: {} }, "OAuthUser")).toMatch(/OAuth tokens/);
    expect(principalMismatch({ sub: "u", claims: {} }, "IamEntity")).toBeNull();
    const r = replayCall(compiled, gateway, { principal: { type: "IamEntity", sub: "arn:aws:iam::1:role/x", claims: {} }, request: toolsCall("RefundTarget___process_refund", { amount: 5 }) });
    expect(r.decision).toBe("DENY");
    expect(r.response.ENFORCE).toMatchObject({ error: { code: -32602, message: expect.stringContaining("AgentCore::OAuthUser") } });
  });
});

describe("the decision matrix with a chosen argument set", () => {
  it("uses the given arguments and explains cells whose arguments do not fit", () => {
    const personas = [{ name: "agent", sub: "a", claims: { role: "refund-agent" } }];
    const [small] = decisionMatrix(gateway, personas, compiled, compiled, { RefundTarget___process_refund: { amount: 10 } });
    expect(small).toMatchObject({ draft: "ALLOW", published: "ALLOW", changed: false, draftPolicies: ["refund_limit_policy"] });
    const [wrong] = decisionMatrix(gateway, personas, compiled, compiled, { RefundTarget___process_refund: { amount: "ten" } });
    expect(wrong).toMatchObject({ draft: "DENY", invalid: expect.stringContaining("amount") });
  });
});

describe("the impact corpus", () => {
  it("labels saved cases (with their suite) and recorded calls so a flip can be traced back", () => {
    const calls = impactCorpus(
      [
        { name: "big", suite: "refunds", principal: { sub: "a", claims: {} }, request: toolsCall("RefundTarget___process_refund", { amount: 2000 }) },
        { name: "small", suite: "default", principal: { sub: "a", claims: {} }, request: toolsCall("RefundTarget___process_refund", { amount: 5 }) },
      ],
      [
        { id: 7, persona: null, principal: { sub: "svc", claims: {} }, tool: "RefundTarget___process_refund", arguments: { amount: 3 } },
        { id: 6, persona: null, principal: { sub: "svc", claims: {} }, tool: "RefundTarget___process_refund", arguments: { amount: 3 } },
      ],
    );
    expect(calls.map((c) => [c.source, c.label, c.count])).toEqual([
      ["case", "case: refunds / big", 1],
      ["case", "case: small", 1],
      ["recorded", 'recorded #7: process_refund {"amount":3} as svc', 2],
    ]);
  });
});

describe("suite files outside the console", () => {
  it("reads tools from a plain list, a tools/list answer, or the console's gateway answer", () => {
    const tool = { name: "T___x", inputSchema: { type: "object" } };
    expect(toolsFromJson([tool]).tools[0]).toEqual({ name: "T___x", description: "", inputSchema: { type: "object" } });
    expect(toolsFromJson({ jsonrpc: "2.0", id: 1, result: { tools: [tool] } }).tools).toHaveLength(1);
    expect(toolsFromJson({ gatewayArn: ARN, targets: [{ tools: [tool] }, { tools: [tool] }] })).toMatchObject({ gatewayArn: ARN, tools: [{}, {}] });
    expect(() => toolsFromJson({ nothing: true })).toThrow(/array of tools/);
    expect(() => toolsFromJson([{ inputSchema: {} }])).toThrow(/tool 0 has no name/);
  });

  it("derives the gateway from a Cedar schema alone, typing arguments by Cedar", () => {
    const g = gatewayFromCedarSchema(schemaJson, ARN);
    expect(g.tools.map((t) => t.name)).toEqual(["RefundTarget___process_refund"]);
    expect(replayCall(compiled, g, { principal: { sub: "a", claims: {} }, request: toolsCall("RefundTarget___process_refund", { amount: 5 }) }).decision).toBe("ALLOW");
    const wrong = replayCall(compiled, g, { principal: { sub: "a", claims: {} }, request: toolsCall("RefundTarget___process_refund", { amount: "5" }) });
    expect(wrong.errors[0]).toMatch(/amount: expected/);
    expect(() => gatewayFromCedarSchema({ Other: {} }, ARN)).toThrow(/AgentCore namespace/);
  });
});
