import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { ORDER_TOOLS, REFUND_TOOLS } from "@/lib/agentcore/seed";
import { buildRequest, type CedarRequest } from "@/lib/cedar/request-from-call";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { toolsCall } from "@/lib/simulation/compare";
import { exampleArguments } from "@/lib/simulation/example-args";
import { PolicySetCache } from "@/lib/simulation/policy-set";
const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/benchgateway-0000000000";
const tools = [...REFUND_TOOLS.map((t) => ({ ...t, name: `RefundTarget___${t.name}` })), ...ORDER_TOOLS.map((t) => ({ ...t, name: `OrdersTarget___${t.name}` }))];
const schemaJson = generateSchema(tools).json as Record<string, unknown>;
const roles = ["refund-agent", "support-viewer", "admin", "auditor", "intern"];
const policies: string[] = [];
for (let i = 0; i < 50; i++) {
  const tool = tools[i % tools.length].name;
  const role = roles[i % roles.length];
  if (i % 10 === 9) policies.push(`@id("deny_${i}")\nforbid(principal, action == AgentCore::Action::"${tool}", resource) when { principal.hasTag("department") && principal.getTag("department") == "dept-${i}" };`);
  else if (tool === "RefundTarget___process_refund") policies.push(`@id("refund_${i}")\npermit(principal, action == AgentCore::Action::"${tool}", resource) when { principal.hasTag("role") && principal.getTag("role") == "${role}" && context.input.amount < ${500 + i * 20} };`);
  else policies.push(`@id("allow_${i}")\npermit(principal, action == AgentCore::Action::"${tool}", resource) when { principal.hasTag("role") && principal.getTag("role") == "${role}" };`);
}
const N = 10_000;
const calls = Array.from({ length: N }, (_, i) => {
  const tool = tools[i % tools.length];
  const args = tool.name === "RefundTarget___process_refund" ? { amount: (i * 37) % 3000 } : exampleArguments(tool.inputSchema);
  return { principal: { sub: `agent-${i % 97}`, claims: { role: roles[i % roles.length], department: `dept-${i % 60}` } }, request: toolsCall(tool.name, args, i) };
});
const requests: CedarRequest[] = calls.map((c) => { const b = buildRequest({ principal: c.principal, toolName: c.request.params.name, args: c.request.params.arguments, gatewayArn: ARN, schemaJson: schemaJson as never }); if (!b.ok) throw new Error(b.error); return b.request; });
console.log(tools.length, "tools; sample", JSON.stringify(requests[3]));
cedar.preparseSchema("s", schemaJson as never);
cedar.preparsePolicySet("all", { staticPolicies: Object.fromEntries(policies.map((p, i) => [`p${i}`, p])) });
cedar.preparsePolicySet("triv", { staticPolicies: { a: "permit(principal, action, resource);" } });
const cache = new PolicySetCache(cedar);
const compiled = cache.get(policies.join("\n\n"), schemaJson, "x");
function t(name: string, fn: (r: CedarRequest) => void) {
  for (const r of requests) fn(r);
  const t0 = performance.now();
  for (let k = 0; k < 3; k++) for (const r of requests) fn(r);
  console.log(name.padEnd(40), Math.round((3 * N) / ((performance.now() - t0) / 1000)), "/s");
}
t("all, schema, validate", (r) => cedar.statefulIsAuthorized({ ...r, preparsedSchemaName: "s", validateRequest: true, preparsedPolicySetId: "all" }));
t("all, schema, novalidate", (r) => cedar.statefulIsAuthorized({ ...r, preparsedSchemaName: "s", validateRequest: false, preparsedPolicySetId: "all" }));
t("all, noschema", (r) => cedar.statefulIsAuthorized({ ...r, preparsedPolicySetId: "all" }));
t("triv, schema, validate", (r) => cedar.statefulIsAuthorized({ ...r, preparsedSchemaName: "s", validateRequest: true, preparsedPolicySetId: "triv" }));
t("triv, schema, novalidate", (r) => cedar.statefulIsAuthorized({ ...r, preparsedSchemaName: "s", validateRequest: false, preparsedPolicySetId: "triv" }));
t("triv, noschema", (r) => cedar.statefulIsAuthorized({ ...r, preparsedPolicySetId: "triv" }));
const ids = [...compiled.byAction.values()];
console.log(ids.map((b) => b.combined));
t("per-action, schema, novalidate", (r) => cedar.statefulIsAuthorized({ ...r, preparsedSchemaName: compiled.schemaName, validateRequest: false, preparsedPolicySetId: compiled.byAction.get(r.action.id)!.combined! }));
t("per-action, schema, validate", (r) => cedar.statefulIsAuthorized({ ...r, preparsedSchemaName: compiled.schemaName, validateRequest: true, preparsedPolicySetId: compiled.byAction.get(r.action.id)!.combined! }));
t("per-action, noschema", (r) => cedar.statefulIsAuthorized({ ...r, preparsedPolicySetId: compiled.byAction.get(r.action.id)!.combined! }));
t("per-action, no entities", (r) => cedar.statefulIsAuthorized({ ...r, entities: [], preparsedSchemaName: compiled.schemaName, validateRequest: false, preparsedPolicySetId: compiled.byAction.get(r.action.id)!.combined! }));
const actEnt = new Map<string, unknown>();
for (const a of compiled.byAction.keys()) actEnt.set(a, { uid: { type: "AgentCore::Action", id: a }, attrs: {}, parents: [{ type: "AgentCore::Action", id: "CallTool" }, { type: "AgentCore::Action", id: "Mcp" }] });
t("per-action, noschema, action ent", (r) => cedar.statefulIsAuthorized({ ...r, entities: [...r.entities, actEnt.get(r.action.id) as never], preparsedPolicySetId: compiled.byAction.get(r.action.id)!.combined! }));
cedar.preparsePolicySet("calltool", { staticPolicies: { a: 'permit(principal, action in AgentCore::Action::"Mcp", resource);' } });
let n = 0; for (const r of requests.slice(0, 100)) { const a = cedar.statefulIsAuthorized({ ...r, entities: [...r.entities, actEnt.get(r.action.id) as never], preparsedPolicySetId: "calltool" }); if (a.type === "success" && a.response.decision === "allow") n++; }
console.log("in Mcp allows", n);
