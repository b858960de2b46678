/**
 * `npm run eval:drafting [-- --drafter offline|anthropic|agentcore] [--split tuned|held-out] [--only <id>] [--verbose] [--concurrency N]`
 *
 * Drafts every request of the evaluation corpus (eval/drafting/*.json) and scores the drafts by what
 * they decide for the entries' sample calls. Prints one line per request, a line per split, and last
 * `exact N/M, too broad K, asked Q`. Exits 1 when any draft is too broad.
 * - offline: the rule-based drafter (seconds, no network);
 * - anthropic: Claude, with ANTHROPIC_API_KEY (and ANTHROPIC_MODEL, ANTHROPIC_BASE_URL) set;
 * - agentcore: AgentCore's policy generation on the configured AWS backend, for each tool set that
 *   some gateway there has exactly (with a policy engine attached); other entries are skipped.
 */
import { parseArgs } from "node:util";
import { getControlPlane } from "@/lib/agentcore";
import { config } from "@/lib/config";
import { createAgentCoreDrafter } from "@/lib/drafting/agentcore";
import { createAnthropicDrafter } from "@/lib/drafting/anthropic";
import { entryLine, missLine, summarize, summaryLine } from "@/lib/drafting/evaluation";
import { createOfflineDrafter } from "@/lib/drafting/offline-drafter";
import type { Drafter } from "@/lib/drafting/types";
import { evalGateway, loadCorpus, runCorpus, type DraftFn, type GatewayFor, type ToolSet } from "../eval/drafting/corpus";

const { values } = parseArgs({
  options: {
    drafter: { type: "string", default: "offline" },
    split: { type: "string" },
    only: { type: "string" },
    verbose: { type: "boolean", default: false },
    concurrency: { type: "string" },
  },
});

const entries = loadCorpus().filter((e) => (!values.split || e.split === values.split) && (!values.only || e.id.includes(values.only)));
const kind = values.drafter;
let drafter: Drafter;
let gatewayFor: GatewayFor | undefined;
const engines = new Map<string, string | null>();

if (kind === "offline") drafter = createOfflineDrafter();
else if (kind === "anthropic") {
  const { apiKey, model, baseURL } = config().anthropic;
  if (!apiKey) fail("Set ANTHROPIC_API_KEY (and optionally ANTHROPIC_MODEL) to evaluate Claude.");
  drafter = createAnthropicDrafter({ apiKey, model, baseURL });
} else if (kind === "agentcore") {
  const cp = await getControlPlane();
  const generation = cp.policyGeneration;
  if (!generation) fail("AgentCore's generation needs the AWS backend: set AWS_REGION and credentials (see the README's Backends).");
  const details = await Promise.all((await cp.listGateways()).map((g) => cp.getGateway(g.gatewayId)));
  gatewayFor = async (set: ToolSet) => {
    const wanted = set.tools.map((t) => t.name).sort().join(",");
    const match = details.find((d) => d.targets.flatMap((t) => t.tools.map((x) => x.name)).sort().join(",") === wanted && d.policyEngine);
    if (!match) return null;
    engines.set(match.gatewayArn, match.policyEngine!.policyEngineId);
    return evalGateway(match.targets.flatMap((t) => t.tools), match.gatewayArn);
  };
  drafter = {
    kind: "agentcore",
    draft: (input) => createAgentCoreDrafter(generation, engines.get(input.gatewayArn) ?? null).draft(input),
  };
} else fail(`Unknown drafter "${kind}": use offline, anthropic or agentcore.`);

const draft: DraftFn = (input) => drafter.draft(input);
const started = Date.now();
const { scored, skipped, failed } = await runCorpus(entries, draft, { concurrency: Number(values.concurrency ?? (kind === "offline" ? 1 : 4)), gatewayFor });

for (const s of scored) {
  console.log(entryLine(s));
  if (values.verbose || !s.correct) for (const m of s.misses) console.log(missLine(m));
  if (values.verbose && s.questions.length) for (const q of s.questions) console.log(`    asked: ${q}`);
}
for (const f of failed) console.log(`! ${f.entry.id.padEnd(12)} failed: ${f.error}`);
if (skipped.length) console.log(`skipped ${skipped.length} (no gateway with these tools and a policy engine): ${[...new Set(skipped.map((e) => e.toolSet))].join(", ")}`);
for (const split of ["tuned", "held-out"] as const) {
  const part = scored.filter((s) => s.split === split);
  if (part.length) console.log(`${split.padEnd(8)}: ${summaryLine(summarize(part))}`);
}
console.log(`drafter ${kind}, ${scored.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s${failed.length ? `, ${failed.length} failed` : ""}`);
const total = summarize(scored);
console.log(summaryLine(total));
process.exit(total.tooBroad > 0 || failed.length > 0 ? 1 : 0);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
