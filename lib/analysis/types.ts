/**
 * What the analysis answers, as the JSON API and the UI panels read it. Plain data, serialisable.
 */
import type { Finding, FindingMethod, FindingType } from "@/lib/analysis/findings";

export type Relation = "equivalent" | "more-permissive" | "more-restrictive" | "incomparable" | "unknown";

export type Decision = "ALLOW" | "DENY";

/**
 * A call the solver found and cedar-wasm replayed. `principal` + `arguments` are exactly what
 * `POST …/simulate` takes (principal as is; arguments as `params.arguments` of a `tools/call`), see
 * `toSimulateCall`.
 */
export interface ExampleCall {
  principal: { type: "OAuthUser" | "IamEntity"; sub: string; claims?: Record<string, string> };
  arguments: Record<string, unknown>;
}

export interface ReplayedExample extends ExampleCall {
  /** cedar-wasm's decisions for this call, with the ACTIVE policies that decided. */
  published: { decision: Decision; determiningPolicies: string[] };
  draft: { decision: Decision; determiningPolicies: string[] };
}

export interface ToolComparison {
  tool: string;
  relation: Relation;
  /** Calls the draft allows and the published set denies (at most a few, each with different reasons). */
  newlyAllowed: ReplayedExample[];
  newlyDenied: ReplayedExample[];
  /** For `unknown`: what could not be established, naming the construct or the limit. */
  reason?: string;
  /** `identical`: the tool's ACTIVE policies are the same in both sets (no solver needed). */
  method: "identical" | "solver";
  /** Constructs outside the encoded subset that were abstracted for this tool (results stay sound). */
  abstracted?: string[];
}

/** A result that contradicted cedar-wasm: never shown as an example; a bug in the analysis. */
export interface SoundnessIssue {
  tool: string;
  question: string;
  call: ExampleCall;
  message: string;
}

export type AnalysisFindingType = Extract<FindingType, "ALLOW_ALL" | "ALLOW_NONE" | "DENY_ALL" | "DENY_NONE"> | "SHADOWED" | "REDUNDANT";

export interface AnalysisFinding {
  type: AnalysisFindingType | FindingType;
  policyId: string;
  message: string;
  /** `solver`: established for every caller and argument; otherwise the existing method used. */
  method: "solver" | FindingMethod;
  how: string;
  /** For a finding not established by the solver: why it could not be. */
  solverGap?: string;
  /** SHADOWED: the forbids that make the permit unreachable. REDUNDANT: the policies that imply it. */
  related?: string[];
}

export type { Finding };

/** One persona's reach on one tool, over every argument the tool's schema allows. */
export interface PersonaToolAccess {
  tool: string;
  access: "always" | "never" | "only-when" | "unknown";
  /**
   * For `only-when`: the allowed values of each argument the decision depends on. `exact` says the
   * conjunction of these is the whole condition; otherwise each is only necessary.
   */
  constraints?: ArgumentConstraint[];
  exact?: boolean;
  /** An allowed and a denied call, when access depends on the arguments. */
  allowedExample?: ExampleCall;
  deniedExample?: ExampleCall;
  reason?: string;
}

export type ArgumentConstraint =
  | { path: string; kind: "range"; min?: string; max?: string; text: string }
  | { path: string; kind: "values"; values: Array<string | boolean>; text: string }
  | { path: string; kind: "present" | "absent"; text: string };

export interface PersonaAccess {
  persona: string;
  principal: ExampleCall["principal"];
  tools: PersonaToolAccess[];
}

export interface AnalysisReport {
  tools: ToolComparison[];
  findings: AnalysisFinding[];
  personas: PersonaAccess[];
  /** Analysis bugs caught by the soundness guard (expected empty). */
  soundness: SoundnessIssue[];
  elapsedMs: number;
}

/** An example as the body of one `POST …/simulate` call. */
export function toSimulateCall(tool: string, call: ExampleCall, id: number | string = 1) {
  return {
    principal: { type: call.principal.type, sub: call.principal.sub, claims: call.principal.claims ?? {} },
    request: { jsonrpc: "2.0" as const, id, method: "tools/call" as const, params: { name: tool, arguments: call.arguments } },
  };
}
