process.env.DATA_DIR = "memory://definition-kinds";
process.env.CONSOLE_USER = "alice";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAwsControlPlane } from "@/lib/agentcore/aws";
import { createLocalControlPlane } from "@/lib/agentcore/local";
import { publishDraft } from "@/lib/publishing/publish";
import { getDb } from "@/lib/store/db";
import { auditLog, drafts, publishVersions } from "@/lib/store/schema";
import { toDocument } from "@/lib/workspace/document";
import { publishedVersion } from "@/lib/workspace/published";
import { startFakeAgentCore, type FakeAgentCore } from "../../scripts/fake-agentcore/server";
import { dogwoodSeed } from "../../scripts/fake-agentcore/seed";
import { depsFor, named, permit } from "../publishing/support";

const ENGINE = "paymentsengine-k1l2m3n4o5";
const PAYMENTS = "paymentsgateway-a1b2c3d4e5";
const GATEWAY_ARN = "arn:aws:bedrock-agentcore:us-east-1:111122223333:gateway/paymentsgateway-a1b2c3d4e5";
const GET = "PaymentsTarget___get_payment";
const CREATE = "PaymentsTarget___create_payment";
const TEMPORAL = `permit(principal, action == AgentCore::Action::"${CREATE}", resource == AgentCore::Gateway::"${GATEWAY_ARN}")
when temporal {
  formerly within 1h AgentCore::Action::"${GET}"::response{ eventResource: resource }
};`;

let fake: FakeAgentCore;
let cp: ReturnType<typeof createAwsControlPlane>;
const writes = () => fake.state.calls.filter((c) => ["CreatePolicy", "UpdatePolicy", "DeletePolicy"].includes(c.operation));
const adapter = () => createAwsControlPlane({ region: "us-east-1", endpoint: fake.url, credentials: { accessKeyId: "AKIDTESTFAKE00000000", secretAccessKey: "test-secret" } }, { maxAttempts: 2, cacheMs: 0 });

async function publishOnTop(extra: string[], message: string) {
  const live = await cp.listPolicies(ENGINE);
  const text = [toDocument(live), ...extra].join("\n");
  return publishDraft(depsFor(cp), PAYMENTS, { text, message, baseVersion: publishedVersion(live) });
}

beforeAll(async () => {
  fake = await startFakeAgentCore({ delayMs: 20, seed: dogwoodSeed() });
});
afterAll(() => fake?.close());
beforeEach(async () => {
  await fetch(`${fake.url}/__fake/reset`, { method: "POST" });
  const db = await getDb();
  for (const t of [publishVersions, auditLog, drafts]) await db.delete(t);
  cp = adapter();
});

describe("every PolicyDefinition kind through the AWS SDK and the fake control plane", () => {
  it("reads cedar, policy (Dogwood) and policyGeneration definitions with their statements", async () => {
    const byName = Object.fromEntries((await cp.listPolicies(ENGINE)).map((p) => [p.name, p]));
    expect(byName.payment_limit).toMatchObject({ definitionKind: "cedar", statement: expect.stringContaining("context.input.amount < 50000") });
    expect(byName.pay_after_lookup).toMatchObject({ definitionKind: "policy", statement: fake.state.policies.find((p) => p.name === "pay_after_lookup")!.statement });
    expect(byName.pay_after_lookup.statement).toContain("when temporal {");
    expect(byName.generated_reads).toMatchObject({
      definitionKind: "policyGeneration",
      generation: { policyGenerationId: "seedgen-0a1b2c3d4e", policyGenerationAssetId: "seedgen-0a1b2c3d4e-0" },
      statement: `permit(principal, action == AgentCore::Action::"${GET}", resource == AgentCore::Gateway::"${GATEWAY_ARN}");`,
    });
    expect(byName.generated_reads.statementNote).toMatch(/asset seedgen-0a1b2c3d4e-0/);
    // The draft holds the temporal statement as written: nothing empty, no duplicate @id.
    const doc = toDocument(Object.values(byName));
    expect(doc.match(/@id\("pay_after_lookup"\)/g)).toHaveLength(1);
    expect(doc).toContain(byName.pay_after_lookup.statement);
  });

  it("keeps a temporal and a generated policy untouched across a publish that adds a plain policy (created under definition.cedar)", async () => {
    const r = await publishOnTop([named("reads_by_id", permit(GET, 'context.input.paymentId != ""'))], "add reads");
    expect(r).toMatchObject({ status: "published", failed: [] });
    expect(r.applied.map((a) => `${a.op}:${a.name}`)).toEqual(["create:reads_by_id"]);
    expect(writes()).toHaveLength(1);
    expect(writes()[0].body).toMatchObject({ name: "reads_by_id", definition: { cedar: { statement: permit(GET, 'context.input.paymentId != ""') } } });
    const held = Object.fromEntries(fake.state.policies.map((p) => [p.name, p]));
    expect(held.pay_after_lookup).toMatchObject({ definitionKind: "policy", statement: TEMPORAL_SEED() });
    expect(held.generated_reads).toMatchObject({ definitionKind: "policyGeneration", generation: { policyGenerationId: "seedgen-0a1b2c3d4e", policyGenerationAssetId: "seedgen-0a1b2c3d4e-0" } });
    // Read back through the SDK, the generated policy still comes as its reference.
    expect((await adapter().listPolicies(ENGINE)).find((p) => p.name === "generated_reads")).toMatchObject({ definitionKind: "policyGeneration" });
  });

  it("creates a new temporal policy under definition.policy, and updates an edited one under definition.policy", async () => {
    const r = await publishOnTop([named("pay_after_read", TEMPORAL)], "temporal");
    expect(r.status).toBe("published");
    expect(writes().map((c) => [c.operation, c.body])).toEqual([["CreatePolicy", expect.objectContaining({ name: "pay_after_read", definition: { policy: { statement: TEMPORAL } } })]]);
    expect((await cp.listPolicies(ENGINE)).find((p) => p.name === "pay_after_read")).toMatchObject({ definitionKind: "policy", statement: TEMPORAL });

    const live = await cp.listPolicies(ENGINE);
    const edited = toDocument(live).replaceAll("formerly within 1h", "formerly within 2h");
    const r2 = await publishDraft(depsFor(cp), PAYMENTS, { text: edited, message: "longer window", baseVersion: publishedVersion(live) });
    expect(r2.applied.map((a) => `${a.op}:${a.name}`).sort()).toEqual(["update:pay_after_lookup", "update:pay_after_read"]);
    for (const c of writes().slice(1)) expect(c.body).toMatchObject({ definition: { policy: { statement: expect.stringContaining("formerly within 2h") } } });
  });

  it("keeps a generated policy whose asset can no longer be read: shown as a comment, never deleted", async () => {
    fake.state.generations.clear();
    const live = await cp.listPolicies(ENGINE);
    const generated = live.find((p) => p.name === "generated_reads")!;
    expect(generated).toMatchObject({ definitionKind: "policyGeneration", statement: "" });
    expect(generated.statementNote).toMatch(/could not be read/);
    expect(toDocument(live)).toMatch(/^\/\/ "generated_reads" is kept as the engine holds it: /m);
    const r = await publishOnTop([named("reads_by_id", permit(GET))], "add");
    expect(r.applied.map((a) => `${a.op}:${a.name}`)).toEqual(["create:reads_by_id"]);
    expect(fake.state.policies.map((p) => p.name)).toContain("generated_reads");
  });

  it("the fake refuses a Dogwood statement under definition.cedar and a malformed one under definition.policy, as the service does", async () => {
    await expect(cp.createPolicy(ENGINE, { name: "wrong_kind", statement: TEMPORAL, definitionKind: "cedar" })).rejects.toMatchObject({ code: "request-rejected" });
    await expect(cp.createPolicy(ENGINE, { name: "bad_window", statement: TEMPORAL.replace("1h", "1w"), definitionKind: "policy" })).rejects.toMatchObject({ code: "request-rejected", message: expect.stringContaining("`1w` is not a window") });
    await expect(cp.createPolicy(ENGINE, { name: "fine", statement: TEMPORAL, definitionKind: "policy" })).resolves.toMatchObject({ definitionKind: "policy" });
  });
});

describe("the embedded engine keeps the definition kind", () => {
  it("stores a temporal policy under policy, refuses it under cedar, and a publish beside it leaves it as it is", async () => {
    const local = createLocalControlPlane(await getDb("memory://definition-kinds-local"), { publicUrl: "http://127.0.0.1:3999" });
    const refund = (await local.listGateways()).find((g) => g.name === "RefundGateway")!;
    const engineId = refund.policyEngine!.policyEngineId;
    const statement = `permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource) when temporal { formerly within 10m AgentCore::Action::"RefundTarget___process_refund"::error{ eventResource: resource } };`;
    await expect(local.createPolicy(engineId, { name: "retry_after_error", statement })).rejects.toMatchObject({ code: "request-rejected" });
    const created = await local.createPolicy(engineId, { name: "retry_after_error", statement, definitionKind: "policy" });
    expect(created).toMatchObject({ definitionKind: "policy", statement });

    const live = await local.listPolicies(engineId);
    const text = [toDocument(live), named("more", permit("RefundTarget___process_refund", "context.input.amount < 10"))].join("\n");
    const r = await publishDraft(depsFor(local), refund.gatewayId, { text, message: "more", baseVersion: publishedVersion(live) });
    expect(r.applied.map((a) => `${a.op}:${a.name}`)).toEqual(["create:more"]);
    expect((await local.listPolicies(engineId)).find((p) => p.name === "retry_after_error")).toMatchObject({ definitionKind: "policy", statement, updatedAt: created.updatedAt });
  });
});

function TEMPORAL_SEED(): string {
  return dogwoodSeed().policies.find((p) => p.name === "pay_after_lookup")!.statement;
}
