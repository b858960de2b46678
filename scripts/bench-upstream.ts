/**
 * The cost of forwarding alone: N concurrent `tools/call` requests sent straight to the sample MCP
 * server (its own process, as an upstream is), and the same requests sent through a bare proxy in
 * this process that forwards each with the upstream pool
 * (lib/targets/mcp-upstream.ts) and nothing else — no token check, no Cedar, no decision log. The
 * local gateway's proxy case adds those; this is the ceiling the forwarding layer leaves it.
 * Alternating rounds, 127.0.0.1 only; prints throughput for each and the ratio as the last line.
 *   npx tsx --conditions=react-server scripts/bench-upstream.ts
 * Env: BENCH_CONCURRENCY (default 16, max 256), BENCH_SECONDS per side (default 4, max 60).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createUpstreamPool } from "@/lib/targets/mcp-upstream";
import { startSampleServerProcess } from "./sample-mcp-server/child";

const bounded = (name: string, fallback: number, max: number) => {
  const v = Number(process.env[name] ?? fallback);
  return Number.isFinite(v) && v >= 1 ? Math.min(Math.trunc(v), max) : fallback;
};
const CONCURRENCY = bounded("BENCH_CONCURRENCY", 16, 256);
const SECONDS = bounded("BENCH_SECONDS", 4, 60);
const ROUNDS = 4;

async function main() {
  const upstream = await startSampleServerProcess();
  const pool = createUpstreamPool();
  const target = { targetName: "Helpdesk", url: upstream.url };
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const msg = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: number; params: { name: string; arguments: Record<string, unknown> } };
      const answer = await pool.callTool(target, msg.params.name, msg.params.arguments);
      const body = JSON.stringify(answer.ok ? { jsonrpc: "2.0", id: msg.id, result: answer.result } : { jsonrpc: "2.0", id: msg.id, error: answer.error });
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => resolve()));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp`;

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "get_ticket", arguments: { ticketId: "TCK-100200" } } });
  const once = (url: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        url,
        { method: "POST", agent, headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "content-length": Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  async function phase(url: string, seconds: number) {
    let calls = 0;
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          if ((await once(url).catch(() => 0)) !== 200) errors++;
          calls++;
        }
      }),
    );
    return { calls, errors, elapsed: (performance.now() - started) / 1000 };
  }

  const sides = [
    { label: "direct to the upstream", url: upstream.url, calls: 0, errors: 0, elapsed: 0 },
    { label: "through the forwarding proxy", url: proxyUrl, calls: 0, errors: 0, elapsed: 0 },
  ];
  console.log(`upstream forwarding, ${CONCURRENCY} concurrent clients, ${SECONDS}s per side in ${ROUNDS} alternating rounds, 127.0.0.1 only`);
  for (const s of sides) await phase(s.url, 1);
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of round % 2 === 0 ? sides : [...sides].reverse()) {
      const r = await phase(s.url, SECONDS / ROUNDS);
      s.calls += r.calls;
      s.errors += r.errors;
      s.elapsed += r.elapsed;
    }
  }
  const [direct, proxied] = sides.map((s) => {
    const rps = s.calls / s.elapsed;
    console.log(`${s.label.padEnd(30)} ${rps.toFixed(0).padStart(6)} calls/s   (${s.calls} calls, ${s.errors} failed)`);
    return rps;
  });
  agent.destroy();
  proxy.close();
  pool.close();
  upstream.close();
  console.log(`throughput through the forwarding proxy / direct: ${(proxied / direct).toFixed(2)}× (${proxied.toFixed(0)} vs ${direct.toFixed(0)} calls/s)`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
