import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { ORDER_MCP_TOOLS, REFUND_MCP_TOOLS, refundPolicyStatement } from "@/lib/demo/tools";
import { draftEffect, insertedText, replacedText } from "@/lib/simulation/draft-effect";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { simGateway } from "@/lib/simulation/sim-gateway";
import { toDocument } from "@/lib/workspace/document";

const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/refundgateway-abc1234567";
const tools = [...REFUND_MCP_TOOLS, ...ORDER_MCP_TOOLS];
const gateway = simGateway({ gatewayArn: ARN, schemaJson: generateSchema(tools).json as Record<string, unknown>, tools });
const cache = new PolicySetCache(cedar);
const compile = (text: string) => cache.get(text, gateway.schemaJson, "test");
const personas = ["refund-agent", "support-viewer", "admin"].map((role) => ({ name: role, sub: role, claims: { role } }));
const published = toDocument([{ name: "refund_limit_policy", description: "", statement: refundPolicyStatement(ARN), enforcementMode: "ACTIVE" }]);
const onlyRefundAgent = `@id("permit_refund_agent_process_refund_under_1000")
permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource)
when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000 };
`;
const effect = (current: string, draft: string) => draftEffect(cedar, compile, gateway, personas, current, draft);
const cell = (cells: ReturnType<typeof effect>["matrices"]["insert"], tool: string, persona: string) => cells!.find((c) => c.tool === tool && c.persona === persona)!;
const REFUND = "RefundTarget___process_refund";

describe("the effect of applying a draft", () => {
  it("says when inserting a restriction keeps a published permit that still lets others in, and suggests replacing that policy", () => {
    const e = effect(published, onlyRefundAgent);
    expect(e.wider).toEqual([
      { tool: REFUND, persona: "support-viewer", policies: ["refund_limit_policy"] },
      { tool: REFUND, persona: "admin", policies: ["refund_limit_policy"] },
    ]);
    expect(e.restricted).toEqual(["refund_limit_policy"]);
    expect(e.suggested).toBe("replace-restricted");
    expect(cell(e.matrices.insert, REFUND, "support-viewer")).toMatchObject({ draft: "ALLOW", published: "ALLOW", changed: false });
    const replaced = e.matrices["replace-restricted"]!;
    expect(cell(replaced, REFUND, "support-viewer")).toMatchObject({ draft: "DENY", published: "ALLOW", changed: true, draftPolicies: [] });
    expect(cell(replaced, REFUND, "refund-agent")).toMatchObject({ draft: "ALLOW", draftPolicies: ["permit_refund_agent_process_refund_under_1000"] });
    expect(e.texts["replace-restricted"]).not.toContain("refund_limit_policy");
    expect(e.texts["replace-restricted"]).toContain('principal.getTag("role") == "refund-agent"');
  });

  it("suggests Insert when the draft only narrows with a forbid, which wins over every permit", () => {
    const forbid = `@id("forbid_support_viewer_refund")\nforbid(principal, action == AgentCore::Action::"${REFUND}", resource) when { principal.hasTag("role") && principal.getTag("role") == "support-viewer" };\n`;
    const e = effect(published, forbid);
    expect(e.wider).toEqual([]);
    expect(e.suggested).toBe("insert");
    expect(e.texts["replace-restricted"]).toBeUndefined();
    expect(cell(e.matrices.insert, REFUND, "support-viewer")).toMatchObject({ draft: "DENY", published: "ALLOW", changed: true, draftPolicies: ["forbid_support_viewer_refund"] });
  });

  it("leaves tools the draft is not about out of the warning", () => {
    const orders = `@id("permit_get_order")\npermit(principal, action == AgentCore::Action::"OrdersTarget___get_order", resource);\n`;
    const e = effect(published, orders);
    expect(e.wider).toEqual([]);
    expect(cell(e.matrices.insert, REFUND, "support-viewer").draft).toBe("ALLOW");
    // Replacing everything would take the published permit away: the matrix says so.
    expect(cell(e.matrices.replace, REFUND, "support-viewer")).toMatchObject({ draft: "DENY", changed: true });
  });

  it("shows what else a replaced policy allowed: a permit for every tool loses the order tools too", () => {
    const everything = `@id("allow_all")\npermit(principal, action in AgentCore::Action::"CallTool", resource);\n`;
    const e = effect(everything, onlyRefundAgent);
    expect(e.restricted).toEqual(["allow_all"]);
    const replaced = e.matrices["replace-restricted"]!;
    expect(cell(replaced, "OrdersTarget___get_order", "admin")).toMatchObject({ draft: "DENY", published: "ALLOW", changed: true });
  });

  it("finds nothing wider on an empty editor, where Insert and Replace are the same", () => {
    const e = effect("", onlyRefundAgent);
    expect(e).toMatchObject({ wider: [], restricted: [], suggested: "insert" });
    expect(e.texts.insert).toBe(e.texts.replace);
  });
});

describe("the texts each way of applying makes", () => {
  const current = `// refunds\n@id("a")\npermit(principal, action, resource);\n\n// orders\n@id("b")\nforbid(principal, action, resource);\n`;
  it("inserts after the current policies with one blank line", () => {
    expect(insertedText("permit(principal, action, resource);\n\n\n", "forbid(principal, action, resource);")).toBe("permit(principal, action, resource);\n\nforbid(principal, action, resource);\n");
    expect(insertedText("  \n", "forbid(principal, action, resource);\n")).toBe("forbid(principal, action, resource);\n");
  });
  it("removes only the named policies, keeping the others' comments", () => {
    expect(replacedText(cedar, current, '@id("c")\npermit(principal, action, resource);', ["a"])).toBe('// orders\n@id("b")\nforbid(principal, action, resource);\n\n@id("c")\npermit(principal, action, resource);\n');
    expect(replacedText(cedar, current, '@id("c")\npermit(principal, action, resource);', ["b"])).toBe('// refunds\n@id("a")\npermit(principal, action, resource);\n\n@id("c")\npermit(principal, action, resource);\n');
    expect(replacedText(cedar, current, '@id("c")\npermit(principal, action, resource);', ["a", "b"])).toBe('@id("c")\npermit(principal, action, resource);\n');
  });
});
