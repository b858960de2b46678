/**
 * Impact of a draft over 10,000 calls (draft vs published), the full path the Impact panel runs:
 * parse each JSON-RPC body, check its arguments, build the Cedar request, evaluate both sets.
 * Two drafts: one that changes a single tool's policies (calls of unchanged tools are skipped), and
 * the worst case, one that changes every tool's policies. The worst case is the last line.
 *
 *   npm run bench:impact
 */
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { impactOf } from "@/lib/simulation/compare";
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

let flips = 0;
const measure = (draft: typeof base) =>
  timed(() => {
    const r = impactOf(calls, gateway, draft, base);
    flips = r.flips.length;
    return flips;
  }, 3);

const single = measure(oneTool);
const singleFlips = flips;
const worst = measure(everyTool);
const n = N.toLocaleString("en");
console.log(`impact of a draft changing one tool's policies over ${n} calls: ${single.ms.toFixed(0)} ms (${singleFlips} flips)`);
console.log(`impact of a draft changing every tool's policies over ${n} calls: ${worst.ms.toFixed(0)} ms (${flips} flips)`);
console.log(`impact analysis, ${n} calls draft vs published (worst case): ${worst.ms.toFixed(0)} ms`);
