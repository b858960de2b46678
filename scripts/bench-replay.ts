/**
 * Replay throughput of the simulation engine against the best straightforward use of cedar-wasm: a
 * plain loop of `statefulIsAuthorized` over the same preparsed 50-policy set and schema, with the same
 * 10,000 requests, printed as a ratio (the last line).
 *
 *   npm run bench:replay
 */
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { evaluate } from "@/lib/cedar/authorize";
import { buildRequest, type CedarRequest } from "@/lib/cedar/request-from-call";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { replayCall } from "@/lib/simulation/replay";
import { calls, gateway, policies, published, schemaJson, timed } from "./bench-simulation-fixture";

const requests: CedarRequest[] = calls.map((c) => {
  const built = buildRequest({ principal: c.principal, toolName: c.request.params.name, args: c.request.params.arguments, gatewayArn: gateway.gatewayArn, schemaJson: schemaJson as never });
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

const compiled = new PolicySetCache(cedar).get(published, schemaJson, "bench");
function engine() {
  let allowed = 0;
  // Requests from buildRequest are typed by the schema already; the engine skips re-validating them.
  for (const r of requests) if (evaluate(compiled, r, { validate: false }).decision === "ALLOW") allowed++;
  return allowed;
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
console.log(`replay speed-up vs plain stateful loop: ${(ours.perSecond / base.perSecond).toFixed(2)}x`);
