/**
 * Load on the local MCP gateway: N concurrent `tools/call` requests for a fixed time, over real HTTP
 * on 127.0.0.1, each comparison in alternating rounds (the side measured first is otherwise measured
 * on a colder process). Prints throughput and p50/p99 latency per side, and each ratio at the end:
 *
 * 1. ENFORCE vs no engine: the RefundGateway's published policies (plus BENCH_POLICIES more)
 *    enforced, against the same gateway with no engine attached.
 * 2. The proxy case: `tools/call` sent through the local gateway (token check, Cedar in ENFORCE,
 *    decision log) to the sample MCP server as an MCP server target, against the same calls sent to
 *    the sample server directly. The sample server runs in its own process, as an upstream does.
 *
 * The gateway runs in this process (the same Request handler the Next route uses, on node:http), in
 * an in-memory workspace, so it needs no build and no running console. Run:
 *   npm run bench:gateway
 * Env: BENCH_CONCURRENCY (default 16, max 256), BENCH_SECONDS per side (default 5, max 60),
 *      BENCH_POLICIES extra policies published beside the seed one (default 20, max 500).
 */
import http from "node:http";
import { eq } from "drizzle-orm";
import { createLocalControlPlane } from "@/lib/agentcore/local";
import { startGatewayServer } from "@/lib/gateway/node-server";
import { ensureGatewayClients } from "@/lib/store/clients";
import { getDb } from "@/lib/store/db";
import { gateways } from "@/lib/store/schema";
import { discoverMcpTools } from "@/lib/targets/mcp-discovery";
import { startSampleServerProcess } from "./sample-mcp-server/child";

const bounded = (name: string, fallback: number, max: number) => {
  const v = Number(process.env[name] ?? fallback);
  return Number.isFinite(v) && v >= 1 ? Math.min(Math.trunc(v), max) : fallback;
};
const CONCURRENCY = bounded("BENCH_CONCURRENCY", 16, 256);
const SECONDS = bounded("BENCH_SECONDS", 5, 60);
const EXTRA_POLICIES = Math.min(bounded("BENCH_POLICIES", 20, 500), 500);
const ROUNDS = 4;
const REFUND = "RefundTarget___process_refund";

interface Side {
  label: string;
  /** Runs before each of this side's rounds (e.g. attach or detach the engine). */
  before?: () => Promise<unknown>;
  url: URL;
  headers: Record<string, string>;
  bodies: string[];
  latencies: number[];
  errors: number;
  elapsed: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const call = (name: string, args: Record<string, unknown>) => JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } });

function once(side: Side, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(side.url, { method: "POST", agent, headers: { ...side.headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs one side's workload for a while, adding its latencies, errors and time. */
async function phase(side: Side, seconds: number, record: boolean) {
  await side.before?.();
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const status = await once(side, side.bodies[n++ % side.bodies.length]).catch(() => 0);
        latencies.push(performance.now() - t0);
        if (status !== 200) errors++;
      }
    }),
  );
  if (!record) return;
  side.latencies.push(...latencies);
  side.errors += errors;
  side.elapsed += (performance.now() - started) / 1000;
}

/** Warm-up, then alternating rounds; prints each side and answers their throughputs. */
async function compare(title: string, sides: Side[]): Promise<number[]> {
  console.log(`\n${title}`);
  for (const s of sides) await phase(s, 1, false);
  for (let round = 0; round < ROUNDS; round++) for (const s of round % 2 === 0 ? sides : [...sides].reverse()) await phase(s, SECONDS / ROUNDS, true);
  return sides.map((s) => {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
    const rps = sorted.length / s.elapsed;
    console.log(`  ${s.label.padEnd(44)} ${rps.toFixed(0).padStart(6)} calls/s   p50 ${pct(50).toFixed(2)} ms   p99 ${pct(99).toFixed(2)} ms   (${sorted.length} calls, ${s.errors} non-200)`);
    return rps;
  });
}

const side = (s: Omit<Side, "latencies" | "errors" | "elapsed">): Side => ({ ...s, latencies: [], errors: 0, elapsed: 0 });

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

  // The proxy case's gateway: the sample helpdesk as an MCP server target, reads permitted in ENFORCE.
  const upstream = await startSampleServerProcess();
  const discovery = await discoverMcpTools({ url: upstream.url }, { targetName: "Helpdesk" });
  const helpdesk = await cp.createGateway({ name: "HelpdeskBench" });
  await cp.createGatewayTarget(helpdesk.gatewayId, { name: "Helpdesk", type: "MCP_SERVER", tools: discovery.tools, mcpServer: { url: upstream.url, shown: { url: upstream.url, headers: {} } } });
  const helpdeskEngine = await cp.createPolicyEngine({ name: "HelpdeskBenchEngine" });
  await cp.setGatewayPolicyEngine(helpdesk.gatewayId, { policyEngineArn: helpdeskEngine.policyEngineArn, mode: "ENFORCE" });
  await cp.createPolicy(helpdeskEngine.policyEngineId, { name: "reads", statement: `permit(principal, action == AgentCore::Action::"Helpdesk___get_ticket", resource);` });

  const server = await startGatewayServer({ db, controlPlane: cp });
  const tokenFor = async (gatewayId: string) => {
    const client = (await ensureGatewayClients(gatewayId, db)).find((c) => c.persona === "refund-agent")!;
    const res = await fetch(`${server.url}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };

  const arn = engine.policyEngineArn;
  const setEngine = (attached: boolean) =>
    db
      .update(gateways)
      .set(attached ? { policyEngineArn: arn, policyEngineMode: "ENFORCE" } : { policyEngineArn: null, policyEngineMode: null })
      .where(eq(gateways.gatewayId, refund.gatewayId));
  const refundSide = { url: new URL(`${server.url}/mcp/${refund.gatewayId}`), headers: { authorization: `Bearer ${await tokenFor(refund.gatewayId)}` }, bodies: [500, 2000].map((amount) => call(REFUND, { amount })) };

  console.log(`local MCP gateway, ${CONCURRENCY} concurrent clients, ${SECONDS}s per side in ${ROUNDS} alternating rounds, 127.0.0.1 only`);
  // Alternating allowed (500) and denied (2000) refunds, as a mixed workload.
  const [enforced, noEngine] = await compare(`1. RefundGateway, ${EXTRA_POLICIES + 1} published policies, allowed and denied refunds alternating`, [
    side({ label: "ENFORCE, published policies", before: () => setEngine(true), ...refundSide }),
    side({ label: "no policy engine attached", before: () => setEngine(false), ...refundSide }),
  ]);

  const ticket = [call("get_ticket", { ticketId: "TCK-100200" })];
  const [direct, proxied] = await compare("2. proxy case: get_ticket (allowed) to the sample MCP server in its own process", [
    side({ label: "direct to the upstream", url: new URL(upstream.url), headers: { accept: "application/json, text/event-stream" }, bodies: ticket }),
    side({
      label: "through the local gateway (ENFORCE)",
      url: new URL(`${server.url}/mcp/${helpdesk.gatewayId}`),
      headers: { authorization: `Bearer ${await tokenFor(helpdesk.gatewayId)}` },
      bodies: [call("Helpdesk___get_ticket", { ticketId: "TCK-100200" })],
    }),
  ]);

  agent.destroy();
  await server.close();
  upstream.close();
  console.log("");
  console.log(`throughput through the local gateway / direct to the upstream: ${(proxied / direct).toFixed(2)}× (${proxied.toFixed(0)} vs ${direct.toFixed(0)} calls/s)`);
  console.log(`throughput with policies / without engine: ${(enforced / noEngine).toFixed(2)}× (${enforced.toFixed(0)} vs ${noEngine.toFixed(0)} calls/s)`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
