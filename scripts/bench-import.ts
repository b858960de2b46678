/**
 * Importing 50,000 policy spans (7 days of one gateway's traffic) from the fake CloudWatch Logs, run
 * as its own process, through the real SDK into an in-memory store: calls per second, how the time
 * splits between Logs Insights round trips, reading spans and writing rows, and the peak memory of
 * the importing process. A second import of the same range measures the de-duplicating path.
 *
 *   npm run bench:import            (SPANS=20000 npm run bench:import for a quicker run)
 */
import { spawn } from "node:child_process";
import { createEvidenceClients } from "@/lib/evidence/aws-clients";
import { callFromSpan } from "@/lib/evidence/span-call";
import { importSpans } from "@/lib/evidence/span-import";
import { getDb } from "@/lib/store/db";
import { insertImportedCalls, type NewImportedCall } from "@/lib/store/imported-calls";
import { spanOf } from "./fake-agentcore/logs";
import { defaultSeed } from "./fake-agentcore/seed";
import { generateTraffic } from "./fake-agentcore/traffic";

const SPANS = Number(process.env.SPANS ?? 50_000);
const GATEWAY = defaultSeed().gateways[0];
const DAY = 86_400_000;

async function startFake(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/fake-agentcore/main.ts"], { env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (b: Buffer) => {
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(b.toString());
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`The fake exited with ${code}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

function peakMemory() {
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heap: base.heapUsed };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  }, 10);
  return { stop: () => (clearInterval(timer), { rss: peak.rss - base.rss, heap: peak.heap - base.heapUsed, baseRss: base.rss }) };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const fake = await startFake();
try {
  const to = Math.floor(Date.now() / 60_000) * 60_000;
  const from = to - 7 * DAY;
  const traffic = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), count: SPANS, argumentsMissingEvery: 10, queryPolls: 1 };
  await fetch(`${fake.url}/__fake/traffic`, { method: "POST", body: JSON.stringify(traffic) });
  const db = await getDb("memory://bench-import");
  const settings = { region: "us-east-1", cloudwatchEndpoint: fake.url, logsEndpoint: fake.url, credentials: { accessKeyId: "bench", secretAccessKey: "bench" } };
  const clients = createEvidenceClients(settings);
  const policies = defaultSeed().policies.map((p) => ({ policyId: p.policyId, name: p.name }));

  let storeMs = 0;
  const store = async (rows: NewImportedCall[]) => {
    const t = performance.now();
    const n = await insertImportedCalls(rows, db);
    storeMs += performance.now() - t;
    return n;
  };
  const run = async () => {
    storeMs = 0;
    const memory = peakMemory();
    const t = performance.now();
    const tally = await importSpans({ clients, store, pollMs: 20 }, GATEWAY, policies, { from: new Date(from), to: new Date(to) });
    const ms = performance.now() - t;
    return { tally, ms, storeMs, memory: memory.stop() };
  };

  const first = await run();
  const again = await run();

  // Reading spans alone, on the same spans the fake serves (generated here from the same config).
  const messages = generateTraffic(defaultSeed(), { ...traffic, transactionSearch: true }).filter((c) => c.gatewayId === GATEWAY.gatewayId).map((c) => JSON.stringify(spanOf(c)));
  const t = performance.now();
  let read = 0;
  for (const m of messages) if (callFromSpan(m)) read++;
  const parseMs = performance.now() - t;

  const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en-US")} calls/s`;
  console.log(`spans in range: ${first.tally.read.toLocaleString("en-US")} (${first.tally.progress.queries} Logs Insights queries of ≤10,000 rows)`);
  console.log(`import:    ${(first.ms / 1000).toFixed(2)} s, ${rate(first.tally.imported, first.ms)}; ${first.tally.imported.toLocaleString("en-US")} stored, ${Object.values(first.tally.incomplete).reduce((a, b) => a + b, 0).toLocaleString("en-US")} without arguments`);
  console.log(`           store writes ${(first.storeMs / 1000).toFixed(2)} s (${Math.round((first.storeMs / first.ms) * 100)}%), Logs round trips and reading the rest`);
  console.log(`re-import: ${(again.ms / 1000).toFixed(2)} s, ${rate(again.tally.read, again.ms)}; ${again.tally.imported} new, ${again.tally.duplicates.toLocaleString("en-US")} already stored`);
  console.log(`reading spans alone: ${rate(read, parseMs)} (${read.toLocaleString("en-US")} spans)`);
  console.log(`peak memory above the start (${mb(first.memory.baseRss)} RSS): import +${mb(first.memory.rss)} RSS, +${mb(first.memory.heap)} heap; re-import +${mb(again.memory.rss)} RSS`);
  console.log(`import / reading alone: ${(first.ms / parseMs).toFixed(1)}x the time`);
} finally {
  fake.stop();
}
