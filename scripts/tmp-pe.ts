import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
const pol = (t: string, id: string) => ({ [id]: t });
const policies = { staticPolicies: { ...pol('permit(principal, action == AgentCore::Action::"T___a", resource) when { principal.hasTag("role") && principal.getTag("role") == "agent" && context.input.amount < 1000 };', "p1"), ...pol('forbid(principal, action, resource) when { principal.hasTag("frozen") };', "f1") } };
const ask = (tags: Record<string, string>, action: string) => {
  const r = cedar.isAuthorizedPartial({
    principal: { type: "AgentCore::OAuthUser", id: "u" }, action: { type: "AgentCore::Action", id: action }, resource: { type: "AgentCore::Gateway", id: "g" },
    context: { input: { __extn: { fn: "unknown", arg: "input" } } } as never,
    policies, entities: [{ uid: { type: "AgentCore::OAuthUser", id: "u" }, attrs: {}, parents: [], tags }],
  });
  return r.type === "residuals" ? { d: r.response.decision, may: r.response.mayBeDetermining, must: r.response.mustBeDetermining } : r;
};
console.log(JSON.stringify(ask({ role: "agent" }, "T___a")));
console.log(JSON.stringify(ask({ role: "x" }, "T___a")));
console.log(JSON.stringify(ask({ role: "agent", frozen: "y" }, "T___a")));
console.log(JSON.stringify(ask({ role: "agent" }, "T___b")));
