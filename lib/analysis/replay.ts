/**
 * The soundness guard: every call the solver proposes is checked against the tool's input schema
 * (as the gateway checks it) and evaluated by cedar-wasm, the same `buildRequest` + `evaluate` the
 * simulator uses, before anything is concluded from it.
 *
 * Every policy of both sets is compiled once as LOG_ONLY, so one evaluation reports which of them
 * are satisfied; the decisions of each set follow from that (ACTIVE ones only, forbid wins).
 */
import type { PolicyJson } from "@/lib/cedar/cedar-api";
import { compilePolicySet, disposeCompiled, evaluate, type CompiledPolicySet, type EnforcementMode } from "@/lib/cedar/authorize";
import type { CedarApi } from "@/lib/cedar/cedar-api";
import { actionsInScope } from "@/lib/cedar/policy-parts";
import { buildRequest } from "@/lib/cedar/request-from-call";
import { checkArguments, describeIssues } from "@/lib/mcp/arguments";
import type { Decision, ExampleCall } from "./types";

export type PolicySetName = "published" | "draft";

export interface AnalysedPolicy {
  /** Unique across both sets (`published:<id>`, `draft:<id>`). */
  key: string;
  id: string;
  set: PolicySetName;
  effect: "permit" | "forbid";
  mode: EnforcementMode;
  text: string;
  json: PolicyJson;
}

export interface GatewayFacts {
  gatewayArn: string;
  principalKind: "OAuthUser" | "IamEntity";
  schemaJson: Record<string, unknown>;
  tools: Array<{ name: string; inputSchema: Record<string, unknown> }>;
}

export type Replayed = { ok: true; satisfied: Set<string> } | { ok: false; reason: string };

type Engine = Pick<CedarApi, "policyToJson" | "preparseSchema" | "preparsePolicySet" | "statefulIsAuthorized">;

/** Policies whose scope can match the tool (the others are not satisfied by any of its calls). */
export function relevantTo(policies: AnalysedPolicy[], tool: string): AnalysedPolicy[] {
  return policies.filter((p) => {
    const actions = actionsInScope(p.json);
    return actions === null || actions.includes(tool);
  });
}

export class Replayer {
  /** Compiled per tool on first use: most tools of a typical change never need a replay. */
  private readonly compiled = new Map<string, CompiledPolicySet>();

  constructor(
    private readonly cedar: Engine,
    private readonly policies: AnalysedPolicy[],
    private readonly gateway: GatewayFacts,
  ) {}

  private compiledFor(tool: string): CompiledPolicySet {
    let c = this.compiled.get(tool);
    if (!c) {
      const policies = relevantTo(this.policies, tool).map((p) => ({ id: p.key, text: p.text, enforcementMode: "LOG_ONLY" as const }));
      c = compilePolicySet(this.cedar, { policies, schemaJson: this.gateway.schemaJson });
      this.compiled.set(tool, c);
    }
    return c;
  }

  replay(tool: string, call: ExampleCall): Replayed {
    const def = this.gateway.tools.find((t) => t.name === tool);
    if (!def) return { ok: false, reason: `${tool} is not a tool of this gateway` };
    const issues = checkArguments(def.inputSchema, call.arguments);
    if (issues.length) return { ok: false, reason: describeIssues(tool, issues) };
    const built = buildRequest({ principal: call.principal, toolName: tool, args: call.arguments, gatewayArn: this.gateway.gatewayArn, schemaJson: this.gateway.schemaJson });
    if (!built.ok) return { ok: false, reason: built.error };
    const r = evaluate(this.compiledFor(tool), built.request, { validate: false });
    return { ok: true, satisfied: new Set(r.logOnly.matched) };
  }

  decision(set: PolicySetName, satisfied: ReadonlySet<string>): { decision: Decision; determiningPolicies: string[] } {
    const active = this.policies.filter((p) => p.set === set && p.mode === "ACTIVE" && satisfied.has(p.key));
    const forbids = active.filter((p) => p.effect === "forbid");
    const permits = active.filter((p) => p.effect === "permit");
    if (forbids.length) return { decision: "DENY", determiningPolicies: forbids.map((p) => p.id) };
    return permits.length ? { decision: "ALLOW", determiningPolicies: permits.map((p) => p.id) } : { decision: "DENY", determiningPolicies: [] };
  }

  dispose() {
    for (const c of this.compiled.values()) disposeCompiled(c);
    this.compiled.clear();
  }
}
