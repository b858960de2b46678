import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import type { Evaluation } from "@/lib/cedar/authorize";
import { scanPolicies } from "@/lib/cedar/policy-parts";
import { combine } from "@/lib/dogwood/combine";
import { entity, type TemporalEvent } from "@/lib/dogwood/events";
import { actionKey, compileDogwoodPolicy, evaluateDogwoodPolicy, type CedarCheck } from "@/lib/dogwood/policy-eval";
import { EXAMPLES, NOT_PORTED, type ExampleCase } from "./dogwood-examples";

const NS = "Drupe";
const NO_PLAIN: Evaluation = { decision: "DENY", determiningPolicies: [], errors: [], logOnly: { matched: [], flips: [] } };

/** Replays an example's events through the evaluator core: each decision event is decided over the events before it and itself. */
function replay(example: ExampleCase) {
  // A macro definition is not a policy: the rule is the statement that is not a `def`.
  const rule = scanPolicies(example.policy).spans.map((s) => example.policy.slice(s.start, s.end)).find((t) => !t.trimStart().startsWith("def"))!;
  const policy = compileDogwoodPolicy(cedar, { id: example.name, text: rule, enforcementMode: "ACTIVE" });
  const history: TemporalEvent[] = [];
  const decisions: Array<{ decision: string; dependsOn: string[] }> = [];
  example.events.forEach((e, n) => {
    const principal = entity(`${NS}::OAuthUser`, e.principal);
    const resource = entity(`${NS}::Gateway`, "gw1");
    const fields: Record<string, unknown> = { input: e.input, callerPrincipal: principal, callerResource: resource, actor: principal, ...(e.output ? { output: e.output } : {}), ...e.extra };
    history.push({ actionType: `${NS}::Action`, action: e.action, kind: e.kind, fields, at: e.at, origin: { call: n, kind: e.kind } });
    if (e.kind !== example.decisionKind) return;
    const request = { principal: principal.__entity, action: { type: `${NS}::Action`, id: e.action }, resource: resource.__entity };
    const check: CedarCheck = (text) => {
      const r = cedar.isAuthorized({ ...request, context: { input: e.input } as never, policies: { staticPolicies: { dw: text } }, entities: [] });
      if (r.type !== "success") return { satisfied: false, errors: r.errors.map((x) => x.message) };
      return { satisfied: r.response.diagnostics.reason.includes("dw"), errors: r.response.diagnostics.errors.map((x) => x.error.message) };
    };
    const outcome = evaluateDogwoodPolicy(policy, { action: actionKey(request.action), point: { history: [...history], context: { input: e.input }, principal, resource } }, check);
    expect(outcome.errors).toEqual([]);
    const combined = combine(NO_PLAIN, new Map(), [{ id: policy.id, effect: policy.effect as "permit" | "forbid", enforcementMode: "ACTIVE", satisfied: outcome.satisfied, dependsOn: outcome.dependsOn }]);
    decisions.push({ decision: combined.decision, dependsOn: combined.dependsOn.flatMap((d) => d.on) });
  });
  return decisions;
}

describe("Dogwood's documentation examples, replayed by the console's evaluator", () => {
  for (const example of EXAMPLES.filter((e) => !e.unsupported)) {
    it(`${example.name}: ${example.expected.join(", ")} (${example.source.split(";")[0]})`, () => {
      expect(replay(example).map((d) => d.decision)).toEqual(example.expected);
    });
  }

  for (const example of EXAMPLES.filter((e) => e.unsupported)) {
    it(`${example.name}: decides what it can and says what the rest depends on (${example.unsupported!.reason.split(",")[0]})`, () => {
      const got = replay(example);
      expect(got.map((d) => d.decision)).toEqual(example.unsupported!.decisions);
      got.forEach((d, i) => {
        if (d.decision === "UNDECIDED") expect(d.dependsOn.join("; ")).toMatch(example.unsupported!.dependsOn);
        // Never a decision that contradicts Dogwood's: undecided, or the same.
        else expect(d.decision).toBe(example.expected[i]);
      });
    });
  }

  it("the list of examples the console does not reproduce is exactly this one (so it cannot grow silently)", () => {
    expect(EXAMPLES.filter((e) => e.unsupported).map((e) => [e.name, e.unsupported!.reason])).toEqual([
      ["sell_after_approval_valid_ticker", "Strings::Matches is a provider declared in the example's providers.json; AgentCore offers only BedrockGuardrails providers, so the console does not evaluate it"],
      ["temporal_login_then_read", "the condition is written with `def temporal` macros, which the console does not expand"],
    ]);
    expect(NOT_PORTED.map((e) => e.name)).toEqual(["temporal_once_read_recent", "call_temporal_condition_macro_once", "call_temporal_condition_macros_composed", "cedar_eligible_not_blocked"]);
  });
});
