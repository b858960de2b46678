/**
 * Replay throughput of the simulation engine against the best straightforward use of cedar-wasm: a
 * plain loop of `statefulIsAuthorized` over the same preparsed 50-policy set and schema, with the same
 * 10,000 requests. Then the impact of a draft over 10,000 calls (draft vs published, full path: parse
 * JSON-RPC, check arguments, build the request, evaluate both sets). One run prints every figure.
 *
 *   npm run bench:replay
 */
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { ORDER_TOOLS, REFUND_TOOLS } from "@/lib/agentcore/seed";
import { evaluate } from "@/lib/cedar/authorize";
import { buildRequest, type CedarRequest } from "@/lib/cedar/request-from-call";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { impactOf, toolsCall } from "@/lib/simulation/compare";
import { replayCall } from "@/lib/simulation/replay";
import { exampleArguments } from "@/lib/simulation/example-args";
import { PolicySetCache } from "@/lib/simulation/policy-set";

const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/benchgateway-0000000000";
const tools = [...REFUND_TOOLS.map((t) => ({ ...t, name: `RefundTarget___${t.name}` })), ...ORDER_TOOLS.map((t) => ({ ...t, name: `OrdersTarget___${t.name}` }))];
const schemaJson = generateSchema(tools).json as Record<string, unknown>;
const gateway = { gatewayArn: ARN, schemaJson, tools };
const roles = ["refund-agent", "support-viewer", "admin", "auditor", "intern"];

// 50 policies: role-scoped permits per tool, amount limits, and a few forbids.
const policies: string[] = [];
for (let i = 0; i < 50; i++) {
  const tool = tools[i % tools.length].name;
  const role = roles[i % roles.length];
  if (i % 10 === 9) policies.push(`@id("deny_${i}")\nforbid(principal, action == AgentCore::Action::"${tool}", resource) when { principal.hasTag("department") && principal.getTag("department") == "dept-${i}" };`);
  else if (tool === "RefundTarget___process_refund") policies.push(`@id("refund_${i}")\npermit(principal, action == AgentCore::Action::"${tool}", resource) when { principal.hasTag("role") && principal.getTag("role") == "${role}" && context.input.amount < ${500 + i * 20} };`);
  else policies.push(`@id("allow_${i}")\npermit(principal, action == AgentCore::Action::"${tool}", resource) when { principal.hasTag("role") && principal.getTag("role") == "${role}" };`);
}
const published = policies.join("\n\n");
const draft = published.replace("context.input.amount < 500", "context.input.amount < 1500");

const N = 10_000;
const calls = Array.from({ length: N }, (_, i) => {
  const tool = tools[i % tools.length];
  const args = tool.name === "RefundTarget___process_refund" ? { amount: (i * 37) % 3000 } : exampleArguments(tool.inputSchema);
  return { principal: { sub: `agent-${i % 97}`, claims: { role: roles[i % roles.length], department: `dept-${i % 60}` } }, request: toolsCall(tool.name, args, i), label: `#${i}` };
});
const requests: CedarRequest[] = calls.map((c) => {
  const built = buildRequest({ principal: c.principal, toolName: c.request.params.name, args: c.request.params.arguments, gatewayArn: ARN, schemaJson: schemaJson as never });
  if (!built.ok) throw new Error(built.error);
  return built.request;
});

// Baseline: one preparsed set of all 50 policies and the preparsed schema (which AgentCore's
// `action in CallTool` policies need), one stateful call per request. Both settings of request
// validation are measured and the faster one is the baseline, so the ratio is never flattered.
cedar.preparseSchema("bench-schema", schemaJson as never);
const pre = cedar.preparsePolicySet("bench-set", { staticPolicies: Object.fromEntries(policies.map((p, i) => [`p${i}`, p])) });
if (pre.type !== "success") throw new Error("The benchmark policies do not parse");
const baseline = (validateRequest: boolean) => () => {
  let allowed = 0;
  for (const r of requests) {
    const a = cedar.statefulIsAuthorized({ ...r, preparsedSchemaName: "bench-schema", validateRequest, preparsedPolicySetId: "bench-set" });
    if (a.type === "success" && a.response.decision === "allow") allowed++;
  }
  return allowed;
};

const cache = new PolicySetCache(cedar);
const compiled = cache.get(published, schemaJson, "bench");
function engine() {
  let allowed = 0;
  // Requests from buildRequest are typed by the schema already; the engine skips re-validating them.
  for (const r of requests) if (evaluate(compiled, r, { validate: false }).decision === "ALLOW") allowed++;
  return allowed;
}

function timed(fn: () => number, rounds = 5): { perSecond: number; result: number } {
  fn(); // warm up
  const times: number[] = [];
  let result = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { perSecond: N / (times[Math.floor(rounds / 2)] / 1000), result };
}

function fullReplay() {
  let allowed = 0;
  for (const c of calls) if (replayCall(compiled, gateway, c).decision === "ALLOW") allowed++;
  return allowed;
}

const validating = timed(baseline(true));
const plain = timed(baseline(false));
const base = plain.perSecond >= validating.perSecond ? plain : validating;
const ours = timed(engine);
const full = timed(fullReplay, 3);
for (const r of [validating, plain, full]) if (r.result !== ours.result) throw new Error(`Decisions differ: baseline allowed ${r.result}, engine ${ours.result}`);
const rate = (r: { perSecond: number }) => `${Math.round(r.perSecond).toLocaleString("en")} calls/s`;
console.log(`plain statefulIsAuthorized loop (50 policies, 1 set, schema, validateRequest on):  ${rate(validating)}`);
console.log(`plain statefulIsAuthorized loop (50 policies, 1 set, schema, validateRequest off): ${rate(plain)}`);
console.log(`simulation engine (per-action preparsed sets):                                     ${rate(ours)} (same ${ours.result} allows)`);
console.log(`full replay (parse JSON-RPC + check arguments + build request + evaluate + bodies): ${rate(full)}`);

const draftCompiled = cache.get(draft, schemaJson, "bench");
impactOf(calls, gateway, draftCompiled, compiled); // warm up
const t0 = performance.now();
const impact = impactOf(calls, gateway, draftCompiled, compiled);
const impactMs = performance.now() - t0;
console.log(`impact of a draft over ${N.toLocaleString("en")} calls (parse + check + build + 2 evaluations): ${impactMs.toFixed(0)} ms, ${impact.flips.length} flips`);
console.log(`replay speed-up vs plain stateful loop: ${(ours.perSecond / base.perSecond).toFixed(2)}x`);
