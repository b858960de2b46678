process.env.DATA_DIR = "memory://live-evidence-aws";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getImport } from "@/lib/evidence/import-jobs";
import { startSpanImport, type EvidenceDeps } from "@/lib/evidence/service";
import { MISSING } from "@/lib/evidence/span-call";
import type { ImportJob } from "@/lib/evidence/types";
import type { PublishingDeps } from "@/lib/publishing/deps";
import { evidenceRange } from "@/lib/publishing/live-evidence";
import { canaryEvidenceFor, modeEvidenceFor } from "@/lib/publishing/review";
import { listImportedCalls } from "@/lib/store/imported-calls";
import { importedCalls } from "@/lib/store/schema";
import { loadCorpus } from "@/lib/workspace/corpus";
import { startFakeAgentCore, type FakeAgentCore } from "../../scripts/fake-agentcore/server";
import { generateTraffic } from "../../scripts/fake-agentcore/traffic";
import { anchor, depsFor as evidenceDepsFor, fault, HOUR, PAYMENTS, traffic } from "../evidence/support";
import { depsFor } from "./support";

/**
 * The mode switch and canary promotion on AWS, against the fake's CloudWatch and Logs through the real
 * SDKs: the metrics' counts of the range, and the imported span calls re-evaluated or named.
 */

let fake: FakeAgentCore;
let evidence: EvidenceDeps;
let publishing: PublishingDeps;
const to = anchor();
const range = { from: new Date(to - 6 * HOUR), to: new Date(to) };
const iso = { from: range.from.toISOString(), to: range.to.toISOString() };

async function importAll() {
  let job: ImportJob = await startSpanImport(evidence, PAYMENTS, iso);
  while (job.status === "running") {
    await new Promise((r) => setTimeout(r, 5));
    job = getImport(PAYMENTS, job.jobId);
  }
  expect(job.status).toBe("complete");
}

/** The fake's own traffic in the range: the truth the metrics and spans are derived from. */
const truth = () => generateTraffic(fake.state, fake.state.traffic).filter((c) => c.gatewayId === PAYMENTS && c.at >= range.from.getTime() && c.at < range.to.getTime());

beforeAll(async () => {
  fake = await startFakeAgentCore({ delayMs: 5 });
  evidence = await evidenceDepsFor(fake, "memory://live-evidence-aws");
  publishing = depsFor(evidence.cp);
});
afterAll(() => fake?.close());
beforeEach(async () => {
  await fetch(`${fake.url}/__fake/reset`, { method: "POST" });
  await traffic(fake, { from: iso.from, to: iso.to, count: 600, argumentsMissingEvery: 10, queryPolls: 1 });
  await evidence.db!.delete(importedCalls);
});

describe("evidence from real traffic before switching to ENFORCE", () => {
  it("counts the range's denials from CloudWatch and re-evaluates the imported calls of that range, naming the ones it cannot", async () => {
    await importAll();
    const m = await modeEvidenceFor(publishing, PAYMENTS, "ENFORCE", { evidence, range });
    const calls = truth();
    expect(m.live).toMatchObject({ range: iso, spansAvailable: true, metrics: { source: "cloudwatch", empty: false } });
    expect(m.live!.metrics).toMatchObject({ counts: { denied: calls.filter((c) => c.decision === "DENY").length, allowed: calls.filter((c) => c.decision === "ALLOW").length } });

    // Policies are unchanged since the calls were made, so replay denies exactly the replayable calls AWS denied.
    const rows = await listImportedCalls(PAYMENTS, { limit: 5000 }, evidence.db);
    const replayable = rows.filter((r) => r.missing.length === 0);
    expect(m.spans).toBe(replayable.length);
    expect(m.denied.spans).toBe(replayable.filter((r) => r.decision === "DENY").length);
    expect(m.denied.spans).toBeGreaterThan(0);
    expect(m.denied.items.every((i) => i.source === "span" && i.label.startsWith("span "))).toBe(true);
    expect(m.notReplayable).toEqual({ count: 60, byReason: { [MISSING.arguments]: 60 } });
  });

  it("takes only the imported calls of the chosen range", async () => {
    await importAll();
    const half = { from: new Date(to - 3 * HOUR), to: range.to };
    const inHalf = (await listImportedCalls(PAYMENTS, { limit: 5000 }, evidence.db)).filter((r) => r.at >= half.from && r.missing.length === 0);
    const corpus = await loadCorpus(PAYMENTS, { range: half }, evidence.db);
    expect(corpus.calls.reduce((n, c) => n + c.count, 0)).toBe(inHalf.length);
    expect(corpus.notReplayable.count).toBeLessThan(60);
    const m = await modeEvidenceFor(publishing, PAYMENTS, "ENFORCE", { evidence, range: half });
    expect(m.spans).toBe(inHalf.length);
  });

  it("keeps the replayed evidence and says why when CloudWatch denies access", async () => {
    await importAll();
    await fault(fake, "GetMetricData", "AccessDeniedException", 403);
    const m = await modeEvidenceFor(publishing, PAYMENTS, "ENFORCE", { evidence, range });
    expect(m.live!.metrics).toMatchObject({ error: { code: "cloudwatch-access-denied", details: { permission: "cloudwatch:GetMetricData" } } });
    expect(m.denied.spans).toBeGreaterThan(0);
  });

  it("defaults to the last 7 days and refuses a range CloudWatch cannot answer", () => {
    const now = new Date("2026-06-30T12:00:00Z");
    expect(evidenceRange({}, now)).toEqual({ from: new Date("2026-06-23T12:00:00Z"), to: now });
    expect(() => evidenceRange({ from: "2026-06-30T11:30:00Z", to: "2026-06-30T12:00:00Z" }, now)).toThrow(/at least 1 hour/);
    expect(() => evidenceRange({ from: "yesterday" }, now)).toThrow(/ISO-8601/);
  });
});

describe("evidence from real traffic before promoting a LOG_ONLY canary", () => {
  it("shows the policy's LogOnlyDecisionFlips from CloudWatch and the imported calls behind them", async () => {
    const engine = fake.state.engines[0];
    const gatewayArn = fake.state.gateways.find((g) => g.gatewayId === PAYMENTS)!.gatewayArn;
    // A canary created outside the console: would deny the larger payments the limit allows.
    fake.state.policies.push({
      policyId: "bigpayments-c1c2c3c4c5",
      policyEngineId: engine.policyEngineId,
      policyArn: `${engine.policyEngineArn}/policy/bigpayments-c1c2c3c4c5`,
      name: "no_big_payments",
      definitionKind: "cedar",
      statement: `forbid(principal, action == AgentCore::Action::"PaymentsTarget___create_payment", resource == AgentCore::Gateway::"${gatewayArn}") when { context.input.amount > 10000 };`,
      status: "ACTIVE",
      statusReasons: [],
      enforcementMode: "LOG_ONLY",
      createdAt: "2026-01-15T10:00:00Z",
      updatedAt: "2026-01-15T10:00:00Z",
    });
    await importAll();
    const [c] = await canaryEvidenceFor(publishing, PAYMENTS, ["no_big_payments"], { evidence, range });
    const flipped = truth().filter((x) => x.flips.includes("bigpayments-c1c2c3c4c5"));
    expect(flipped.length).toBeGreaterThan(0);
    expect(c.live!.metrics).toMatchObject({ source: "cloudwatch", counts: { flips: flipped.length } });
    expect(c.live!.calls.count).toBe(flipped.length);
    expect(c.live!.calls.items.length).toBe(Math.min(25, flipped.length));
    expect(c.live!.calls.items.every((i) => i.decision === "ALLOW" && i.label.includes("create_payment"))).toBe(true);
    // A flip AWS reported in a span without arguments is still named, with the reason it cannot be replayed.
    expect(c.live!.calls.items.some((i) => i.missing.includes(MISSING.arguments) && i.label.includes("(no arguments)"))).toBe(flipped.slice(-25).some((x) => !x.withArguments));
    // The replayed evidence over the same imported calls agrees: promoting flips ALLOW → DENY for them.
    expect(c.flipCount).toBe(flipped.filter((x) => x.withArguments).length);
    expect(c.sampled.spans).toBeGreaterThan(0);
  });
});
