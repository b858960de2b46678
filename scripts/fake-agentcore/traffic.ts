/**
 * The fake's recorded traffic: a deterministic stream of tool calls through the seeded gateways that
 * have a policy engine, each decided by the engine's current policies with Cedar (ACTIVE policies
 * decide; LOG_ONLY ones are evaluated beside them, with the decision-flip set). Both the CloudWatch
 * metrics and the Transaction Search spans the fake serves are derived from this one stream, so they
 * agree with each other and with the seeded tools and policies.
 */
import { isAuthorized } from "@cedar-policy/cedar-wasm/nodejs";
import type { FakeEngine, FakeGateway, FakePolicy, FakeTarget } from "./seed";

export interface TrafficConfig {
  /** Calls spread over [from, to) (ISO-8601). Defaults: the 7 days before the fake started. */
  from: string;
  to: string;
  /** Calls per gateway that has an engine. */
  count: number;
  /** Every n-th span leaves out the call's arguments (0: none does), as spans without request capture do. */
  argumentsMissingEvery: number;
  /** Whether Transaction Search writes spans (the `aws/spans` log group exists). */
  transactionSearch: boolean;
}

export interface FakeCall {
  gatewayId: string;
  gatewayArn: string;
  policyEngineId: string;
  traceId: string;
  spanId: string;
  /** Epoch milliseconds. */
  at: number;
  latencyMs: number;
  tool: string;
  principal: { sub: string; claims: Record<string, string> };
  arguments: Record<string, unknown>;
  withArguments: boolean;
  mode: string;
  decision: "ALLOW" | "DENY";
  /** Policy ids, as the service reports them. */
  determining: string[];
  logOnlyMatched: string[];
  flips: string[];
  mismatched: string[];
}

interface World {
  gateways: FakeGateway[];
  targets: FakeTarget[];
  engines: FakeEngine[];
  policies: FakePolicy[];
}

const PRINCIPALS = [
  { sub: "billing-agent-01", claims: { role: "billing-agent", scope: "payments" } },
  { sub: "billing-agent-02", claims: { role: "billing-agent", scope: "payments" } },
  { sub: "support-bot", claims: { role: "support", scope: "read" } },
  { sub: "intern-7", claims: { role: "intern", scope: "read" } },
];
const AMOUNTS = [500, 1200, 9900, 20000, 49999, 50000, 75000, 250000];
const WORDS = ["EUR", "USD", "GBP", "pay_3f9a", "pay_77c1", "Printer on fire", "low", "high"];

export function defaultTraffic(now = Date.now()): TrafficConfig {
  const to = Math.floor(now / 60_000) * 60_000;
  return { from: new Date(to - 7 * 86_400_000).toISOString(), to: new Date(to).toISOString(), count: 2000, argumentsMissingEvery: 10, transactionSearch: true };
}

/** A small deterministic PRNG (mulberry32): the same config gives the same traffic on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (rand: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");

function inlineTools(t: FakeTarget): Array<{ name: string; inputSchema: { properties?: Record<string, { type?: string; enum?: string[] }>; required?: string[] } }> {
  const cfg = t.targetConfiguration as { mcp?: { lambda?: { toolSchema?: { inlinePayload?: Array<{ name: string; inputSchema: never }> } } } };
  return (cfg.mcp?.lambda?.toolSchema?.inlinePayload ?? []).map((tool) => ({ name: `${t.name}___${tool.name}`, inputSchema: tool.inputSchema }));
}

function argumentsFor(schema: { properties?: Record<string, { type?: string; enum?: string[] }> }, rand: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.enum?.length) out[name] = prop.enum[Math.floor(rand() * prop.enum.length)];
    else if (prop.type === "integer" || prop.type === "number") out[name] = AMOUNTS[Math.floor(rand() * AMOUNTS.length)];
    else if (prop.type === "boolean") out[name] = rand() < 0.5;
    else out[name] = WORDS[Math.floor(rand() * WORDS.length)];
  }
  return out;
}

type Verdict = Pick<FakeCall, "decision" | "determining" | "logOnlyMatched" | "flips" | "mismatched">;

/** Decides one call the way the service does; memoised per distinct request (traffic repeats itself). */
function decider(gateway: FakeGateway, policies: FakePolicy[]) {
  const active = policies.filter((p) => p.enforcementMode !== "LOG_ONLY");
  const logOnly = policies.filter((p) => p.enforcementMode === "LOG_ONLY");
  const memo = new Map<string, Verdict>();
  const evaluate = (set: FakePolicy[], principal: FakeCall["principal"], tool: string, args: Record<string, unknown>) => {
    const answer = isAuthorized({
      principal: { type: "AgentCore::OAuthUser", id: principal.sub },
      action: { type: "AgentCore::Action", id: tool },
      resource: { type: "AgentCore::Gateway", id: gateway.gatewayArn },
      context: { input: args as never },
      policies: { staticPolicies: Object.fromEntries(set.map((p) => [p.policyId, p.statement])) },
      entities: [{ uid: { type: "AgentCore::OAuthUser", id: principal.sub }, attrs: { id: principal.sub }, parents: [], tags: principal.claims }],
    });
    if (answer.type === "failure") return { allow: false, reason: [] as string[], errors: set.map((p) => p.policyId) };
    return { allow: answer.response.decision === "allow", reason: answer.response.diagnostics.reason, errors: answer.response.diagnostics.errors.map((e) => e.policyId) };
  };
  return (principal: FakeCall["principal"], tool: string, args: Record<string, unknown>): Verdict => {
    const key = JSON.stringify([principal.sub, tool, args]);
    const hit = memo.get(key);
    if (hit) return hit;
    const base = evaluate(active, principal, tool, args);
    const matched: string[] = [];
    const flips: string[] = [];
    for (const p of logOnly) {
      if (evaluate([p], principal, tool, args).reason.includes(p.policyId)) matched.push(p.policyId);
      if (evaluate([...active, p], principal, tool, args).allow !== base.allow) flips.push(p.policyId);
    }
    const verdict: Verdict = { decision: base.allow ? "ALLOW" : "DENY", determining: base.reason, logOnlyMatched: matched, flips, mismatched: base.errors };
    memo.set(key, verdict);
    return verdict;
  };
}

/**
 * Every call of the traffic, oldest first, for the gateways that have an engine. Generated on demand
 * from the config and the current policies (a published change re-decides the same calls).
 */
export function generateTraffic(world: World, config: TrafficConfig): FakeCall[] {
  const from = Date.parse(config.from);
  const to = Date.parse(config.to);
  const out: FakeCall[] = [];
  world.gateways.forEach((g, gi) => {
    const pe = g.policyEngineConfiguration;
    const engine = pe && world.engines.find((e) => e.policyEngineArn === pe.arn);
    if (!pe || !engine) return;
    const tools = world.targets.filter((t) => t.gatewayId === g.gatewayId).flatMap(inlineTools);
    if (tools.length === 0) return;
    const decide = decider(g, world.policies.filter((p) => p.policyEngineId === engine.policyEngineId && p.status !== "DELETING"));
    const rand = prng(0x5eed + gi * 7919);
    const step = (to - from) / Math.max(1, config.count);
    for (let i = 0; i < config.count; i++) {
      const tool = tools[Math.floor(rand() * tools.length)];
      const principal = PRINCIPALS[Math.floor(rand() * PRINCIPALS.length)];
      const args = argumentsFor(tool.inputSchema, rand);
      const at = Math.floor(from + i * step + rand() * step);
      out.push({
        gatewayId: g.gatewayId,
        gatewayArn: g.gatewayArn,
        policyEngineId: engine.policyEngineId,
        traceId: hex(rand, 32),
        spanId: hex(rand, 16),
        at,
        latencyMs: Math.round(8 + rand() * 40),
        tool: tool.name,
        principal,
        arguments: args,
        withArguments: !(config.argumentsMissingEvery > 0 && i % config.argumentsMissingEvery === config.argumentsMissingEvery - 1),
        mode: pe.mode,
        ...decide(principal, tool.name, args),
      });
    }
  });
  return out.sort((a, b) => a.at - b.at);
}
