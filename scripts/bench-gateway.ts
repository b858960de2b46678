/**
 * Load on the local MCP gateway: N concurrent `tools/call` requests for a fixed time, over real HTTP
 * on 127.0.0.1, with the RefundGateway's policies enforced and with no engine attached, in alternating
 * rounds (the side measured first is otherwise measured on a colder process). Prints throughput and
 * p50/p99 latency for each, and the ratio as the last line.
 *
 * The gateway runs in this process (the same Request handler the Next route uses, on node:http), in
 * an in-memory workspace, so it needs no build and no running console. Run:
 *   npx tsx --conditions=react-server scripts/bench-gateway.ts
 * Env: BENCH_CONCURRENCY (default 16, max 256), BENCH_SECONDS per phase (default 5, max 60),
 *      BENCH_POLICIES extra policies published beside the seed one (default 20, max 500).
 */
import http from "node:http";
import { eq } from "drizzle-orm";
import { createLocalControlPlane } from "@/lib/agentcore/local";
import { startGatewayServer } from "@/lib/gateway/node-server";
import { ensureGatewayClients } from "@/lib/store/clients";
import { getDb } from "@/lib/store/db";
import { gateways } from "@/lib/store/schema";

const bounded = (name: string, fallback: number, max: number) => {
  const v = Number(process.env[name] ?? fallback);
  return Number.isFinite(v) && v >= 1 ? Math.min(Math.trunc(v), max) : fallback;
};
const CONCURRENCY = bounded("BENCH_CONCURRENCY", 16, 256);
const SECONDS = bounded("BENCH_SECONDS", 5, 60);
const EXTRA_POLICIES = Math.min(bounded("BENCH_POLICIES", 20, 500), 500);
const ROUNDS = 4;
const REFUND = "RefundTarget___process_refund";

async function main() {
  const db = await getDb(`memory://bench-gateway-${process.pid}`);
  const cp = createLocalControlPlane(db, { publicUrl: "http://127.0.0.1" });
  const refund = (await cp.listGateways()).find((g) => g.name === "RefundGateway")!;
  const engine = refund.policyEngine!;
  for (let i = 0; i < EXTRA_POLICIES; i++) {
    const statement =
      i % 2 === 0
        ? `permit(principal, action == AgentCore::Action::"${REFUND}", resource) when { principal.hasTag("role") && principal.getTag("role") == "agent-${i}" && context.input.amount < ${100 + i} };`
        : `forbid(principal, action == AgentCore::Action::"${REFUND}", resource) when { principal.hasTag("department") && principal.getTag("department") == "dept-${i}" };`;
    await cp.createPolicy(engine.policyEngineId, { name: `bench_policy_${i}`, statement });
  }

  const server = await startGatewayServer({ db, controlPlane: cp });
  const client = (await ensureGatewayClients(refund.gatewayId, db)).find((c) => c.persona === "refund-agent")!;
  const tokenRes = await fetch(`${server.url}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret }),
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const url = new URL(`${server.url}/mcp/${refund.gatewayId}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  // Alternating allowed (500) and denied (2000) refunds, as a mixed workload.
  const bodies = [500, 2000].map((amount) => JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: REFUND, arguments: { amount } } }));

  function once(body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        { method: "POST", agent, headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "content-length": Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Runs the workload for a while; returns the latencies and the elapsed seconds. */
  async function phase(seconds: number) {
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    let n = 0;
    const worker = async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const status = await once(bodies[n++ % bodies.length]).catch(() => 0);
        latencies.push(performance.now() - t0);
        if (status !== 200) errors++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { latencies, errors, elapsed: (performance.now() - started) / 1000 };
  }

  const arn = refund.policyEngine!.policyEngineArn;
  const setEngine = (attached: boolean) =>
    db
      .update(gateways)
      .set(attached ? { policyEngineArn: arn, policyEngineMode: "ENFORCE" } : { policyEngineArn: null, policyEngineMode: null })
      .where(eq(gateways.gatewayId, refund.gatewayId));
  const configs = [
    { label: "ENFORCE, published policies", attached: true, latencies: [] as number[], errors: 0, elapsed: 0 },
    { label: "no policy engine attached", attached: false, latencies: [] as number[], errors: 0, elapsed: 0 },
  ];

  console.log(`local MCP gateway, ${CONCURRENCY} concurrent clients, ${SECONDS}s per configuration in ${ROUNDS} alternating rounds, ${EXTRA_POLICIES + 1} published policies, 127.0.0.1 only`);
  // Warm-up (compile the policy set, JIT, connections), then alternate so neither side gets the warmer machine.
  for (const c of configs) {
    await setEngine(c.attached);
    await phase(1);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of round % 2 === 0 ? configs : [...configs].reverse()) {
      await setEngine(c.attached);
      const r = await phase(SECONDS / ROUNDS);
      c.latencies.push(...r.latencies);
      c.errors += r.errors;
      c.elapsed += r.elapsed;
    }
  }
  const [withPolicies, withoutEngine] = configs.map((c) => {
    const sorted = [...c.latencies].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
    const rps = sorted.length / c.elapsed;
    console.log(`${c.label.padEnd(34)} ${rps.toFixed(0).padStart(6)} calls/s   p50 ${pct(50).toFixed(2)} ms   p99 ${pct(99).toFixed(2)} ms   (${sorted.length} calls, ${c.errors} non-200)`);
    return rps;
  });

  agent.destroy();
  await server.close();
  console.log(`throughput with policies / without engine: ${(withPolicies / withoutEngine).toFixed(2)}× (${withPolicies.toFixed(0)} vs ${withoutEngine.toFixed(0)} calls/s)`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
