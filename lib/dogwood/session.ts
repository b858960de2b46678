/**
 * A policy session as AgentCore keeps it, decided call by call with the gateway's policies: plain
 * Cedar through lib/cedar/authorize.ts's compiled evaluator, Dogwood policies through
 * policy-eval.ts, combined by combine.ts.
 *
 * What a call records (AgentCore developer guide, "Temporal policy examples"): a `request` event
 * before it is decided — denied calls included, so `::request` counts see them — then a `response`
 * event only if a policy permitted it and it completed, otherwise an `error` event (a denied call or
 * a failed tool run). An undecided call records "response or error"; later conditions that this
 * difference could change are undecided too. Predicates see only the session's own events, and the
 * current request is the last event of the history (formal specification §6.1, observe then decide).
 *
 * Two phases, so the local gateway can decide before forwarding and record after the tool answers:
 * `decide(call)` then `complete(decision, result)`. `evaluateSession` runs both for a simulation.
 */
import { compilePolicySet, evaluate, type CompiledPolicySet } from "@/lib/cedar/authorize";
import { GATEWAY_TYPE, type CedarApi, type SchemaJson } from "@/lib/cedar/cedar-api";
import type { CedarRequest } from "@/lib/cedar/request-from-call";
import type { EnforcementMode, Tool } from "@/lib/agentcore/types";
import { combine, type CombinedDecision } from "./combine";
import { isAlternatives, type HistorySlot, type TemporalEvent } from "./events";
import { actionKey, compileDogwoodPolicy, evaluateDogwoodPolicy, type CedarCheck, type DogwoodPolicy, type GuardrailScore, type PolicyOutcome } from "./policy-eval";
import { hasDogwood } from "./statement";
import { fieldAt } from "./tool-fields";
import { nextPreparsedId } from "@/lib/cedar/preparsed-ids";

type Engine = Pick<CedarApi, "policyToJson" | "preparseSchema" | "preparsePolicySet" | "statefulIsAuthorized">;

export interface SessionPolicy {
  id: string;
  text: string;
  enforcementMode: EnforcementMode;
}

export interface SessionEngine {
  readonly plain: CompiledPolicySet;
  readonly dogwood: readonly DogwoodPolicy[];
  /** The engine holds a temporal policy: every request needs a policy session id. */
  readonly temporal: boolean;
  readonly tools: ReadonlyMap<string, Tool["inputSchema"]>;
  /** Cedar texts of Dogwood policies with their leaves substituted, preparsed once each. */
  readonly variants: Map<string, string>;
}

/** A call of the session. */
export interface SessionCall {
  /** Built by lib/cedar/request-from-call from the principal, tool and arguments. */
  request: CedarRequest;
  /** The tool's arguments as sent (temporal conditions read them as `input.…`). */
  args: Record<string, unknown>;
  /** Seconds (any fixed clock) or an ISO-8601 time; default: the previous call's time (no time passes). */
  at?: number | string;
  /** What the tool run did, for simulation; default `completed`. */
  outcome?: "completed" | "failed";
  /** The tool's result fields (`output.…` of the response event); absent: not known. */
  output?: Record<string, unknown>;
  /** Guardrail scores for this call; default: no detection. */
  guardrails?: GuardrailScore[];
}

export interface EventRef {
  /** 0-based index of the call in the session. */
  call: number;
  kind: string;
  tool: string;
}

export interface SessionPolicyResult {
  id: string;
  effect: DogwoodPolicy["effect"];
  enforcementMode: EnforcementMode;
  satisfied: PolicyOutcome["satisfied"];
  dependsOn: string[];
  temporal: Array<{ condition: string; value: boolean | "unknown"; madeTrueBy: EventRef[]; reasons: string[] }>;
  guardrails: PolicyOutcome["guardrails"];
}

export interface SessionDecision extends CombinedDecision {
  call: number;
  tool: string;
  at: number;
  errors: string[];
  /** The Dogwood policies that could apply to this call, and what each contributed. */
  policies: SessionPolicyResult[];
  /** Filled by `complete`: the events the call left in the session. */
  recorded: Array<"request" | "response" | "error" | "response or error">;
  /** Filled by `complete` for an allowed call that ran: ACTIVE suppressOutput policies that hold, or may hold. */
  outputSuppressedBy?: { policies: string[]; undecided: string[] };
}

const VARIANT_CACHE = 256;

export function compileSessionEngine(
  cedar: Engine,
  input: { policies: SessionPolicy[]; schemaJson: SchemaJson<string> | Record<string, unknown>; tools?: Array<Pick<Tool, "name" | "inputSchema">> },
): SessionEngine {
  const plain = input.policies.filter((p) => !hasDogwood(p.text));
  const dogwood = input.policies.filter((p) => hasDogwood(p.text)).map((p) => compileDogwoodPolicy(cedar, p));
  const compiled = compilePolicySet(cedar, { policies: plain, schemaJson: input.schemaJson });
  return {
    plain: compiled,
    dogwood,
    temporal: dogwood.some((p) => p.temporal),
    tools: new Map((input.tools ?? []).map((t) => [t.name, t.inputSchema])),
    variants: new Map(),
  };
}

export class PolicySession {
  private readonly history: HistorySlot[] = [];
  private readonly calls: Array<{ tool: string; args: Record<string, unknown>; at: number; request: CedarRequest; position: number } | { skipped: true; at: number }> = [];

  constructor(
    private current: SessionEngine,
    readonly sessionId: string,
  ) {}

  get engine(): SessionEngine {
    return this.current;
  }

  /** How many calls the session has seen (decided or skipped). */
  get length(): number {
    return this.calls.length;
  }

  /**
   * Goes on with the same history under a newly compiled engine (a plain policy changed): the
   * events happened whatever the policies are now. A change of a temporal policy instead
   * invalidates the session (AgentCore answers 409), which is the caller's to enforce.
   */
  rebind(engine: SessionEngine): void {
    this.current = engine;
  }

  /**
   * A call the gateway refused before any policy ran (a malformed body, arguments outside the schema):
   * it keeps its place in the numbering the decisions report and records no event.
   */
  skip(at?: number | string): number {
    const time = timeOf(at, this.calls.at(-1)?.at ?? 0);
    this.calls.push({ skipped: true, at: time });
    return time;
  }

  decide(call: SessionCall): SessionDecision {
    const index = this.calls.length;
    const at = timeOf(call.at, this.calls.at(-1)?.at ?? 0);
    const tool = call.request.action.id;
    this.calls.push({ tool, args: call.args, at, request: call.request, position: this.history.length });
    this.history.push(this.event(index, "request", undefined));

    // The request was typed from the same schema by buildRequest, as on the gateway's own path.
    const plain = evaluate(this.engine.plain, call.request, { validate: false });
    const effects = new Map([...this.engine.plain.policies.values()].map((p) => [p.id, p.effect]));
    const outcomes = this.engine.dogwood
      .filter((p) => p.effect === "permit" || p.effect === "forbid")
      .map((p) => ({ policy: p, outcome: this.evaluatePolicy(p, index, call.guardrails, "input") }));
    const combined = combine(
      plain,
      effects,
      outcomes.map(({ policy, outcome }) => ({ id: policy.id, effect: policy.effect as "permit" | "forbid", enforcementMode: policy.enforcementMode, satisfied: outcome.satisfied, dependsOn: outcome.dependsOn })),
    );
    return {
      call: index,
      tool,
      at,
      ...combined,
      errors: [...plain.errors, ...outcomes.flatMap((o) => o.outcome.errors)],
      policies: outcomes.filter(({ policy }) => applies(policy, tool)).map(({ policy, outcome }) => this.describe(policy, outcome)),
      recorded: ["request"],
    };
  }

  /** Records what the call left: a response (permitted and completed), an error, or either when undecided. */
  complete(decision: SessionDecision, result: { outcome?: "completed" | "failed"; output?: Record<string, unknown>; guardrails?: GuardrailScore[] } = {}): void {
    const outcome = result.outcome ?? "completed";
    const response = this.event(decision.call, "response", result.output);
    const error = this.event(decision.call, "error", undefined);
    if (outcome === "failed" || decision.decision === "DENY") {
      this.history.push(error);
      decision.recorded.push("error");
    } else if (decision.decision === "ALLOW") {
      this.history.push(response);
      decision.recorded.push("response");
      decision.outputSuppressedBy = this.suppression(decision.call, result.guardrails);
    } else {
      this.history.push({ alternatives: [response, error] });
      decision.recorded.push("response or error");
    }
  }

  private suppression(index: number, scores: GuardrailScore[] | undefined) {
    const out = { policies: [] as string[], undecided: [] as string[] };
    for (const p of this.engine.dogwood) {
      if (p.effect !== "suppressOutput" || p.enforcementMode !== "ACTIVE") continue;
      const r = this.evaluatePolicy(p, index, scores, "output");
      if (r.satisfied === true) out.policies.push(p.id);
      else if (r.satisfied === "depends") out.undecided.push(p.id);
    }
    return out;
  }

  private evaluatePolicy(policy: DogwoodPolicy, index: number, scores: GuardrailScore[] | undefined, direction: "input" | "output"): PolicyOutcome {
    const { request, args, position } = this.decided(index);
    const principalEntity = request.entities.find((e) => {
      const uid = "__entity" in e.uid ? e.uid.__entity : e.uid;
      return uid.type === request.principal.type && uid.id === request.principal.id;
    });
    return evaluateDogwoodPolicy(
      policy,
      {
        action: actionKey(request.action),
        scores: (scores ?? []).filter((s) => (s.on ?? "input") === direction),
        point: {
          // The decision point is the call's own request event: only what happened before it, and it.
          history: this.history.slice(0, position + 1),
          context: { input: args },
          principal: { __entity: request.principal },
          resource: { __entity: request.resource },
          principalAttrs: (principalEntity?.attrs ?? undefined) as Record<string, unknown> | undefined,
          uncertainField: (event, path) => this.uncertain(event.action, path, `\`${path.join(".")}\` of ${event.action}`),
          uncertainContext: (path) => (path[0] === "input" ? this.uncertain(request.action.id, path, `\`context.${path.join(".")}\``) : null),
        },
      },
      this.check(request),
    );
  }

  /** Enum and decimal fields are typed by the service's schema; how it compares them is not the console's to say. */
  private uncertain(tool: string, path: string[], what: string): string | null {
    if (path[0] !== "input") return null;
    const f = fieldAt(this.engine.tools.get(tool), path.slice(1));
    if ("found" in f && f.found && (f.type === "Enum" || f.type === "decimal")) return `how the service compares ${what} (a${f.type === "Enum" ? "n enum" : " decimal"} field)`;
    return null;
  }

  private decided(index: number) {
    const c = this.calls[index];
    if ("skipped" in c) throw new Error(`Call #${index + 1} of the session was refused before any policy ran; it has no events.`);
    return c;
  }

  private event(call: number, kind: "request" | "response" | "error", output: Record<string, unknown> | undefined): TemporalEvent {
    const c = this.decided(call);
    const fields: Record<string, unknown> = { input: c.args, eventResource: { __entity: { type: GATEWAY_TYPE, id: c.request.resource.id } }, sessionId: this.sessionId };
    if (kind === "response" && output !== undefined) fields.output = output;
    return { actionType: c.request.action.type, action: c.tool, kind, fields, at: c.at, origin: { call, kind } };
  }

  private check(request: CedarRequest): CedarCheck {
    const compiled = this.engine.plain;
    return (text) => {
      let setId: string;
      try {
        setId = variantSet(this.engine, text);
      } catch (e) {
        return { satisfied: false, errors: [e instanceof Error ? e.message : String(e)] };
      }
      let answer: ReturnType<CedarApi["statefulIsAuthorized"]>;
      try {
        answer = compiled.cedar.statefulIsAuthorized({ ...request, preparsedSchemaName: compiled.schemaName, validateRequest: true, preparsedPolicySetId: setId });
      } catch (e) {
        return { satisfied: false, errors: [`Cedar could not evaluate the request: ${e instanceof Error ? e.message : String(e)}`] };
      }
      if (answer.type !== "success") return { satisfied: false, errors: answer.errors.map((e) => e.message) };
      return { satisfied: answer.response.diagnostics.reason.includes("dw"), errors: answer.response.diagnostics.errors.map((e) => e.error.message) };
    };
  }

  private describe(policy: DogwoodPolicy, outcome: PolicyOutcome): SessionPolicyResult {
    return {
      id: policy.id,
      effect: policy.effect,
      enforcementMode: policy.enforcementMode,
      satisfied: outcome.satisfied,
      dependsOn: outcome.dependsOn,
      temporal: outcome.temporal.map((t) => ({
        condition: policy.text.slice(t.span.start, t.span.end),
        value: t.value,
        madeTrueBy: t.value === true ? t.witnesses.map((w) => this.ref(w)) : [],
        reasons: t.reasons,
      })),
      guardrails: outcome.guardrails,
    };
  }

  private ref(position: number): EventRef {
    const slot = this.history[position];
    const e = isAlternatives(slot) ? slot.alternatives[0] : slot;
    return { call: e.origin.call, kind: isAlternatives(slot) ? "response or error" : e.kind, tool: e.action };
  }
}

/** Decides every call of a session in order, recording each one's events before the next. */
export function evaluateSession(engine: SessionEngine, calls: SessionCall[], options: { sessionId?: string } = {}): SessionDecision[] {
  const session = new PolicySession(engine, options.sessionId ?? "simulated-session");
  return calls.map((call) => {
    const d = session.decide(call);
    session.complete(d, { outcome: call.outcome, output: call.output, guardrails: call.guardrails });
    return d;
  });
}

function applies(policy: DogwoodPolicy, tool: string): boolean {
  return policy.actions === null || policy.actions.includes(tool);
}

function timeOf(at: number | string | undefined, previous: number): number {
  if (at === undefined) return previous;
  if (typeof at === "number") return at;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`"${at}" is not a time: give seconds or an ISO-8601 timestamp.`);
  return ms / 1000;
}

/** The preparsed one-policy set for a substituted statement, kept in a small LRU on the compiled set. */
function variantSet(engine: SessionEngine, text: string): string {
  const hit = engine.variants.get(text);
  if (hit) {
    engine.variants.delete(text);
    engine.variants.set(text, hit);
    return hit;
  }
  let id: string;
  if (engine.variants.size >= VARIANT_CACHE) {
    const [oldText, oldId] = engine.variants.entries().next().value!;
    engine.variants.delete(oldText);
    id = oldId;
  } else {
    id = nextPreparsedId("dw");
    // disposeCompiled frees every id listed here, so the variants live and die with the compiled set.
    engine.plain.setIds.push(id);
  }
  const answer = engine.plain.cedar.preparsePolicySet(id, { staticPolicies: { dw: text } });
  if (answer.type !== "success") throw new Error(`A Dogwood policy's Cedar form does not parse: ${answer.errors[0]?.message ?? "parse error"}`);
  engine.variants.set(text, id);
  return id;
}

/** What the service documents for a request without a policy session id when the engine holds a temporal policy. */
export const SESSION_HEADER = "x-amzn-bedrock-agentcore-policy-session-id";
export const MISSING_SESSION = {
  status: 400,
  type: "ValidationException",
  message: `The policy engine holds a temporal policy, so every request needs a policy session id in the ${SESSION_HEADER} header.`,
} as const;
