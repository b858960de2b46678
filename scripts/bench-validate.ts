/**
 * Validation speed for the editor's live diagnostics: a 100-policy document validated against the
 * demo schema (refund + orders tools), repeatedly; prints the median. Run:
 *   npx tsx --conditions=react-server scripts/bench-validate.ts
 * (`react-server` lets the server-only schema generator load outside Next.)
 */
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Tool } from "@/lib/agentcore/types";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { validatePolicies } from "@/lib/cedar/validate";

const fixtures = path.join(import.meta.dirname, "../tests/fixtures/tools");
const tools = ["demo-refund.json", "demo-orders.json"].flatMap((f) => (JSON.parse(readFileSync(path.join(fixtures, f), "utf8")) as { tools: Tool[] }).tools);
const schema = generateSchema(tools).json;

const templates = [
  (i: number) => `@id("refund-${i}")\npermit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource)\nwhen { principal.hasTag("role") && principal.getTag("role") == "agent-${i}" && context.input.amount < ${100 + i} };`,
  (i: number) => `@id("orders-read-${i}")\npermit(principal, action in [AgentCore::Action::"OrdersTarget___get_order", AgentCore::Action::"OrdersTarget___list_orders"], resource)\nwhen { principal.hasTag("team") && principal.getTag("team") == "team-${i}" };`,
  (i: number) => `@id("orders-write-${i}")\nforbid(principal, action in [AgentCore::Action::"OrdersTarget___create_order", AgentCore::Action::"OrdersTarget___update_order"], resource)\nunless { principal.hasTag("role") && principal.getTag("role") == "writer-${i}" };`,
  (i: number) => `@id("big-order-${i}")\nforbid(principal, action == AgentCore::Action::"OrdersTarget___create_order", resource)\nwhen { context.input.total.greaterThan(decimal("${1000 + i}.50")) && context.input.customer has tier && context.input.customer.tier == AgentCore::OrdersTarget___create_order::Input::customer::tier::"bronze" };`,
];
const doc = Array.from({ length: 100 }, (_, i) => templates[i % templates.length](i)).join("\n\n");

const first = validatePolicies(cedar, doc, schema);
if (first.length) throw new Error(`The benchmark document should be valid: ${first[0].message}`);

const runs = 50;
for (let i = 0; i < 5; i++) validatePolicies(cedar, doc, schema); // warm up
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  validatePolicies(cedar, doc, schema);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(runs / 2)];
console.log(`document: 100 policies, ${doc.length} chars; schema: ${tools.length} tools; runs: ${runs}`);
console.log(`min ${times[0].toFixed(2)} ms, p90 ${times[Math.floor(runs * 0.9)].toFixed(2)} ms`);
console.log(`validate 100 policies: median ${median.toFixed(2)} ms`);
