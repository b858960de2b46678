import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cancelImport, getImport } from "@/lib/evidence/import-jobs";
import { startSpanImport, type EvidenceDeps } from "@/lib/evidence/service";
import { MISSING } from "@/lib/evidence/span-call";
import type { ImportJob } from "@/lib/evidence/types";
import { listImportedCalls } from "@/lib/store/imported-calls";
import { importedCalls } from "@/lib/store/schema";
import { loadCorpus } from "@/lib/workspace/corpus";
import { startFakeAgentCore, type FakeAgentCore } from "../../scripts/fake-agentcore/server";
import { anchor, depsFor, fault, HOUR, PAYMENTS, traffic } from "./support";

let fake: FakeAgentCore;
let deps: EvidenceDeps;
const to = anchor();
const range = { from: new Date(to - 6 * HOUR).toISOString(), to: new Date(to).toISOString() };

async function settle(job: ImportJob, seen: ImportJob[] = []): Promise<ImportJob> {
  for (;;) {
    const now = getImport(PAYMENTS, job.jobId);
    seen.push(now);
    if (now.status !== "running") return now;
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  fake = await startFakeAgentCore({ delayMs: 10 });
  deps = await depsFor(fake, "memory://evidence-import", { rowsPerQuery: 300 });
});
afterAll(() => fake?.close());
beforeEach(async () => {
  await fetch(`${fake.url}/__fake/reset`, { method: "POST" });
  await traffic(fake, { from: range.from, to: range.to, count: 1000, argumentsMissingEvery: 10, queryPolls: 3 });
  await deps.db!.delete(importedCalls);
});

describe("importing a gateway's policy spans through the real Logs SDK", () => {
  it("reads the range in windows of at most a query's rows, with progress, and stores every call labelled as a span", async () => {
    const seen: ImportJob[] = [];
    const job = await settle(await startSpanImport(deps, PAYMENTS, range), seen);
    expect(job).toMatchObject({ status: "complete", read: 1000, imported: 1000, duplicates: 0, unreadable: 0, incomplete: { [MISSING.arguments]: 100 } });
    expect(job.progress).toMatchObject({ fraction: 1, recordsMatched: expect.any(Number) });
    expect(job.progress.queries).toBeGreaterThanOrEqual(4);
    const fractions = seen.map((j) => j.progress.fraction);
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const starts = fake.state.calls.filter((c) => c.operation === "StartQuery").map((c) => c.body as { logGroupName: string; startTime: number; limit: number });
    expect(starts.every((s) => s.logGroupName === "aws/spans" && s.limit === 300)).toBe(true);
    expect(starts.map((s) => s.startTime)).toEqual([...starts.map((s) => s.startTime)].sort((a, b) => a - b));

    const rows = await listImportedCalls(PAYMENTS, { limit: 5000 }, deps.db);
    expect(rows).toHaveLength(1000);
    const allowed = rows.find((r) => r.decision === "ALLOW")!;
    expect(allowed).toMatchObject({ source: "span", tool: "PaymentsTarget___create_payment", determiningPolicies: ["payment_limit"], mode: "ENFORCE", missing: [] });
    expect(allowed.principal).toMatchObject({ type: "OAuthUser", claims: { role: expect.any(String) } });
    expect((allowed.arguments as { amount: number }).amount).toBeLessThan(50_000);
  });

  it("adds nothing twice when the same range is imported again", async () => {
    await settle(await startSpanImport(deps, PAYMENTS, range));
    const again = await settle(await startSpanImport(deps, PAYMENTS, range));
    expect(again).toMatchObject({ status: "complete", read: 1000, imported: 0, duplicates: 1000 });
    expect(await listImportedCalls(PAYMENTS, { limit: 5000 }, deps.db)).toHaveLength(1000);
  });

  it("gives impact the replayable calls in the corpus and counts the others by reason", async () => {
    await settle(await startSpanImport(deps, PAYMENTS, range));
    const corpus = await loadCorpus(PAYMENTS, {}, deps.db);
    expect(corpus.notReplayable).toEqual({ count: 100, byReason: { [MISSING.arguments]: 100 } });
    expect(corpus.calls.reduce((n, c) => n + c.count, 0)).toBe(900);
    const first = corpus.calls[0];
    expect(first).toMatchObject({ source: "span", request: { jsonrpc: "2.0", method: "tools/call", params: { name: first.tool } }, principal: { sub: expect.any(String) } });
    expect(first.label).toMatch(/^span [0-9a-f]{8}: /);
  });

  it("stops the running query on cancel and keeps what was stored", async () => {
    await traffic(fake, { queryPolls: 1_000_000 });
    const job = await startSpanImport(deps, PAYMENTS, range);
    const cancelled = await cancelImport(PAYMENTS, job.jobId);
    expect(cancelled.status).toBe("cancelled");
    expect(fake.state.calls.some((c) => c.operation === "StopQuery")).toBe(true);
    expect(getImport(PAYMENTS, job.jobId).finishedAt).toBeTruthy();
  });

  it("refuses a second import of the same gateway while one runs", async () => {
    await traffic(fake, { queryPolls: 1_000_000 });
    const job = await startSpanImport(deps, PAYMENTS, range);
    await expect(startSpanImport(deps, PAYMENTS, range)).rejects.toMatchObject({ code: "conflict", details: { jobId: job.jobId } });
    await cancelImport(PAYMENTS, job.jobId);
  });

  it("says how to turn on Transaction Search when the spans log group does not exist", async () => {
    await traffic(fake, { transactionSearch: false });
    const err = await startSpanImport(deps, PAYMENTS, range).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "tracing-not-enabled", status: 409, details: { logGroup: "aws/spans" } });
    expect((err as Error).message).toMatch(/Transaction Search.*enable tracing on the gateway/s);
  });

  it("names logs:StartQuery when it is denied, and says to retry when throttled past the SDK's retries", async () => {
    await fault(fake, "StartQuery", "AccessDeniedException", 400);
    await expect(startSpanImport(deps, PAYMENTS, range)).rejects.toMatchObject({ code: "cloudwatch-access-denied", details: { permission: "logs:StartQuery" } });
    await fault(fake, "StartQuery", "ThrottlingException", 400, 10);
    await expect(startSpanImport(deps, PAYMENTS, range)).rejects.toMatchObject({ code: "cloudwatch-throttled", details: { retryAfterSeconds: 5 } });
  });

  it("fails the job with the state when a later poll is denied", async () => {
    await fault(fake, "GetQueryResults", "AccessDeniedException", 400);
    const job = await settle(await startSpanImport(deps, PAYMENTS, range));
    expect(job).toMatchObject({ status: "failed", error: { code: "cloudwatch-access-denied" } });
    expect(job.error?.message).toContain("logs:GetQueryResults");
  });

  it("completes with nothing imported when the range holds no spans", async () => {
    await traffic(fake, { count: 0 });
    const job = await settle(await startSpanImport(deps, PAYMENTS, range));
    expect(job).toMatchObject({ status: "complete", read: 0, imported: 0, progress: { fraction: 1, queries: 1 } });
  });
});
