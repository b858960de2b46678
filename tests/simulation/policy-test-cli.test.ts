import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REFUND_MCP_TOOLS, refundPolicyStatement } from "@/lib/demo/tools";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { SUITE_FORMAT } from "@/lib/simulation/schemas";
import { toDocument } from "@/lib/workspace/document";

const run = promisify(execFile);
const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/refundgateway-abc1234567";
const dir = mkdtempSync(path.join(tmpdir(), "policy-test-"));
const call = (amount: number) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount } } });
const suite = {
  format: SUITE_FORMAT,
  suite: "refunds",
  gateway: { name: "RefundGateway", gatewayArn: ARN, tools: REFUND_MCP_TOOLS },
  policies: toDocument([{ name: "refund_limit_policy", description: "", statement: refundPolicyStatement(ARN), enforcementMode: "ACTIVE" }]),
  cases: [
    { name: "small refund", principal: { sub: "a", claims: {} }, request: call(500), expected: "ALLOW" },
    { name: "big refund", principal: { sub: "a", claims: {} }, request: call(2000), expected: "DENY" },
  ],
};
const suitePath = path.join(dir, "suite.json");
writeFileSync(suitePath, JSON.stringify(suite));

async function cli(...args: string[]) {
  try {
    const { stdout } = await run("npx", ["tsx", "--conditions=react-server", "scripts/policy-test.ts", ...args], { cwd: process.cwd() });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout + err.stderr };
  }
}

// Each case starts the CLI as a child process (tsx compiles it first): a busy machine needs more than the default.
describe("the policy-test CLI", { timeout: 120_000 }, () => {
  it("passes a suite against the exported published policies", async () => {
    const r = await cli(suitePath);
    expect(r.stdout).toContain("PASS  small refund: expected ALLOW, got ALLOW (by refund_limit_policy)");
    expect(r.stdout).toContain("2 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("fails (exit 1) when a policy file changes a decision", async () => {
    const policies = path.join(dir, "loose.cedar");
    writeFileSync(policies, 'permit(principal, action in AgentCore::Action::"CallTool", resource);');
    const r = await cli(suitePath, "--policies", policies);
    expect(r.stdout).toContain("FAIL  big refund: expected DENY, got ALLOW");
    expect(r.code).toBe(1);
  });

  it("takes the tools from --tools (a console gateway answer) and policies from a directory", async () => {
    const bare = path.join(dir, "bare.json");
    writeFileSync(bare, JSON.stringify({ ...suite, gateway: { name: "RefundGateway", gatewayArn: "arn:placeholder" }, policies: "" }));
    const tools = path.join(dir, "gateway.json");
    writeFileSync(tools, JSON.stringify({ gatewayArn: ARN, targets: [{ name: "RefundTarget", tools: suite.gateway.tools }] }));
    const policies = path.join(dir, "policies");
    mkdirSync(policies, { recursive: true });
    writeFileSync(path.join(policies, "refund.cedar"), suite.policies);
    const r = await cli(bare, "--tools", tools, "--policies", policies);
    expect(r.stdout).toContain("2 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("runs against a Cedar schema alone (--schema), typing arguments from it", async () => {
    const schema = path.join(dir, "schema.json");
    writeFileSync(schema, JSON.stringify(generateSchema(suite.gateway.tools).json));
    const r = await cli(suitePath, "--schema", schema);
    expect(r.stdout).toContain("2 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("fails a policy set that does not validate against the schema, naming line and column", async () => {
    const policies = path.join(dir, "typo.cedar");
    writeFileSync(policies, `${suite.policies}
@id("typo")
permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource) when { context.input.amont < 10 };
`);
    const r = await cli(suitePath, "--policies", policies);
    expect(r.stdout).toMatch(/ERROR .*typo\.cedar:\d+:\d+ \(typo\): .*amont/);
    expect(r.stdout).toContain("2 passed, 0 failed; 1 policy error");
    expect(r.code).toBe(1);
  });

  it("runs session cases against a temporal policy, one expected decision per call, and fails an undecided call", async () => {
    const A = 'AgentCore::Action::"RefundTarget___process_refund"';
    const temporal = path.join(dir, "temporal.cedar");
    // A second refund within an hour of a completed one is refused; the first is allowed by the limit policy.
    writeFileSync(temporal, `${suite.policies}
@id("one_refund_an_hour")
forbid(principal, action == ${A}, resource) when temporal { formerly within 1h ${A}::response{ eventResource: resource } };
`);
    const sessions = path.join(dir, "sessions.json");
    const steps = [
      { request: call(100), expected: "ALLOW", at: 0 },
      { request: call(100), expected: "DENY", at: 60 },
      { request: call(100), expected: "ALLOW", at: 3700 },
    ];
    writeFileSync(sessions, JSON.stringify({ ...suite, cases: [{ name: "refunds in a session", principal: { sub: "a", claims: {} }, session: steps }] }));
    const r = await cli(sessions, "--policies", temporal);
    expect(r.stdout).toContain("PASS  refunds in a session: a session of 3 calls");
    expect(r.stdout).toContain("pass call 2: expected DENY, got DENY (by one_refund_an_hour)");
    expect(r.stdout).toContain("1 passed, 0 failed");
    expect(r.code).toBe(0);

    const macro = path.join(dir, "macro.cedar");
    writeFileSync(macro, `${suite.policies}\n@id("m")\nforbid(principal, action == ${A}, resource) when temporal { once(1h, ${A}::response{ eventResource: resource }) };\n`);
    const undecided = await cli(sessions, "--policies", macro);
    expect(undecided.stdout).toMatch(/FAIL call 1: expected ALLOW, got UNDECIDED \(depends on a macro call, which the console does not expand\)/);
    expect(undecided.code).toBe(1);
  });

  it("says what is wrong with a file that is not a suite (exit 2)", async () => {
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ cases: [] }));
    const r = await cli(bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("is not a suite file");
    expect((await cli(suitePath, "--tools", "a.json", "--schema", "b.json")).code).toBe(2);
    expect((await cli(suitePath, "--bogus")).stdout).toContain("Unknown option --bogus");
  });
});
