import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAwsControlPlane } from "@/lib/agentcore/aws";
import { startFakeAgentCore, type FakeAgentCore } from "../../scripts/fake-agentcore/server";
import { defaultSeed } from "../../scripts/fake-agentcore/seed";

const SECRET = "test-secret-never-shown";
let fake: FakeAgentCore;
let cp: ReturnType<typeof createAwsControlPlane>;

const adapter = (maxAttempts = 3) =>
  createAwsControlPlane(
    { region: "us-east-1", endpoint: fake.url, credentials: { accessKeyId: "AKIDTESTFAKE00000000", secretAccessKey: SECRET } },
    { maxAttempts, cacheMs: 0 },
  );

async function fault(operation: string, error: string, status: number, count = 1) {
  await fetch(`${fake.url}/__fake/faults`, { method: "POST", body: JSON.stringify({ operation, error, status, count }) });
}

beforeAll(async () => {
  fake = await startFakeAgentCore({ seed: defaultSeed(5), delayMs: 30 });
});
afterAll(() => fake?.close());
beforeEach(async () => {
  await fetch(`${fake.url}/__fake/reset`, { method: "POST" });
  cp = adapter();
});

describe("the AWS adapter through the real SDK", () => {
  it("follows pagination over more gateways than a page and reads each one's engine", async () => {
    const list = await cp.listGateways();
    expect(list).toHaveLength(7);
    const payments = list.find((g) => g.name === "PaymentsGateway")!;
    expect(payments.policyEngine).toMatchObject({ mode: "ENFORCE", policyEngineId: "paymentsengine-k1l2m3n4o5" });
    expect(payments.toolCount).toBe(2);
    expect(payments.updatedAt).toBe("2026-01-15T10:00:00.000Z");
    expect(list.find((g) => g.name === "SupportGateway")!.policyEngine).toBeNull();
    expect(fake.state.calls.filter((c) => c.operation === "ListGateways").length).toBeGreaterThan(1);
  });

  it("names tools <Target>___<tool> from Lambda inline schemas and OpenAPI operations, and says which the gateway discovers", async () => {
    const support = await cp.getGateway("supportgateway-f6g7h8i9j0");
    const api = support.targets.find((t) => t.name === "TicketsApi")!;
    expect(api.type).toBe("OPENAPI");
    expect(api.tools.map((t) => t.name)).toEqual(["TicketsApi___getTicket", "TicketsApi___createTicket"]);
    expect(api.tools[1].inputSchema).toMatchObject({ properties: { priority: { enum: ["low", "high"] } }, required: ["title"] });
    const kb = support.targets.find((t) => t.name === "KnowledgeBase")!;
    expect(kb).toMatchObject({ type: "MCP_SERVER", toolsSource: "discovered", tools: [] });
    expect(kb.toolsNote).toContain("tools/list");
    const payments = await cp.getGateway("paymentsgateway-a1b2c3d4e5");
    expect(payments.targets[0].tools[0]).toMatchObject({ name: "PaymentsTarget___create_payment", inputSchema: { required: ["amount", "currency"] } });
    expect(payments.authorizer.summary).toContain("Custom JWT");
  });

  it("rides out throttling with the SDK's retry", async () => {
    await fault("GetGateway", "ThrottlingException", 429, 2);
    const g = await cp.getGateway("paymentsgateway-a1b2c3d4e5");
    expect(g.name).toBe("PaymentsGateway");
  });

  it("says plainly when throttling outlasts the retries", async () => {
    await fault("ListGateways", "ThrottlingException", 429, 10);
    await expect(adapter(2).listGateways()).rejects.toMatchObject({ code: "throttled", message: expect.stringContaining("throttling ListGateways") });
  });

  it("maps access denied, not found, bad credentials and unreachable endpoints to specific messages without secrets", async () => {
    await fault("ListPolicyEngines", "AccessDeniedException", 403);
    const denied = await cp.listPolicyEngines().catch((e) => e);
    expect(denied).toMatchObject({ code: "access-denied", status: 403 });
    expect(denied.message).toContain("bedrock-agentcore:ListPolicyEngines");

    await expect(cp.getGateway("nope-0000000000")).rejects.toMatchObject({ code: "gateway-not-found", message: expect.stringContaining('"nope-0000000000"') });
    await expect(cp.listPolicies("nope")).rejects.toMatchObject({ code: "policy-engine-not-found" });

    await fault("GetPolicyEngine", "UnrecognizedClientException", 403);
    await expect(cp.getPolicyEngine("paymentsengine-k1l2m3n4o5")).rejects.toMatchObject({ code: "bad-credentials" });

    const closed = createAwsControlPlane({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "AKIDTESTFAKE00000000", secretAccessKey: SECRET } }, { maxAttempts: 1 });
    const unreachable = await closed.listGateways().catch((e) => e);
    expect(unreachable).toMatchObject({ code: "backend-unreachable" });
    expect(unreachable.message).toContain("127.0.0.1:9");
    for (const e of [denied, unreachable]) expect(JSON.stringify(e.toJSON())).not.toContain(SECRET);
  });

  it("creates an engine, attaches it with a mode and switches the mode, resending every other gateway field unchanged", async () => {
    const before = structuredClone(fake.state.gateways.find((g) => g.name === "SupportGateway")!);
    const engine = await cp.createPolicyEngine({ name: "SupportEngine", description: "Support" });
    expect(engine.status).toBe("CREATING");
    const attached = await cp.setGatewayPolicyEngine(before.gatewayId, { policyEngineArn: engine.policyEngineArn, mode: "LOG_ONLY" });
    expect(attached.policyEngine).toMatchObject({ mode: "LOG_ONLY", policyEngineId: engine.policyEngineId });
    await cp.setGatewayPolicyEngine(before.gatewayId, { policyEngineArn: engine.policyEngineArn, mode: "ENFORCE" });
    const after = fake.state.gateways.find((g) => g.name === "SupportGateway")!;
    const { policyEngineConfiguration, updatedAt: _u, status: _s, ...rest } = after;
    const { updatedAt: _u2, status: _s2, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(policyEngineConfiguration).toEqual({ arn: engine.policyEngineArn, mode: "ENFORCE" });
    await expect(cp.createPolicyEngine({ name: "SupportEngine" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("creates, updates and deletes policies, with the service's validation and conflicts", async () => {
    const engineId = "paymentsengine-k1l2m3n4o5";
    const created = await cp.createPolicy(engineId, { name: "reads", description: "Reads", statement: 'permit(principal, action == AgentCore::Action::"PaymentsTarget___get_payment", resource);', enforcementMode: "LOG_ONLY" });
    expect(created).toMatchObject({ status: "CREATING", enforcementMode: "LOG_ONLY", description: "Reads" });
    expect(fake.state.calls.at(-1)).toMatchObject({
      operation: "CreatePolicy",
      body: { name: "reads", validationMode: "FAIL_ON_ANY_FINDINGS", enforcementMode: "LOG_ONLY", definition: { cedar: { statement: expect.stringContaining("get_payment") } } },
    });
    await expect(cp.createPolicy(engineId, { name: "reads", statement: "permit(principal, action, resource);" })).rejects.toMatchObject({ code: "conflict" });
    const invalid = await cp.createPolicy(engineId, { name: "broken", statement: "permit(principal, action" }).catch((e) => e);
    expect(invalid).toMatchObject({ code: "request-rejected" });
    expect(invalid.message).toContain("AgentCore rejected CreatePolicy");

    await new Promise((r) => setTimeout(r, 60));
    const promoted = await cp.updatePolicy(engineId, created.policyId, { enforcementMode: "ACTIVE" });
    expect(promoted.enforcementMode).toBe("ACTIVE");
    await new Promise((r) => setTimeout(r, 60));
    expect((await cp.getPolicy(engineId, created.policyId)).status).toBe("ACTIVE");
    await cp.deletePolicy(engineId, created.policyId);
    await new Promise((r) => setTimeout(r, 60));
    expect((await cp.listPolicies(engineId)).map((p) => p.name)).toEqual(["payment_limit"]);
  });

  it("reports a 500 as a service error and keeps working afterwards", async () => {
    await fault("ListPolicies", "InternalServerException", 500, 10);
    await expect(adapter(1).listPolicies("paymentsengine-k1l2m3n4o5")).rejects.toMatchObject({ code: "backend-error", message: expect.stringContaining("HTTP 500") });
    await fetch(`${fake.url}/__fake/reset`, { method: "POST" });
    expect(await cp.listPolicies("paymentsengine-k1l2m3n4o5")).toHaveLength(1);
  });

  it("runs the service's policy generation: start, poll, list assets with findings", async () => {
    const gatewayArn = "arn:aws:bedrock-agentcore:us-east-1:111122223333:gateway/paymentsgateway-a1b2c3d4e5";
    const started = await cp.policyGeneration.startPolicyGeneration("paymentsengine-k1l2m3n4o5", gatewayArn, "Agents may read payments", "gen1");
    expect(started.status).toBe("GENERATING");
    await new Promise((r) => setTimeout(r, 60));
    expect((await cp.policyGeneration.getPolicyGeneration("paymentsengine-k1l2m3n4o5", started.policyGenerationId)).status).toBe("GENERATED");
    const assets = await cp.policyGeneration.listPolicyGenerationAssets("paymentsengine-k1l2m3n4o5", started.policyGenerationId);
    expect(assets.map((a) => a.statement).join("\n")).toContain("PaymentsTarget___get_payment");
    expect(assets[0].findings[0].type).toBe("VALID");
  });

  it("labels the backend with the account and region", async () => {
    expect(await cp.info()).toMatchObject({ kind: "aws", label: "AWS 111122223333/us-east-1" });
  });
});
