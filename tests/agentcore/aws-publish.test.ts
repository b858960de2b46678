process.env.DATA_DIR = "memory://aws-publish";
process.env.CONSOLE_USER = "alice";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAwsControlPlane } from "@/lib/agentcore/aws";
import { createAndAttachEngine } from "@/lib/publishing/engine";
import { switchMode } from "@/lib/publishing/mode";
import { promotePolicy } from "@/lib/publishing/promote";
import { publishDraft } from "@/lib/publishing/publish";
import { getDb } from "@/lib/store/db";
import { listAudit, listVersions } from "@/lib/store/history";
import { auditLog, drafts, publishVersions } from "@/lib/store/schema";
import { toDocument } from "@/lib/workspace/document";
import { publishedVersion } from "@/lib/workspace/published";
import { startFakeAgentCore, type FakeAgentCore } from "../../scripts/fake-agentcore/server";
import { depsFor, forbid, named, permit } from "../publishing/support";

const ENGINE = "paymentsengine-k1l2m3n4o5";
const PAYMENTS = "paymentsgateway-a1b2c3d4e5";
const CREATE = "PaymentsTarget___create_payment";
const GET = "PaymentsTarget___get_payment";

let fake: FakeAgentCore;
let cp: ReturnType<typeof createAwsControlPlane>;

async function fault(operation: string, error: string, status: number, count = 1, message?: string) {
  await fetch(`${fake.url}/__fake/faults`, { method: "POST", body: JSON.stringify({ operation, error, status, count, message }) });
}
const live = () => cp.listPolicies(ENGINE);
const calls = () => fake.state.calls.map((c) => c.operation).filter((op) => !op.startsWith("Get") && !op.startsWith("List"));

beforeAll(async () => {
  fake = await startFakeAgentCore({ delayMs: 30 });
});
afterAll(() => fake?.close());
beforeEach(async () => {
  await fetch(`${fake.url}/__fake/reset`, { method: "POST" });
  const db = await getDb();
  for (const t of [publishVersions, auditLog, drafts]) await db.delete(t);
  cp = createAwsControlPlane({ region: "us-east-1", endpoint: fake.url, credentials: { accessKeyId: "AKIDTESTFAKE00000000", secretAccessKey: "test-secret" } }, { maxAttempts: 3, cacheMs: 0 });
});

/** The seed's published set plus the given policies. */
async function draftWith(...extra: string[]) {
  const before = await live();
  return { before, text: [toDocument(before), ...extra].join("\n"), baseVersion: publishedVersion(before) };
}

describe("publishing through the AWS adapter against the fake control plane", () => {
  it("creates, updates and deletes in order, waiting for each policy to settle, across pages of policies", async () => {
    const { before, baseVersion } = await draftWith();
    const text = [
      named("payment_limit", before[0].statement.replace("50000", "20000")),
      named("no_gbp", forbid(CREATE, 'context.input.currency == "GBP"')),
      named("reads", permit(GET)),
      named("reads_too", permit(GET, 'context.input.paymentId != ""'), '@enforcement_mode("LOG_ONLY")\n'),
    ].join("\n");
    const r = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "tighten", baseVersion });
    expect(r.status).toBe("published");
    expect(r.applied.map((a) => `${a.phase}:${a.op}:${a.name}`)).toEqual(["1:create:no_gbp", "3:update:payment_limit", "4:create:reads", "6:create:reads_too"]);
    // Each write was followed by status reads until it settled, so everything reported is ACTIVE.
    const after = await live();
    expect(after).toHaveLength(4); // more than one page (the fake pages by 2)
    expect(after.every((p) => p.status === "ACTIVE")).toBe(true);
    expect(after.find((p) => p.name === "reads_too")!.enforcementMode).toBe("LOG_ONLY");
    expect(fake.state.calls.filter((c) => c.operation === "GetPolicy").length).toBeGreaterThanOrEqual(4);
    expect(fake.state.calls.find((c) => c.operation === "CreatePolicy")!.body).toMatchObject({ name: "no_gbp", definition: { cedar: { statement: forbid(CREATE, 'context.input.currency == "GBP"') } } });
    expect(r.version).toBe(publishedVersion(after));

    // Removing goes through DeletePolicy and waits until the policy is gone.
    const r2 = await publishDraft(depsFor(cp), PAYMENTS, { text: named("reads", permit(GET)), message: "shrink", baseVersion: r.version });
    expect(r2.applied.map((a) => `${a.phase}:${a.op}:${a.name}`)).toEqual(["1:delete:payment_limit", "5:delete:no_gbp", "6:delete:reads_too"]);
    expect((await live()).map((p) => p.name)).toEqual(["reads"]);
  });

  it("rides out throttling with the SDK's retry and tells nothing but success", async () => {
    const { text, baseVersion } = await draftWith(named("reads", permit(GET)));
    await fault("CreatePolicy", "ThrottlingException", 429, 2);
    const r = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "", baseVersion });
    expect(r).toMatchObject({ status: "published", failed: [], applied: [{ name: "reads" }] });
  });

  it("on a 500 mid-publish reports exactly what was applied, what failed and what was not attempted; Retry finishes it", async () => {
    const { before, baseVersion } = await draftWith();
    const text = [named("payment_limit", before[0].statement.replace("50000", "20000")), named("no_gbp", forbid(CREATE, 'context.input.currency == "GBP"')), named("reads", permit(GET))].join("\n");
    await fault("UpdatePolicy", "InternalServerException", 500, 3); // outlasts the SDK's 3 attempts
    const r = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "tighten", baseVersion });
    expect(r.status).toBe("partial");
    expect(r.applied).toEqual([{ name: "no_gbp", op: "create", phase: 1 }]);
    expect(r.failed).toEqual([{ name: "payment_limit", op: "update", phase: 3, code: "backend-error", message: expect.stringContaining("HTTP 500"), statusReasons: [] }]);
    expect(r.pending).toEqual([{ name: "reads", op: "create", phase: 4 }]);
    expect(r.summary).toMatch(/Partly applied \(1 of 3 steps\); not applied: payment_limit, reads/);
    // What the engine holds is exactly the applied part: nothing half-done, nothing lost.
    const mid = await live();
    expect(mid.map((p) => p.name).sort()).toEqual(["no_gbp", "payment_limit"]);
    expect(mid.find((p) => p.name === "payment_limit")!.statement).toContain("50000");
    expect((await listAudit(PAYMENTS))[0]).toMatchObject({ result: "partial", action: "publish" });
    expect((await listVersions(PAYMENTS))[0].message).toBe("[partial] tighten");

    const retry = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "tighten", baseVersion: r.version });
    expect(retry.status).toBe("published");
    expect(retry.applied.map((a) => a.name)).toEqual(["payment_limit", "reads"]);
    expect((await live()).map((p) => p.name).sort()).toEqual(["no_gbp", "payment_limit", "reads"]);
  });

  it("can roll a partial publish back to the previous set through the same path", async () => {
    const { before, baseVersion } = await draftWith();
    const text = [named("payment_limit", before[0].statement.replace("50000", "20000")), named("no_gbp", forbid(CREATE, 'context.input.currency == "GBP"'))].join("\n");
    await fault("UpdatePolicy", "InternalServerException", 500, 3);
    const r = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "x", baseVersion });
    expect(r.status).toBe("partial");
    const back = await publishDraft(depsFor(cp), PAYMENTS, { text: r.previous.text, message: "", baseVersion: r.version, rollbackOf: r.previous.versionNumber! });
    expect(back).toMatchObject({ status: "published", applied: [{ name: "no_gbp", op: "delete" }] });
    expect(publishedVersion(await live())).toBe(baseVersion);
    expect((await listAudit(PAYMENTS))[0]).toMatchObject({ action: "rollback", result: "success" });
  });

  it("reports a conflict, a validation finding and access denied with the service's words, applying nothing", async () => {
    const { text, baseVersion, before } = await draftWith(named("reads", permit(GET)));
    await fault("CreatePolicy", "ConflictException", 409, 1, "Policy engine is being updated");
    const conflict = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "", baseVersion });
    expect(conflict).toMatchObject({ status: "failed", applied: [], failed: [{ name: "reads", code: "conflict", message: expect.stringContaining("Policy engine is being updated") }] });
    expect(conflict.summary).toMatch(/^Nothing was applied\./);

    await fault("CreatePolicy", "ValidationException", 400, 1, "Policy failed validation: ALLOW_ALL: the policy allows every request");
    const invalid = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "", baseVersion });
    expect(invalid.failed[0]).toMatchObject({ code: "request-rejected", message: expect.stringContaining("ALLOW_ALL") });

    await fault("DeletePolicy", "AccessDeniedException", 403, 1);
    const denied = await publishDraft(depsFor(cp), PAYMENTS, { text: named("reads", permit(GET)), message: "", baseVersion });
    expect(denied.failed[0]).toMatchObject({ name: "payment_limit", op: "delete", code: "access-denied", message: expect.stringContaining("bedrock-agentcore:DeletePolicy") });
    expect(denied.applied).toEqual([]);
    expect(await live()).toEqual(before);
    expect((await listAudit(PAYMENTS)).map((a) => a.result)).toEqual(["failure", "failure", "failure"]);
  });

  it("shows the service's statusReasons when a policy ends CREATE_FAILED", async () => {
    const { text, baseVersion } = await draftWith(named("reads", permit(GET)));
    const real = cp.createPolicy;
    cp.createPolicy = async (engineId, p) => {
      const created = await real(engineId, p);
      const stored = fake.state.policies.find((x) => x.policyId === created.policyId)!;
      stored.statusReasons = ["Policy references an action not on the gateway"];
      Object.defineProperty(stored, "status", { get: () => "CREATE_FAILED", set: () => {} });
      return created;
    };
    const r = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "", baseVersion });
    expect(r.status).toBe("failed");
    expect(r.failed[0]).toMatchObject({ name: "reads", code: "policy-failed", statusReasons: ["Policy references an action not on the gateway"], message: expect.stringContaining("CREATE_FAILED: Policy references an action not on the gateway") });

    // Publishing the same draft again removes the failed copy and creates it anew.
    // The failed copy keeps reporting CREATE_FAILED (the accessor above ignores the fake's own transitions).
    cp.createPolicy = real;
    fake.state.calls.length = 0;
    const again = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "", baseVersion: r.version });
    expect(again).toMatchObject({ status: "published", applied: [{ name: "reads", op: "delete" }, { name: "reads", op: "create" }] });
    expect(calls()).toEqual(["DeletePolicy", "CreatePolicy"]);
    expect((await live()).map((p) => [p.name, p.status])).toEqual([["payment_limit", "ACTIVE"], ["reads", "ACTIVE"]]);
  });

  it("detects a change made outside the console (stale baseVersion) and overwrites nothing", async () => {
    const { text, baseVersion, before } = await draftWith(named("reads", permit(GET)));
    await cp.updatePolicy(ENGINE, before[0].policyId, { description: "edited in the AWS console" });
    await new Promise((r) => setTimeout(r, 60));
    const err = await publishDraft(depsFor(cp), PAYMENTS, { text, message: "", baseVersion }).catch((e) => e);
    expect(err).toMatchObject({ code: "stale-base-version", status: 409, details: { baseVersion, current: { text: expect.stringContaining("edited in the AWS console") } } });
    expect(calls()).toEqual(["UpdatePolicy"]);
  });

  it("promotes a LOG_ONLY canary with UpdatePolicy enforcementMode and waits for it", async () => {
    const { text, baseVersion } = await draftWith(named("canary", forbid(CREATE, 'context.input.currency == "EUR"'), '@enforcement_mode("LOG_ONLY")\n'));
    await publishDraft(depsFor(cp), PAYMENTS, { text, message: "canary", baseVersion });
    const promoted = await promotePolicy(depsFor(cp), PAYMENTS, "canary");
    expect(promoted.policy).toMatchObject({ enforcementMode: "ACTIVE", status: "ACTIVE" });
    expect(fake.state.calls.filter((c) => c.operation === "UpdatePolicy").at(-1)!.body).toEqual({ enforcementMode: "ACTIVE" });
  });

  it("creates an engine, attaches it in LOG_ONLY, and switches the mode resending every other gateway field", async () => {
    const support = fake.state.gateways.find((g) => g.name === "SupportGateway")!;
    const before = structuredClone(support);
    const { engine, gateway } = await createAndAttachEngine(depsFor(cp), support.gatewayId, { name: "SupportEngine" });
    expect(engine.status).toBe("ACTIVE"); // waited out CREATING
    expect(gateway.policyEngine).toMatchObject({ mode: "LOG_ONLY", policyEngineArn: engine.policyEngineArn });
    const switched = await switchMode(depsFor(cp), support.gatewayId, "ENFORCE");
    expect(switched.policyEngine!.mode).toBe("ENFORCE");
    const { policyEngineConfiguration, updatedAt: _u, status: _s, ...rest } = fake.state.gateways.find((g) => g.name === "SupportGateway")!;
    const { updatedAt: _u2, status: _s2, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(policyEngineConfiguration).toEqual({ arn: engine.policyEngineArn, mode: "ENFORCE" });
    expect((await listAudit(support.gatewayId)).map((a) => `${a.action}:${a.result}`)).toEqual(["mode-switch:success", "engine-create:success"]);
  });

  it("tells the user when a mode switch is denied, and audits the failure", async () => {
    await fault("UpdateGateway", "AccessDeniedException", 403, 1);
    const err = await switchMode(depsFor(cp), PAYMENTS, "LOG_ONLY").catch((e) => e);
    expect(err).toMatchObject({ code: "access-denied", message: expect.stringContaining("bedrock-agentcore:UpdateGateway") });
    expect((await cp.getGateway(PAYMENTS)).policyEngine!.mode).toBe("ENFORCE");
    expect((await listAudit(PAYMENTS))[0]).toMatchObject({ action: "mode-switch", result: "failure" });
  });
});
