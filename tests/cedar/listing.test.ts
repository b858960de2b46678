import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { afterEach, describe, expect, it } from "vitest";
import { compilePolicySet, disposeCompiled, type CompiledPolicySet, type PolicyToCompile } from "@/lib/cedar/authorize";
import { listableTools } from "@/lib/cedar/listing";
import { principalEntity, type RequestPrincipal as CallPrincipal } from "@/lib/cedar/request-from-call";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { loadToolSet, REFUND_GATEWAY } from "./fixtures";

const tools = [...loadToolSet("demo-refund").tools, ...loadToolSet("demo-orders").tools];
const schema = generateSchema(tools).json;
const names = tools.map((t) => t.name);
const A = (tool: string) => `AgentCore::Action::"${tool}"`;
const REFUND = "RefundTarget___process_refund";
const GET = "OrdersTarget___get_order";

let compiled: CompiledPolicySet[] = [];
afterEach(() => {
  compiled.forEach(disposeCompiled);
  compiled = [];
});

function lister(policies: Array<string | [string, "LOG_ONLY"]>) {
  const list: PolicyToCompile[] = policies.map((p, i) => (typeof p === "string" ? { id: `p${i}`, text: p, enforcementMode: "ACTIVE" } : { id: `p${i}`, text: p[0], enforcementMode: p[1] }));
  const c = compilePolicySet(cedar, { policies: list, schemaJson: schema });
  expect(c.problems).toEqual([]);
  compiled.push(c);
  return (claims: Record<string, string>) => {
    const p: CallPrincipal = { sub: "u-1", claims };
    return listableTools(cedar, c, principalEntity("OAuthUser", p), REFUND_GATEWAY, names);
  };
}

describe("tools/list as AgentCore's meta action: a tool is listed when some call of it could be permitted", () => {
  it("lists a tool whose permit depends only on the arguments, for the principals it names", () => {
    const list = lister([`permit(principal, action == ${A(REFUND)}, resource) when { principal.hasTag("role") && principal.getTag("role") == "refund-agent" && context.input.amount < 1000 };`]);
    expect(list({ role: "refund-agent" })).toEqual([REFUND]);
    expect(list({ role: "viewer" })).toEqual([]);
  });

  it("hides a tool a forbid denies whatever the arguments, and keeps one a forbid denies only for some", () => {
    const list = lister([
      `permit(principal, action in ${A("CallTool")}, resource);`,
      `forbid(principal, action == ${A(GET)}, resource) when { principal.hasTag("frozen") };`,
      `forbid(principal, action == ${A(REFUND)}, resource) when { context.input.amount > 100 };`,
    ]);
    expect(list({})).toEqual(names);
    expect(list({ frozen: "yes" })).toEqual(names.filter((n) => n !== GET));
  });

  it("ignores LOG_ONLY policies, which never decide", () => {
    const list = lister([[`permit(principal, action == ${A(GET)}, resource);`, "LOG_ONLY"], `permit(principal, action == ${A(REFUND)}, resource) unless { principal.hasTag("blocked") };`]);
    expect(list({})).toEqual([REFUND]);
    expect(list({ blocked: "1" })).toEqual([]);
  });

  it("lists nothing under default deny", () => {
    expect(lister([])({ role: "admin" })).toEqual([]);
  });
});
