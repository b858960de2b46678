import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { ORDER_MCP_TOOLS, ORDER_TOOLS, REFUND_MCP_TOOLS, refundPolicyStatement } from "@/lib/demo/tools";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { toolsCall } from "@/lib/mcp/tool-call";
import { impact } from "@/lib/simulation/impact";
import { decisionMatrix } from "@/lib/simulation/matrix";
import { simGateway } from "@/lib/simulation/sim-gateway";
import { runSuite } from "@/lib/simulation/suite";
import { exampleArguments } from "@/lib/mcp/example-args";
import { documentPolicies, PolicySetCache } from "@/lib/simulation/policy-set";
import { readCall, replayCall } from "@/lib/simulation/replay";
import { toDocument } from "@/lib/workspace/document";

const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/refundgateway-abc1234567";
const tools = [...REFUND_MCP_TOOLS, ...ORDER_MCP_TOOLS];
const schema = generateSchema(tools);
const gateway = simGateway({ gatewayArn: ARN, schemaJson: schema.json as Record<string, unknown>, tools });
const published = toDocument([{ name: "refund_limit_policy", description: "", statement: refundPolicyStatement(ARN), enforcementMode: "ACTIVE" }]);
const cache = new PolicySetCache(cedar);
const compile = (text: string) => cache.get(text, gateway.schemaJson, "test");
const agent = { sub: "agent-1", claims: { role: "refund-agent", scope: ["refunds:write", "orders:read"] } };
const refund = (amount: unknown, id: number | string = 1) => ({ principal: agent, request: toolsCall("RefundTarget___process_refund", { amount } as Record<string, unknown>, id) });

const DENIED = '{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to no determining policies]"}}';

describe("replaying one tools/call", () => {
  it("allows 500 by refund_limit_policy and renders the call going through in both modes", () => {
    const r = replayCall(compile(published), gateway, refund(500));
    expect(r.decision).toBe("ALLOW");
    expect(r.determiningPolicies).toEqual(["refund_limit_policy"]);
    expect(r.response.ENFORCE).toEqual({ jsonrpc: "2.0", id: 1, result: { isError: false, content: [{ type: "text", text: "<output of RefundTarget___process_refund>" }] } });
    expect(r.response.LOG_ONLY).toEqual(r.response.ENFORCE);
  });

  it("denies 2000 with the gateway's exact -32002 body in ENFORCE, and lets it through in LOG_ONLY", () => {
    const r = replayCall(compile(published), gateway, refund(2000));
    expect(r.decision).toBe("DENY");
    expect(JSON.stringify(r.response.ENFORCE)).toBe(DENIED);
    expect(r.response.LOG_ONLY).toMatchObject({ result: { isError: false } });
  });

  it("builds the Cedar request as the gateway maps it: sub → principal, claims → tags, args → context.input", () => {
    const r = replayCall(compile(published), gateway, refund(500));
    expect(r.cedarRequest).toMatchObject({
      principal: { type: "AgentCore::OAuthUser", id: "agent-1" },
      action: { type: "AgentCore::Action", id: "RefundTarget___process_refund" },
      resource: { type: "AgentCore::Gateway", id: ARN },
      context: { input: { amount: 500 } },
    });
    expect(r.cedarRequest!.entities[0]).toMatchObject({ uid: { type: "AgentCore::OAuthUser", id: "agent-1" }, tags: { role: "refund-agent", scope: "refunds:write orders:read" } });
  });

  it("evaluates role tags and reports LOG_ONLY policies and their decision flips beside the ACTIVE decision", () => {
    const doc = `${published}
@id("only_agents")
@enforcement_mode("LOG_ONLY")
forbid(principal, action, resource) unless { principal.hasTag("role") && principal.getTag("role") == "supervisor" };`;
    const r = replayCall(compile(doc), gateway, refund(500));
    expect(r.decision).toBe("ALLOW");
    expect(r.logOnly).toEqual({ matched: ["only_agents"], flips: ["only_agents"] });
    expect(documentPolicies(cedar, doc).map((p) => p.enforcementMode)).toEqual(["ACTIVE", "LOG_ONLY"]);
  });
});

describe("malformed calls get the gateway's specific JSON-RPC errors", () => {
  const cases: Array<[string, unknown, number, RegExp]> = [
    ["not JSON", "{nope", -32700, /not valid JSON/],
    ["a batch", "[1,2]", -32600, /not a batch/],
    ["not an object", "7", -32600, /a JSON-RPC message is an object/],
    ["wrong version", { jsonrpc: "1.0", id: 1, method: "tools/call", params: { name: "x" } }, -32600, /"2.0"/],
    ["wrong method", { jsonrpc: "2.0", id: 1, method: "tools/list" }, -32601, /Method not found/],
    ["missing name", { jsonrpc: "2.0", id: 1, method: "tools/call", params: {} }, -32602, /"name"/],
    ["arguments not an object", { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: [1] } }, -32602, /must be an object/],
    ["unknown tool", { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "Nope___x", arguments: {} } }, -32602, /Unknown tool: Nope___x/],
    ["wrong argument type", { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount: "5" } } }, -32602, /amount/],
    ["missing required argument", { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: {} } }, -32602, /amount/],
    ["oversized", `{"jsonrpc":"2.0","pad":"${"x".repeat(1024 * 1024)}"}`, -32600, /exceeds 1 MB/],
  ];
  for (const [what, body, code, message] of cases) {
    it(what, () => {
      const read = readCall(gateway, body);
      expect(read.ok).toBe(false);
      if (!read.ok) {
        expect(read.error.error.code).toBe(code);
        expect(read.error.error.message).toMatch(message);
      }
      const r = replayCall(compile(published), gateway, { principal: agent, request: body });
      expect(r.decision).toBe("DENY");
      expect(r.response.ENFORCE).toMatchObject({ error: { code } });
    });
  }
});

describe("example arguments from input schemas", () => {
  it("fills required fields with plausible values that pass the schema", () => {
    for (const tool of tools) {
      const args = exampleArguments(tool.inputSchema);
      const read = readCall(gateway, toolsCall(tool.name, args));
      expect(read.ok, `${tool.name}: ${JSON.stringify(read)}`).toBe(true);
    }
    expect(exampleArguments(ORDER_TOOLS[2].inputSchema)).toMatchObject({ customerId: expect.any(String), shippingAddress: { country: "US" } });
  });
});

describe("suites, matrix and impact compare the draft with the published set", () => {
  const draft = published.replace("< 1000", "< 5000");

  it("runs a suite side by side", () => {
    const cases = [
      { name: "small", ...refund(500), expected: "ALLOW" as const },
      { name: "big", ...refund(2000), expected: "DENY" as const },
    ];
    const r = runSuite(cases, gateway, compile(draft), compile(published));
    expect(r.published).toEqual({ passed: 2, failed: 0 });
    expect(r.draft).toEqual({ passed: 1, failed: 1 });
    expect(r.runs[1]).toMatchObject({ name: "big", draft: "ALLOW", draftPass: false, publishedPass: true });
  });

  it("marks the matrix cells the draft changes", () => {
    const forbidAdmin = `${published}\n@id("no_admin")\nforbid(principal, action, resource) when { principal.hasTag("role") && principal.getTag("role") == "admin" };`;
    const cells = decisionMatrix(gateway, [{ name: "agent", ...agent }, { name: "admin", sub: "a", claims: { role: "admin" } }], compile(forbidAdmin), compile(published), {
      RefundTarget___process_refund: { amount: 10 },
    });
    const refundCells = cells.filter((c) => c.tool === "RefundTarget___process_refund");
    expect(refundCells.map((c) => [c.persona, c.draft, c.published, c.changed])).toEqual([
      ["agent", "ALLOW", "ALLOW", false],
      ["admin", "DENY", "ALLOW", true],
    ]);
    expect(refundCells[1].draftPolicies).toEqual(["no_admin"]);
    expect(cells.filter((c) => c.tool.startsWith("OrdersTarget")).every((c) => c.draft === "DENY" && !c.changed)).toBe(true);
  });

  it("lists every flipped call with counts, reporting progress", () => {
    const calls = Array.from({ length: 1200 }, (_, i) => ({ ...refund(i * 5, i), label: `#${i}`, source: "case" as const, tool: "RefundTarget___process_refund", count: 1 }));
    const progress: number[] = [];
    const r = impact(calls, gateway, compile(published), compile(draft), (done) => progress.push(done));
    // amounts 1000..4995 (i = 200..999) flip from DENY to ALLOW.
    expect(r).toMatchObject({ total: 1200, allowToDeny: 0, denyToAllow: 800 });
    expect(r.flips[0]).toEqual({ index: 200, label: "#200", source: "case", tool: "RefundTarget___process_refund", count: 1, from: "DENY", to: "ALLOW", arguments: { amount: 1000 }, forbids: [] });
    expect(progress).toEqual([500, 1000, 1200]);
  });
});
