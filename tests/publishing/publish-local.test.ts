process.env.DATA_DIR = "memory://publishing-local";
process.env.CONSOLE_USER = "alice";

import { beforeEach, describe, expect, it } from "vitest";
import { createLocalControlPlane } from "@/lib/agentcore/local";
import type { ControlPlane, GatewayDetail } from "@/lib/agentcore/types";
import { createAndAttachEngine } from "@/lib/publishing/engine";
import { switchMode } from "@/lib/publishing/mode";
import { promotePolicy } from "@/lib/publishing/promote";
import { publishDraft, versionDocument } from "@/lib/publishing/publish";
import { getDb } from "@/lib/store/db";
import { canaryEvidence, modeEvidence, publishImpact } from "@/lib/publishing/evidence";
import { recordDecision } from "@/lib/store/decisions";
import { getDraft } from "@/lib/store/drafts";
import { addTestCase } from "@/lib/store/test-cases";
import { gatewaySchema } from "@/lib/cedar/gateway-schema";
import * as cedarNode from "@cedar-policy/cedar-wasm/nodejs";
import { simulationHandlers } from "@/lib/cedar-worker/simulation-handlers";
import { reviewFor } from "@/lib/publishing/review";
import { loadCorpus } from "@/lib/workspace/corpus";
import { simGatewayOf } from "@/lib/workspace/sim-gateway";
import { listAudit, listVersions } from "@/lib/store/history";
import { auditLog, decisionLog, drafts, gateways as gatewaysTable, policies, policyEngines, publishVersions, targets, testCases } from "@/lib/store/schema";
import { toDocument } from "@/lib/workspace/document";
import { publishedVersion } from "@/lib/workspace/published";
import { depsFor, forbid, named, permit } from "./support";

let cp: ControlPlane;
let refund: GatewayDetail;
let engineId: string;

beforeEach(async () => {
  const db = await getDb();
  // A fresh seed per test: the local adapter seeds when its tables are empty.
  for (const t of [policies, targets, gatewaysTable, policyEngines, publishVersions, auditLog, drafts, testCases, decisionLog]) await db.delete(t);
  cp = createLocalControlPlane(db, { publicUrl: "http://127.0.0.1:3999" });
  const list = await cp.listGateways();
  refund = await cp.getGateway(list.find((g) => g.name === "RefundGateway")!.gatewayId);
  engineId = refund.policyEngine!.policyEngineId;
});

const live = () => cp.listPolicies(engineId);
const REFUND = "RefundTarget___process_refund";

describe("publishing on the embedded engine", () => {
  it("applies the plan, records the version and the seed as version 1, audits, and rebases the draft", async () => {
    const before = await live();
    const text = `${toDocument(before)}\n${named("no_big_refunds", forbid(REFUND, "context.input.amount > 5000"), '@description("Never above 5000")\n')}\n`;
    const result = await publishDraft(depsFor(cp), refund.gatewayId, { text, message: "Cap refunds", baseVersion: publishedVersion(before) });
    expect(result).toMatchObject({ status: "published", versionNumber: 2, applied: [{ name: "no_big_refunds", op: "create", phase: 1 }], failed: [], pending: [] });
    const after = await live();
    expect(after.map((p) => p.name).sort()).toEqual(["no_big_refunds", "refund_limit_policy"]);
    expect(after.find((p) => p.name === "no_big_refunds")).toMatchObject({ description: "Never above 5000", statement: forbid(REFUND, "context.input.amount > 5000"), status: "ACTIVE" });
    expect(result.version).toBe(publishedVersion(after));

    const versions = await listVersions(refund.gatewayId);
    expect(versions.map((v) => [v.version, v.author, v.message, v.policyCount])).toEqual([
      [2, "alice", "Cap refunds", 2],
      [1, "(found on the engine)", "The published set before the first publish from this console", 1],
    ]);
    const audit = await listAudit(refund.gatewayId);
    expect(audit[0]).toMatchObject({ actor: "alice", action: "publish", result: "success", summary: expect.stringContaining("version 2: 1 added, 0 changed, 0 removed") });
    expect(await getDraft(refund.gatewayId)).toMatchObject({ text, baseVersion: result.version });
  });

  it("refuses a stale baseVersion with 409 and both versions, and changes nothing", async () => {
    const before = await live();
    const base = publishedVersion(before);
    // Someone else publishes first.
    await publishDraft(depsFor(cp, "bob"), refund.gatewayId, { text: toDocument(before).replace("< 1000", "< 800"), message: "bob", baseVersion: base });
    const err = await publishDraft(depsFor(cp), refund.gatewayId, { text: toDocument(before).replace("< 1000", "< 1200"), message: "mine", baseVersion: base }).catch((e) => e);
    expect(err).toMatchObject({ code: "stale-base-version", status: 409 });
    expect(err.details).toMatchObject({ baseVersion: base, currentVersion: publishedVersion(await live()), current: { text: expect.stringContaining("< 800") }, base: { versionNumber: 1, text: expect.stringContaining("< 1000") } });
    expect((await live())[0].statement).toContain("< 800");
  });

  it("blocks an invalid draft before sending anything", async () => {
    const before = await live();
    const err = await publishDraft(depsFor(cp), refund.gatewayId, { text: named("x", permit(REFUND, "context.input.amout < 1")), message: "", baseVersion: publishedVersion(before) }).catch((e) => e);
    expect(err).toMatchObject({ code: "validation-failed", status: 400 });
    expect(err.message).toContain("amout");
    expect(await live()).toEqual(before);
    expect(await listVersions(refund.gatewayId)).toEqual([]);
  });

  it("stops at the first failure, reports exactly what was applied and what was not, and Retry completes", async () => {
    const before = await live();
    const text = [named("a_forbid", forbid(REFUND, "context.input.amount == 13")), named("b_permit", permit(REFUND, "context.input.amount < 10")), toDocument(before)].join("\n");
    // The engine refuses the second create once (as AWS would on a transient error).
    let failedOnce = false;
    const flaky: ControlPlane = {
      ...cp,
      createPolicy: async (e, p) => {
        if (p.name === "b_permit" && !failedOnce) {
          failedOnce = true;
          throw new Error("connection reset");
        }
        return cp.createPolicy(e, p);
      },
    };
    const partial = await publishDraft(depsFor(flaky), refund.gatewayId, { text, message: "two", baseVersion: publishedVersion(before) });
    expect(partial.status).toBe("partial");
    expect(partial.applied).toEqual([{ name: "a_forbid", op: "create", phase: 1 }]);
    expect(partial.failed).toMatchObject([{ name: "b_permit", op: "create", code: "internal" }]);
    expect(partial.pending).toEqual([]);
    expect(partial.summary).toContain("not applied: b_permit");
    expect((await live()).map((p) => p.name).sort()).toEqual(["a_forbid", "refund_limit_policy"]);
    expect((await listAudit(refund.gatewayId))[0]).toMatchObject({ result: "partial" });
    expect(partial.previous.text).toBe(toDocument(before));

    const retried = await publishDraft(depsFor(flaky), refund.gatewayId, { text, message: "two", baseVersion: partial.version });
    expect(retried).toMatchObject({ status: "published", applied: [{ name: "b_permit", op: "create" }] });
    expect((await live()).map((p) => p.name).sort()).toEqual(["a_forbid", "b_permit", "refund_limit_policy"]);
  });

  it("rolls back to the first version through the same path, audited as a rollback", async () => {
    const before = await live();
    const r1 = await publishDraft(depsFor(cp), refund.gatewayId, { text: named("only", permit(REFUND)), message: "replace", baseVersion: publishedVersion(before) });
    expect(r1.applied.map((a) => `${a.phase}:${a.op}:${a.name}`)).toEqual(["1:delete:refund_limit_policy", "4:create:only"]);
    const doc = await versionDocument(refund.gatewayId, 1);
    const r2 = await publishDraft(depsFor(cp), refund.gatewayId, { text: doc, message: "", baseVersion: r1.version, rollbackOf: 1 });
    expect(r2.status).toBe("published");
    expect(publishedVersion(await live())).toBe(publishedVersion(before));
    expect((await listAudit(refund.gatewayId))[0]).toMatchObject({ action: "rollback", summary: expect.stringContaining("Rolled back to version 1") });
    expect((await listVersions(refund.gatewayId))[0]).toMatchObject({ version: 3, message: "Roll back to version 1" });
  });

  it("says 'unchanged' when the draft is the published set", async () => {
    const before = await live();
    const r = await publishDraft(depsFor(cp), refund.gatewayId, { text: toDocument(before), message: "", baseVersion: publishedVersion(before) });
    expect(r).toMatchObject({ status: "unchanged", applied: [], failed: [] });
  });

  it("publishes a canary as LOG_ONLY and promotes it to ACTIVE as a version, keeping the draft in step", async () => {
    const before = await live();
    const text = `${toDocument(before)}\n${named("canary", forbid(REFUND, "context.input.amount > 500"), '@enforcement_mode("LOG_ONLY")\n')}\n`;
    const r = await publishDraft(depsFor(cp), refund.gatewayId, { text, message: "canary", baseVersion: publishedVersion(before) });
    expect(r.applied).toEqual([{ name: "canary", op: "create", phase: 6 }]);
    expect((await live()).find((p) => p.name === "canary")!.enforcementMode).toBe("LOG_ONLY");

    const promoted = await promotePolicy(depsFor(cp), refund.gatewayId, "canary");
    expect(promoted.policy.enforcementMode).toBe("ACTIVE");
    expect((await listVersions(refund.gatewayId))[0]).toMatchObject({ message: 'Promoted "canary" from LOG_ONLY to ACTIVE' });
    expect((await listAudit(refund.gatewayId))[0]).toMatchObject({ action: "promote", result: "success" });
    const draft = await getDraft(refund.gatewayId);
    expect(draft!.baseVersion).toBe(promoted.version);
    expect(draft!.text).not.toContain("enforcement_mode");
    await expect(promotePolicy(depsFor(cp), refund.gatewayId, "canary")).rejects.toMatchObject({ code: "conflict" });
  });

  it("switches the engine mode and audits it", async () => {
    const g = await switchMode(depsFor(cp), refund.gatewayId, "LOG_ONLY");
    expect(g.policyEngine!.mode).toBe("LOG_ONLY");
    expect((await listAudit(refund.gatewayId))[0]).toMatchObject({ action: "mode-switch", summary: "Engine mode on RefundGateway: ENFORCE → LOG_ONLY", result: "success" });
    expect((await switchMode(depsFor(cp), refund.gatewayId, "ENFORCE")).policyEngine!.mode).toBe("ENFORCE");
  });

  it("creates and attaches an engine in LOG_ONLY by default, and refuses a second one", async () => {
    // Detach by creating a gateway-less scenario: use the orders gateway after clearing its engine.
    const db = await getDb();
    const orders = (await cp.listGateways()).find((g) => g.name === "OrdersGateway")!;
    await db.update(gatewaysTable).set({ policyEngineArn: null, policyEngineMode: null });
    const { engine, gateway } = await createAndAttachEngine(depsFor(cp), orders.gatewayId, { name: "OrdersEngine2" });
    expect(gateway.policyEngine).toMatchObject({ policyEngineArn: engine.policyEngineArn, mode: "LOG_ONLY" });
    expect((await listAudit(orders.gatewayId))[0]).toMatchObject({ action: "engine-create", result: "success" });
    await expect(createAndAttachEngine(depsFor(cp), orders.gatewayId, { name: "Another" })).rejects.toMatchObject({ code: "conflict" });
    await expect(publishDraft(depsFor(cp), refund.gatewayId, { text: "", message: "", baseVersion: "x" })).rejects.toMatchObject({ code: "policy-engine-not-found" });
  });

  it("gathers evidence from saved cases and recorded calls: what ENFORCE would deny, what a draft flips, what a canary would flip", async () => {
    const call = (amount: number) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: REFUND, arguments: { amount } } });
    const agent = { sub: "agent-1", claims: { role: "refund-agent" } };
    await addTestCase({ gatewayId: refund.gatewayId, name: "big refund", principal: agent, request: call(5000), expected: "DENY" });
    await addTestCase({ gatewayId: refund.gatewayId, name: "small refund", principal: agent, request: call(10), expected: "ALLOW" });
    for (const amount of [700, 700, 3000]) {
      await recordDecision({ gatewayId: refund.gatewayId, clientId: null, persona: "agent", principal: agent, tool: REFUND, arguments: { amount }, decision: amount < 1000 ? "ALLOW" : "DENY", determiningPolicies: [], logOnlyMatched: [], flips: amount === 700 ? ["canary"] : [], mode: "ENFORCE", blocked: amount >= 1000 });
    }
    const sim = simGatewayOf(refund, gatewaySchema(refund).json as Record<string, unknown>, { localOutputs: true });
    const corpus = await loadCorpus(refund.gatewayId);
    const published = toDocument(await live());

    const mode = modeEvidence(sim, corpus, published, "LOG_ONLY", "ENFORCE");
    expect(mode).toMatchObject({ cases: 2, recorded: 3, denied: { cases: 1, recorded: 1 } });
    expect(mode.denied.items.map((i) => i.label)).toEqual(["case: big refund", expect.stringMatching(/^recorded #\d+: process_refund \{"amount":3000\} as agent$/)]);

    const draft = published.replace("< 1000", "< 500");
    const impact = publishImpact(sim, corpus, published, draft);
    expect(impact).toMatchObject({ allowToDeny: 2, denyToAllow: 0 });
    expect(impact.flips).toMatchObject([{ source: "recorded", from: "ALLOW", to: "DENY", count: 2 }]);

    const withCanary = `${published}\n${named("canary", forbid(REFUND, "context.input.amount > 500"), '@enforcement_mode("LOG_ONLY")\n')}\n`;
    const [c] = await canaryEvidence(refund.gatewayId, sim, corpus, withCanary, ["canary"]);
    expect(c).toMatchObject({ policy: "canary", flipCount: 2, recordedFlips: 2 });
  });

  it("reports the same flips for one draft in the publish review, the Impact panel and the mode-switch evidence", async () => {
    const agent = { sub: "agent-1", claims: { role: "refund-agent" } };
    const call = (amount: number) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: REFUND, arguments: { amount } } });
    await addTestCase({ gatewayId: refund.gatewayId, name: "mid refund", principal: agent, request: call(800), expected: "ALLOW" });
    for (const amount of [100, 800, 800, 1200, 20_000]) {
      await recordDecision({ gatewayId: refund.gatewayId, clientId: null, persona: "agent", principal: agent, tool: REFUND, arguments: { amount }, decision: amount < 1000 ? "ALLOW" : "DENY", determiningPolicies: [], logOnlyMatched: [], flips: [], mode: "ENFORCE", blocked: amount >= 1000 });
    }
    const deps = depsFor(cp);
    const published = toDocument(await live());
    const draft = published.replace("< 1000", "< 500");

    const review = await reviewFor(deps, refund.gatewayId, draft);
    // The Impact panel: the corpus route's calls, through the worker's handler.
    const sim = deps.simOf(refund);
    const corpus = await loadCorpus(refund.gatewayId);
    const panel = simulationHandlers["sim.impact"]({ gateway: sim, draftText: draft, publishedText: published, calls: corpus.calls } as never, { cedar: cedarNode as never, progress: () => {} }) as ReturnType<typeof publishImpact>;
    const key = (f: { label: string; from: string; to: string; count: number }) => `${f.label} ${f.from}→${f.to} ×${f.count}`;
    expect(review.impact.flips.map(key)).toEqual(panel.flips.map(key));
    expect(review.impact.flips.map(key)).toEqual([expect.stringMatching(/^case: mid refund ALLOW→DENY ×1$/), expect.stringMatching(/"amount":800\} as agent ALLOW→DENY ×2$/)]);

    // Once published, switching to ENFORCE would deny exactly the calls the draft's impact said it denies now, and those it denied already.
    await publishDraft(deps, refund.gatewayId, { text: draft, message: "Lower the limit", baseVersion: review.currentVersion });
    const mode = modeEvidence(sim, corpus, toDocument(await live()), "LOG_ONLY", "ENFORCE");
    const denied = corpus.calls.filter((c) => c.tool === REFUND && ((c.request as ReturnType<typeof call>).params.arguments.amount >= 500));
    expect(mode.denied.items.map((i) => i.label).sort()).toEqual(denied.map((c) => c.label).sort());
    expect(mode.denied.items.map((i) => i.label)).toEqual(expect.arrayContaining(review.impact.flips.map((f) => f.label)));
  });
});
