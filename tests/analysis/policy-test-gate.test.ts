import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { refundPolicyStatement, REFUND_TOOLS } from "@/lib/demo/tools";
import { SUITE_FORMAT } from "@/lib/simulation/schemas";
import { toDocument } from "@/lib/workspace/document";

const run = promisify(execFile);
const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/refundgateway-abc1234567";
const dir = mkdtempSync(path.join(tmpdir(), "policy-gate-"));
const published = toDocument([{ name: "refund_limit_policy", description: "", statement: refundPolicyStatement(ARN), enforcementMode: "ACTIVE" }]);
const suitePath = path.join(dir, "suite.json");
writeFileSync(
  suitePath,
  JSON.stringify({
    format: SUITE_FORMAT,
    suite: "refunds",
    gateway: { name: "RefundGateway", gatewayArn: ARN, tools: REFUND_TOOLS.map((t) => ({ ...t, name: `RefundTarget___${t.name}` })) },
    policies: published,
    cases: [{ name: "small refund", principal: { sub: "a", claims: {} }, request: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount: 5 } } }, expected: "ALLOW" }],
  }),
);

async function cli(...args: string[]) {
  try {
    const { stdout } = await run("npx", ["tsx", "--conditions=react-server", "scripts/policy-test.ts", suitePath, ...args], { cwd: process.cwd() });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout + err.stderr };
  }
}

function policyFile(name: string, text: string) {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

// Each case starts the CLI (tsx + cedar-wasm + Z3), which takes a while on a shared machine.
describe("policy-test --forbid-more-permissive", { timeout: 120_000 }, () => {
  it("fails (exit 1) a change that allows a call the published set denies, naming the tool and an example", async () => {
    const wider = policyFile("wider.cedar", published.replace("< 1000", "< 1500"));
    const r = await cli("--policies", wider, "--forbid-more-permissive");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("1 passed, 0 failed");
    expect(r.stdout).toMatch(/WIDENS {2}RefundTarget___process_refund: more-permissive/);
    expect(r.stdout).toMatch(/now allowed \(was denied\): OAuthUser "[^"]+", arguments \{"amount":1[0-4]\d\d\}/);
    expect(r.stdout).toContain("access check FAILED (--forbid-more-permissive)");
  });

  const narrower = policyFile("narrower.cedar", published.replace("< 1000", "< 500"));

  it("passes (exit 0) a change that only narrows access", async () => {
    const r = await cli("--policies", narrower, "--forbid-more-permissive");
    expect(r.stdout).toContain("access check: no tool allows a call that");
    expect(r.code).toBe(0);
  });

  it("compares with --baseline when given", async () => {
    const baseline = policyFile("baseline.cedar", published.replace("< 1000", "< 100"));
    const against = await cli("--policies", narrower, "--forbid-more-permissive", "--baseline", baseline);
    expect(against.code).toBe(1);
    expect(against.stdout).toContain(`more-permissive than ${baseline}`);
  });

  it("refuses --baseline without --forbid-more-permissive", async () => {
    const r = await cli("--baseline", suitePath);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("--baseline is the comparison point of --forbid-more-permissive");
  });
});
