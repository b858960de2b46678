/**
 * Impact of a draft over 10,000 calls (draft vs published), the full path the Impact panel runs:
 * parse each JSON-RPC body, check its arguments, build the Cedar request, evaluate both sets.
 * Three drafts: one that changes a single tool's policies (calls of unchanged tools are skipped), one
 * that adds a tag condition on every tool (calls from personas alike share evaluations), and one on
 * every tool that reads the whole principal and the context, so nothing is shared. The last line is
 * the slowest of the three.
 *
 *   npm run bench:impact
 */
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { impact } from "@/lib/simulation/impact";
import { readCall, requestFor } from "@/lib/simulation/replay";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { calls, gateway, N, published, schemaJson, timed } from "./bench-simulation-fixture";

const cache = new PolicySetCache(cedar);
const base = cache.get(published, schemaJson, "bench");
const oneTool = cache.get(published.replace("context.input.amount < 500", "context.input.amount < 1500"), schemaJson, "bench");
const everyTool = cache.get(
  `${published}\n\n@id("freeze_dept_7")\nforbid(principal, action in AgentCore::Action::"CallTool", resource) when { principal.hasTag("department") && principal.getTag("department") == "dept-7" };`,
  schemaJson,
  "bench",
);

// Reads the whole principal and the context, so calls share no evaluation: the slowest shape.
const noSharing = cache.get(
  `${published}

@id("freeze_agent_7")
forbid(principal == AgentCore::OAuthUser::"agent-7", action in AgentCore::Action::"CallTool", resource) when { context has input };`,
  schemaJson,
  "bench",
);

let flips = 0;
const measure = (draft: typeof base) =>
  timed(() => {
    const r = impact(calls, gateway, base, draft);
    flips = r.flips.length;
    return flips;
  }, 3);

const single = measure(oneTool);
const singleFlips = flips;
const every = measure(everyTool);
const everyFlips = flips;
const unshared = measure(noSharing);
// The floor: one cedar-wasm call per request against a single trivial policy, requests prebuilt.
const requests = calls.flatMap((c) => {
  const read = readCall(gateway, c.request);
  const built = read.ok ? requestFor(gateway, c.principal, read) : null;
  return built?.ok ? [built.request] : [];
});
const trivial = cedar.policyToJson("permit(principal, action, resource) when { context has input };");
if (trivial.type !== "success") throw new Error("the trivial policy does not parse");
cedar.preparsePolicySet("bench-floor", { staticPolicies: { p0: trivial.json } });
const floor = timed(() => {
  let allowed = 0;
  for (const r of requests) {
    const a = cedar.statefulIsAuthorized({ ...r, preparsedPolicySetId: "bench-floor" });
    if (a.type === "success" && a.response.decision === "allow") allowed++;
  }
  return allowed;
}, 3);
const n = N.toLocaleString("en");
console.log(`floor: one cedar-wasm call per request (a single trivial policy, requests prebuilt) over ${requests.length.toLocaleString("en")} calls: ${floor.ms.toFixed(0)} ms`);
console.log(`impact of a draft changing one tool's policies over ${n} calls: ${single.ms.toFixed(0)} ms (${singleFlips} flips)`);
console.log(`impact of a draft changing every tool's policies (a tag condition) over ${n} calls: ${every.ms.toFixed(0)} ms (${everyFlips} flips)`);
console.log(`impact of a draft changing every tool's policies (whole principal and context, nothing shared) over ${n} calls: ${unshared.ms.toFixed(0)} ms (${flips} flips)`);
const worst = Math.max(single.ms, every.ms, unshared.ms);
console.log(`worst case vs the floor: ${(worst / floor.ms).toFixed(2)}× the time of one bare cedar-wasm call per request`);
console.log(`impact analysis, ${n} calls draft vs published (worst case): ${worst.toFixed(0)} ms`);
