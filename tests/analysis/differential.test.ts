import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { afterAll, describe, expect, it } from "vitest";
import type { GatewayFacts } from "@/lib/analysis/replay";
import type { ExampleCall, ToolComparison } from "@/lib/analysis/types";
import { compilePolicySet, disposeCompiled, evaluate, type CompiledPolicySet } from "@/lib/cedar/authorize";
import { buildRequest } from "@/lib/cedar/request-from-call";
import { checkArguments } from "@/lib/mcp/arguments";
import { documentPolicies } from "@/lib/simulation/policy-set";
import { loadToolSet } from "../cedar/fixtures";
import { mutate, policyText, randomCall, randomPolicy, rng, type RandomPolicy } from "./random-policies";
import { analyze, DEMO_TOOLS, gatewayOf } from "./support";

/**
 * The solver against cedar-wasm on random policy sets over the fixture tool schemas: whenever the
 * solver says two sets are equivalent on a tool (or only wider, or only narrower), 10,000 random
 * calls through cedar-wasm find no call that contradicts it; every example it gives is a valid call
 * on which cedar-wasm makes exactly the claimed decisions. Seeds are fixed.
 */

const GATEWAYS: Array<[string, GatewayFacts]> = [
  ["demo", gatewayOf(DEMO_TOOLS)],
  ["stripe", gatewayOf(loadToolSet("stripe").tools)],
  ["arrays", gatewayOf(loadToolSet("arrays").tools)],
  ["additional-properties", gatewayOf(loadToolSet("additional-properties").tools)],
  ["iam", gatewayOf(loadToolSet("demo-refund").tools, "IamEntity")],
];
/** Pairs whose draft is a variant of the published set (often equivalent), then pairs of unrelated sets (rarely). */
const VARIANT_PAIRS = 2;
const UNRELATED_PAIRS = 3;
const PAIRS_PER_GATEWAY = VARIANT_PAIRS + UNRELATED_PAIRS;
/** Random calls per pair on the tools the solver judged equivalent, and per other tool with a definite relation. */
const CALLS_IF_EQUIVALENT = 3_000;
const CALLS_OTHERWISE = 200;

const stats = { pairs: 0, equivalentBySolver: 0, examples: 0, calls: 0, unknown: 0 };
afterAll(() => console.log(`differential: ${JSON.stringify(stats)}`));

function compile(text: string, g: GatewayFacts) {
  return compilePolicySet(cedar, { policies: documentPolicies(cedar, text), schemaJson: g.schemaJson });
}

/** Both sets' decisions for a call, or null when the gateway would refuse the call before any policy. */
function decide(sets: CompiledPolicySet[], g: GatewayFacts, tool: string, call: ExampleCall): Array<"ALLOW" | "DENY"> | null {
  const def = g.tools.find((t) => t.name === tool)!;
  if (checkArguments(def.inputSchema, call.arguments).length) return null;
  const built = buildRequest({ principal: call.principal, toolName: tool, args: call.arguments, gatewayArn: g.gatewayArn, schemaJson: g.schemaJson });
  return built.ok ? sets.map((s) => evaluate(s, built.request, { validate: false }).decision) : null;
}

// No timing is asserted; the generous timeout only keeps a loaded machine from failing the run.
describe.each(GATEWAYS)("random policy sets on the %s gateway", { timeout: 180_000 }, (name, g) => {
  it.each(Array.from({ length: PAIRS_PER_GATEWAY }, (_, i) => i))("pair %i: the solver's relations and examples agree with cedar-wasm", async (i) => {
    const r = rng(1000 * name.length + i);
    const published: RandomPolicy[] = Array.from({ length: 1 + r.int(4) }, (_, k) => randomPolicy(r, g, `p${k}`));
    let draft = i < VARIANT_PAIRS ? mutate(r, g, published) : Array.from({ length: 1 + r.int(4) }, (_, k) => randomPolicy(r, g, `d${k}`));
    if (i < VARIANT_PAIRS && r.chance(0.3)) draft = mutate(r, g, draft);
    const pubText = published.map(policyText).join("\n");
    const draftText = draft.map(policyText).join("\n");
    const report = await analyze(g, pubText, draftText, { comparisonOnly: true });
    expect(report.soundness, `${pubText}\n---\n${draftText}`).toEqual([]);
    stats.pairs++;

    const pub = compile(pubText, g);
    const dr = compile(draftText, g);
    try {
      const definite: ToolComparison[] = [];
      for (const t of report.tools) {
        for (const [list, before, after] of [[t.newlyAllowed, "DENY", "ALLOW"], [t.newlyDenied, "ALLOW", "DENY"]] as const) {
          for (const ex of list) {
            stats.examples++;
            expect(decide([pub, dr], g, t.tool, ex), JSON.stringify({ tool: t.tool, ex, pubText, draftText })).toEqual([before, after]);
            expect([ex.published.decision, ex.draft.decision]).toEqual([before, after]);
          }
        }
        if (t.relation === "unknown") stats.unknown++;
        else definite.push(t);
        if (t.relation === "equivalent" && t.method === "solver") stats.equivalentBySolver++;
      }
      const equivalent = definite.filter((t) => t.relation === "equivalent" && t.method === "solver");
      const others = definite.filter((t) => !equivalent.includes(t) && t.method === "solver");
      const plan = [...(equivalent.length ? Array.from({ length: CALLS_IF_EQUIVALENT }, (_, n) => equivalent[n % equivalent.length]) : []), ...others.flatMap((t) => Array(CALLS_OTHERWISE).fill(t) as ToolComparison[])];
      for (const t of plan) {
        const call = randomCall(r, g, t.tool);
        const decided = decide([pub, dr], g, t.tool, call);
        if (decided === null) continue;
        const [before, after] = decided;
        stats.calls++;
        const widened = before === "DENY" && after === "ALLOW";
        const narrowed = before === "ALLOW" && after === "DENY";
        const context = () => JSON.stringify({ tool: t.tool, relation: t.relation, call, pubText, draftText });
        if (t.relation === "equivalent" || t.relation === "more-restrictive") expect(widened, context()).toBe(false);
        if (t.relation === "equivalent" || t.relation === "more-permissive") expect(narrowed, context()).toBe(false);
      }
    } finally {
      disposeCompiled(pub);
      disposeCompiled(dr);
    }
  });
});

describe("the differential run", () => {
  it("covered equivalences judged by the solver and examples both ways", () => {
    expect(stats.pairs).toBe(GATEWAYS.length * PAIRS_PER_GATEWAY);
    expect(stats.equivalentBySolver).toBeGreaterThan(3);
    expect(stats.examples).toBeGreaterThan(15);
  });
});
