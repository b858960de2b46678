import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import { ORDER_MCP_TOOLS, REFUND_MCP_TOOLS, refundPolicyStatement } from "@/lib/demo/tools";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { toolsCall } from "@/lib/mcp/tool-call";
import { localAnswer } from "@/lib/targets/local-answer";
import { impactCorpus } from "@/lib/simulation/corpus";
import { impact } from "@/lib/simulation/impact";
import { decisionMatrix } from "@/lib/simulation/matrix";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { Case, Session } from "@/lib/simulation/schemas";
import { replayCalls, replaySession } from "@/lib/simulation/session-replay";
import { simGateway } from "@/lib/simulation/sim-gateway";
import { runSuite } from "@/lib/simulation/suite";

const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/ordersgateway-abc1234567";
const tools = [...REFUND_MCP_TOOLS, ...ORDER_MCP_TOOLS];
const gateway = simGateway({ gatewayArn: ARN, schemaJson: generateSchema(tools).json as Record<string, unknown>, tools: tools.map((t) => ({ ...t, local: { target: t.name.split("___")[0], tool: t.name.split("___")[1], answeredBy: "demo" as const } })) });
const cache = new PolicySetCache(cedar);
const engineOf = (text: string) => cache.engine(text, gateway);
const A = (t: string) => `AgentCore::Action::"OrdersTarget___${t}"`;
const agent = { sub: "agent-1", claims: { role: "support" } };
const call = (tool: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ principal: agent, request: toolsCall(`OrdersTarget___${tool}`, args), ...extra });

const READS = `@id("reads")\npermit(principal, action == ${A("get_order")}, resource);`;
const GATED = `@id("update_after_read")
permit(principal, action == ${A("update_order")}, resource)
when temporal {
  formerly within 1h ${A("get_order")}::response{ eventResource: resource, output.orderId: context.input.orderId }
};`;
const DOC = `${READS}\n\n${GATED}\n`;

describe("replaying a session", () => {
  it("allows the gated call only after the prerequisite's response, and says which call made the condition true", () => {
    const r = replaySession(engineOf(DOC), gateway, [call("update_order", { orderId: "ord-1" }), call("get_order", { orderId: "ord-1" }), call("update_order", { orderId: "ord-1" })], { output: localAnswer });
    expect(r.map((x) => x.decision)).toEqual(["DENY", "ALLOW", "ALLOW"]);
    expect(r[2].determiningPolicies).toEqual(["update_after_read"]);
    expect(r[2].session).toMatchObject({ call: 2, recorded: ["request", "response"], policies: [{ id: "update_after_read", satisfied: true, temporal: [{ value: true, madeTrueBy: [{ call: 1, kind: "response", tool: "OrdersTarget___get_order" }] }] }] });
    expect(r[0].session?.recorded).toEqual(["request", "error"]);
    // The denied call answers with the gateway's exact denial in ENFORCE and goes through in LOG_ONLY.
    expect(r[0].response.ENFORCE).toMatchObject({ error: { code: -32002 } });
    expect(r[0].response.LOG_ONLY).toMatchObject({ result: { isError: false } });
  });

  it("correlates with the earlier output: another order's read does not open this one", () => {
    const r = replaySession(engineOf(DOC), gateway, [call("get_order", { orderId: "ord-2" }), call("update_order", { orderId: "ord-1" })], { output: localAnswer });
    expect(r.map((x) => x.decision)).toEqual(["ALLOW", "DENY"]);
  });

  it("is UNDECIDED, naming what it depends on, when the earlier output is not known", () => {
    // Without the demo outputs (an AWS gateway's tools), the read's output is unknown unless the user gives it.
    const r = replaySession(engineOf(DOC), gateway, [call("get_order", { orderId: "ord-1" }), call("update_order", { orderId: "ord-1" })]);
    expect(r[1]).toMatchObject({ decision: "UNDECIDED", response: { ENFORCE: null, LOG_ONLY: { result: { isError: false } } } });
    expect(r[1].dependsOn).toEqual([{ policy: "update_after_read", on: [expect.stringMatching(/has no `output.orderId`/)] }]);
    const given = replaySession(engineOf(DOC), gateway, [call("get_order", { orderId: "ord-1" }, { output: { orderId: "ord-1" } }), call("update_order", { orderId: "ord-1" })]);
    expect(given[1].decision).toBe("ALLOW");
  });

  it("keeps windows, failed tool runs and refused calls as the service records them", () => {
    const e = engineOf(DOC);
    const timed = replaySession(e, gateway, [call("get_order", { orderId: "ord-1" }, { at: 0 }), call("update_order", { orderId: "ord-1" }, { at: 3601 })], { output: localAnswer });
    expect(timed[1].decision).toBe("DENY");
    const iso = replaySession(e, gateway, [call("get_order", { orderId: "ord-1" }, { at: "2026-01-15T10:00:00Z" }), call("update_order", { orderId: "ord-1" }, { at: "2026-01-15T10:59:59Z" })], { output: localAnswer });
    expect(iso[1].decision).toBe("ALLOW");
    const failed = replaySession(e, gateway, [call("get_order", { orderId: "ord-1" }, { outcome: "failed" }), call("update_order", { orderId: "ord-1" })], { output: localAnswer });
    expect(failed.map((x) => [x.decision, x.session?.recorded])).toEqual([
      ["ALLOW", ["request", "error"]],
      ["DENY", ["request", "error"]],
    ]);
    expect(failed[0].response.ENFORCE).toMatchObject({ result: { isError: true } });
    // A malformed call is refused before any policy: it records nothing but keeps its number.
    const refused = replaySession(e, gateway, [call("get_order", {}), call("get_order", { orderId: "ord-1" }), call("update_order", { orderId: "ord-1" })], { output: localAnswer });
    expect(refused.map((x) => x.decision)).toEqual(["DENY", "ALLOW", "ALLOW"]);
    expect(refused[0].session?.recorded).toEqual([]);
    expect(refused[2].session?.policies[0].temporal[0].madeTrueBy).toEqual([{ call: 1, kind: "response", tool: "OrdersTarget___get_order" }]);
  });

  it("names where each guardrail score came from: set by you, or the default no detection", () => {
    const guard = `${READS}\n@id("no_violence")\nforbid(principal, action == ${A("get_order")}, resource) when guardrails { BedrockGuardrails::ContentFilter(["VIOLENCE"], [context.input.orderId])["VIOLENCE"].confidenceScore.greaterThan(decimal("0.7")) };`;
    const r = replaySession(engineOf(guard), gateway, [call("get_order", { orderId: "a" }), call("get_order", { orderId: "b" }, { guardrails: [{ type: "ContentFilter", category: "VIOLENCE", score: 0.9 }] })]);
    expect(r.map((x) => x.decision)).toEqual(["ALLOW", "DENY"]);
    expect(r[0].session?.policies[0].guardrails[0]).toMatchObject({ source: "default: no detection" });
    expect(r[1].session?.policies[0].guardrails[0]).toMatchObject({ source: "set by you", value: 'decimal("0.9000")' });
  });

  it("decides independent calls as new sessions, and plain documents exactly as the plain replay does", () => {
    const [alone] = replayCalls(engineOf(DOC), gateway, [call("update_order", { orderId: "ord-1" })]);
    expect(alone).toMatchObject({ decision: "DENY", session: { recorded: ["request", "error"] } });
    const plain = `@id("refunds")\n${refundPolicyStatement(ARN)}`;
    const [r] = replayCalls(engineOf(plain), gateway, [{ principal: agent, request: toolsCall("RefundTarget___process_refund", { amount: 5 }) }]);
    expect(r).toMatchObject({ decision: "ALLOW", determiningPolicies: ["refunds"] });
    expect(r.session).toBeUndefined();
  });
});

describe("the session shapes the API and suites accept", () => {
  it("refuses times that go backwards or mix seconds with ISO times, and unknown guardrail categories", () => {
    const ok = Session.safeParse({ principal: agent, calls: [{ request: {}, at: 1 }, { request: {}, at: 2 }] });
    expect(ok.success).toBe(true);
    const back = Session.safeParse({ principal: agent, calls: [{ request: {}, at: 5 }, { request: {}, at: 2 }] });
    expect(back.error?.issues[0]).toMatchObject({ path: ["calls", 1, "at"], message: expect.stringMatching(/before the previous one/) });
    const mixed = Session.safeParse({ principal: agent, calls: [{ request: {}, at: 5 }, { request: {}, at: "2026-01-15T10:00:00Z" }] });
    expect(mixed.error?.issues[0].message).toMatch(/not a mix/);
    const category = Session.safeParse({ principal: agent, calls: [{ request: {}, guardrails: [{ type: "ContentFilter", category: "JAILBREAK", score: 0.5 }] }] });
    expect(category.error?.issues[0].message).toMatch(/not a category of this guardrail type/);
    expect(Case.safeParse({ name: "s", principal: agent, session: [{ request: {}, expected: "ALLOW" }] }).success).toBe(true);
  });
});

describe("suites, the matrix and impact with Dogwood policies", () => {
  it("runs a session case with an expected decision per call, and never passes an undecided call", () => {
    const cases = [
      { name: "read then update", principal: agent, session: [{ request: toolsCall(`OrdersTarget___update_order`, { orderId: "o" }), expected: "DENY" as const }, { request: toolsCall(`OrdersTarget___get_order`, { orderId: "o" }), expected: "ALLOW" as const, output: { orderId: "o" } }, { request: toolsCall(`OrdersTarget___update_order`, { orderId: "o" }), expected: "ALLOW" as const }] },
      { name: "update unread", principal: agent, request: toolsCall(`OrdersTarget___update_order`, { orderId: "o" }), expected: "DENY" as const },
      { name: "output unknown", principal: agent, session: [{ request: toolsCall(`OrdersTarget___get_order`, { orderId: "o" }), expected: "ALLOW" as const }, { request: toolsCall(`OrdersTarget___update_order`, { orderId: "o" }), expected: "ALLOW" as const }] },
    ];
    const draft = engineOf(DOC).plain;
    const published = engineOf(READS).plain;
    const r = runSuite(cases, gateway, draft, published);
    expect(r.runs[0]).toMatchObject({ draftPass: true, publishedPass: false, calls: [{ draft: "DENY" }, { draft: "ALLOW" }, { draft: "ALLOW", published: "DENY" }] });
    expect(r.runs[1]).toMatchObject({ draftPass: true, draft: "DENY" });
    expect(r.runs[1].calls).toBeUndefined();
    expect(r.runs[2]).toMatchObject({ draftPass: false, draft: "UNDECIDED", draftDependsOn: expect.stringMatching(/^depends on .*output.orderId/) });
    expect(r.draft).toEqual({ passed: 2, failed: 1 });
    // Where the workspace answers the tool itself, the suite knows its output as Simulate and the gateway do.
    const known = runSuite([cases[2]], gateway, draft, published, localAnswer);
    expect(known.runs[0]).toMatchObject({ draftPass: true, calls: [{ draft: "ALLOW" }, { draft: "ALLOW", published: "DENY" }] });
  });

  it("shows a matrix cell a Dogwood policy leaves open as a call with no history", () => {
    const cells = decisionMatrix(gateway, [{ name: "agent", ...agent }], engineOf(DOC).plain, engineOf(READS).plain);
    expect(cells.find((c) => c.tool === "OrdersTarget___update_order")).toMatchObject({ draft: "DENY", published: "DENY", changed: false });
    expect(cells.find((c) => c.tool === "OrdersTarget___get_order")).toMatchObject({ draft: "ALLOW" });
  });

  it("reports calls a Dogwood policy could decide as undetermined instead of flipped or unflipped", () => {
    const corpus = impactCorpus(
      [
        { name: "update", principal: agent, request: toolsCall(`OrdersTarget___update_order`, { orderId: "o" }) },
        { name: "read", principal: agent, request: toolsCall(`OrdersTarget___get_order`, { orderId: "o" }) },
        { name: "refund", principal: agent, request: toolsCall(`RefundTarget___process_refund`, { amount: 1 }) },
      ],
      [],
    );
    const r = impact(corpus, gateway, engineOf(READS).plain, engineOf(DOC).plain);
    expect(r.flips).toEqual([]);
    expect(r.undetermined).toEqual([expect.objectContaining({ label: "case: update", tool: "OrdersTarget___update_order", policies: ["update_after_read"] })]);
    expect(r.undeterminedCount).toBe(1);
    // The same Dogwood policy on both sides, and nothing else changed for the tool: the call cannot flip.
    expect(impact(corpus, gateway, engineOf(DOC).plain, engineOf(`${DOC}\n// a comment`).plain).undetermined).toEqual([]);
  });
});
