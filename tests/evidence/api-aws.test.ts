import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as metrics } from "@/app/api/gateways/[gatewayId]/metrics/route";
import { POST as startImport } from "@/app/api/gateways/[gatewayId]/decisions/import/route";
import { DELETE as cancelImport, GET as pollImport } from "@/app/api/gateways/[gatewayId]/decisions/import/[jobId]/route";
import type { ImportJob, MetricsResult } from "@/lib/evidence/types";
import { getDb } from "@/lib/store/db";
import { startFakeAgentCore, type FakeAgentCore } from "../../scripts/fake-agentcore/server";
import { anchor, HOUR, PAYMENTS, settingsFor, traffic } from "./support";

let fake: FakeAgentCore;
const to = anchor();
const range = { from: new Date(to - 2 * HOUR).toISOString(), to: new Date(to).toISOString() };

const ctx = <P>(p: P) => ({ params: Promise.resolve(p) });
const post = (gatewayId: string, body: unknown, type = "application/json") =>
  startImport(new Request("http://127.0.0.1:3000/x", { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) }), ctx({ gatewayId }));
const poll = (jobId: string, gatewayId = PAYMENTS) => pollImport(new Request("http://127.0.0.1:3000/x"), ctx({ gatewayId, jobId }));

beforeAll(async () => {
  fake = await startFakeAgentCore({ delayMs: 10 });
  await traffic(fake, { from: range.from, to: range.to, count: 120, queryPolls: 2 });
  const s = settingsFor(fake);
  Object.assign(process.env, {
    DATA_DIR: "memory://evidence-api-aws",
    AGENTCORE_BACKEND: "aws",
    AWS_REGION: s.region,
    AGENTCORE_ENDPOINT: s.endpoint,
    CLOUDWATCH_ENDPOINT: s.cloudwatchEndpoint,
    CLOUDWATCH_LOGS_ENDPOINT: s.logsEndpoint,
    AWS_ACCESS_KEY_ID: s.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s.credentials.secretAccessKey,
  });
  await getDb(); // the store opens on first use; open it before the import's first write
});
afterAll(() => fake?.close());

describe("the evidence JSON API on AWS", () => {
  it("GET …/metrics answers CloudWatch's series for the gateway", async () => {
    const res = await metrics(new Request(`http://127.0.0.1:3000/x?from=${range.from}&to=${range.to}`), ctx({ gatewayId: PAYMENTS }));
    expect(res.status).toBe(200);
    const m = (await res.json()) as MetricsResult;
    expect(m).toMatchObject({ source: "cloudwatch", period: 60, empty: false });
    const count = (metric: string) => m.series.find((s) => s.metric === metric)!.points.reduce((n, [, v]) => n + v, 0);
    expect(count("AllowDecisions") + count("DenyDecisions")).toBe(120);
  });

  it("POST …/decisions/import answers 202 with a job that is polled to its end", async () => {
    const res = await post(PAYMENTS, range);
    expect(res.status).toBe(202);
    let job = (await res.json()) as ImportJob;
    expect(res.headers.get("location")).toBe(`/api/gateways/${PAYMENTS}/decisions/import/${job.jobId}`);
    expect(job).toMatchObject({ status: "running", gatewayId: PAYMENTS, from: range.from, to: range.to });
    while (job.status === "running") {
      await new Promise((r) => setTimeout(r, 20));
      job = (await (await poll(job.jobId)).json()) as ImportJob;
    }
    expect(job).toMatchObject({ status: "complete", read: 120, imported: 120, progress: { fraction: 1 } });
    const done = await cancelImport(new Request("http://127.0.0.1:3000/x", { method: "DELETE" }), ctx({ gatewayId: PAYMENTS, jobId: job.jobId }));
    expect((await done.json()).status).toBe("complete"); // cancelling a finished job changes nothing
  });

  it("answers 400/415 for a bad body, 404 for an unknown job, 409 when tracing is off", async () => {
    expect((await post(PAYMENTS, "from=x", "text/plain")).status).toBe(415);
    const noTo = await post(PAYMENTS, { from: range.from });
    expect(noTo.status).toBe(400);
    expect((await noTo.json()).error.message).toContain('"to" is required');
    expect((await post(PAYMENTS, { from: range.to, to: range.from })).status).toBe(400);
    expect((await post("supportgateway-f6g7h8i9j0", range)).status).toBe(400); // no engine, so no policy spans
    expect((await poll("no-such-job")).status).toBe(404);
    await traffic(fake, { transactionSearch: false });
    const off = await post(PAYMENTS, range);
    expect(off.status).toBe(409);
    expect((await off.json()).error).toMatchObject({ code: "tracing-not-enabled", details: { logGroup: "aws/spans", region: "us-east-1" } });
  });
});
