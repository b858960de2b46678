/**
 * Speed of the SMT analysis: a full-gateway comparison of a draft with the published set, for 10, 50
 * and 200 policies over the demo and fixture gateways, against cedar-wasm validation of the same
 * draft, measured in one run (so the ratio holds however loaded the machine is). Two drafts:
 * "review" changes two policies (a limit raised, a role condition added) as a typical change does;
 * "every tool" changes a constant in every policy, so every tool needs the solver. "cold" clears the
 * policy-JSON cache first (a server's first analysis); "warm" is the steady state of re-analysing a
 * gateway as its draft changes. Run:
 *   npm run bench:analysis
 */
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Tool } from "@/lib/agentcore/types";
import { analyzeDraft } from "@/lib/analysis/analyze";
import type { GatewayFacts } from "@/lib/analysis/replay";
import { clearPolicyJsonCache } from "@/lib/analysis/policy-json";
import { smtSolver } from "@/lib/analysis/solver";
import { NS } from "@/lib/cedar/cedar-api";
import { inputTypeOf } from "@/lib/cedar/cedar-types";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { validatePolicies } from "@/lib/cedar/validate";

const fixtures = path.join(import.meta.dirname, "../tests/fixtures/tools");
const load = (...files: string[]) => files.flatMap((f) => (JSON.parse(readFileSync(path.join(fixtures, `${f}.json`), "utf8")) as { tools: Tool[] }).tools);
const GATEWAYS: Array<[string, Tool[]]> = [
  ["demo", load("demo-refund", "demo-orders")],
  ["stripe", load("stripe")],
  ["jira", load("jira")],
  ["github", load("github")],
];
const SIZES = [10, 50, 200];
const RUNS = 5;

interface ToolFields {
  tool: string;
  long?: string;
  decimal?: string;
  string?: string;
  enumeration?: { path: string; type: string; value: string };
}

function fieldsOf(g: GatewayFacts): ToolFields[] {
  return g.tools.map(({ name }) => {
    const t = inputTypeOf(g.schemaJson, NS, name);
    const out: ToolFields = { tool: name };
    if (t?.kind !== "record") return out;
    for (const [k, a] of Object.entries(t.attributes)) {
      if (!a.required || !/^[A-Za-z_]\w*$/.test(k)) continue;
      if (a.type.kind === "Long") out.long ??= k;
      if (a.type.kind === "extension" && a.type.name === "decimal") out.decimal ??= k;
      if (a.type.kind === "String") out.string ??= k;
      if (a.type.kind === "enum") out.enumeration ??= { path: k, type: a.type.entityType, value: a.type.values[0] };
    }
    return out;
  });
}

/** N realistic policies: role-gated permits with limits, prefix rules, team reads, guardrail forbids. */
function policies(fields: ToolFields[], n: number, bump = 0): string[] {
  return Array.from({ length: n }, (_, i) => {
    const f = fields[i % fields.length];
    const action = `action == AgentCore::Action::"${f.tool}"`;
    const limit = 100 * (1 + (i % 17)) + bump;
    const conds: string[] = [`principal.hasTag("role") && principal.getTag("role") == "role-${i % 7}"`];
    switch (i % 4) {
      case 0:
        if (f.long) conds.push(`context.input.${f.long} < ${limit}`);
        else if (f.decimal) conds.push(`context.input.${f.decimal}.lessThan(decimal("${limit}.5"))`);
        return `@id("limit-${i}")\npermit(principal, ${action}, resource) when { ${conds.join(" && ")} };`;
      case 1:
        if (f.string) conds.push(`context.input.${f.string} like "p${i % 5}-*"`);
        return `@id("prefix-${i}")\npermit(principal, ${action}, resource) when { ${conds.join(" && ")} };`;
      case 2:
        return `@id("team-${i}")\npermit(principal, ${action}, resource) when { principal.hasTag("team") && principal.getTag("team") like "team-${i % 3}*"${bump ? ` && principal.id != "u${bump}"` : ""} };`;
      default: {
        const guard = f.enumeration ? `context.input.${f.enumeration.path} == ${f.enumeration.type}::"${f.enumeration.value}"` : f.long ? `context.input.${f.long} > ${10_000 + limit}` : `principal.hasTag("blocked")`;
        return `@id("guard-${i}")\nforbid(principal, ${action}, resource) when { ${guard} };`;
      }
    }
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const smt = await smtSolver();
console.log(`runs: ${RUNS} per cell (medians); Z3 loaded once before timing`);
console.log("gateway  tools  policies  validate ms   review cold ms  ratio   review warm ms  ratio   every tool warm ms  ratio");
for (const [name, tools] of GATEWAYS) {
  const schema = generateSchema(tools);
  const gateway: GatewayFacts = { gatewayArn: `arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/${name}`, principalKind: "OAuthUser", schemaJson: schema.json as Record<string, unknown>, tools };
  const fields = fieldsOf(gateway);
  for (const n of SIZES) {
    const published = policies(fields, n).join("\n\n");
    const review = policies(fields, n);
    review[0] = review[0].replace(/< (\d+)/, (_, v) => `< ${Number(v) + 500}`);
    review[1] = review[1].replace("when {", 'when { principal.hasTag("approved") &&');
    const reviewText = review.join("\n\n");
    const everyText = policies(fields, n, 1).join("\n\n");
    const problems = validatePolicies(cedar, everyText, gateway.schemaJson as never).filter((d) => d.severity === "error");
    if (problems.length) throw new Error(`${name}/${n}: the benchmark policies should validate: ${problems[0].message}`);
    const run = async (draftText: string) => {
      const r = await analyzeDraft(cedar, smt, { gateway, publishedText: published, draftText, comparisonOnly: true });
      if (r.soundness.length) throw new Error(`soundness issue: ${JSON.stringify(r.soundness[0])}`);
      return r;
    };
    await run(reviewText); // warm up (schema preparse, first queries)
    const v: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    const every: number[] = [];
    let changed = 0;
    for (let i = 0; i < RUNS; i++) {
      v.push(await time(() => validatePolicies(cedar, reviewText, gateway.schemaJson as never)));
      clearPolicyJsonCache();
      cold.push(await time(async () => (changed = (await run(reviewText)).tools.filter((t) => t.relation !== "equivalent").length)));
      warm.push(await time(() => run(reviewText)));
      await run(everyText);
      every.push(await time(() => run(everyText)));
    }
    const mv = median(v);
    const cell = (xs: number[], width: number) => `${median(xs).toFixed(1).padStart(width)} ${(median(xs) / mv).toFixed(1).padStart(6)}×`;
    console.log(`${name.padEnd(8)} ${String(tools.length).padStart(5)} ${String(n).padStart(9)} ${mv.toFixed(1).padStart(12)} ${cell(cold, 16)} ${cell(warm, 16)} ${cell(every, 20)}   (review changes ${changed} tool${changed === 1 ? "" : "s"})`);
  }
}
