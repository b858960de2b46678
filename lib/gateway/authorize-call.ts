import "server-only";
import { createHash } from "node:crypto";
import type { EnginePolicy, GatewayDetail } from "@/lib/agentcore/types";
import { compileSessionEngine, PolicySession, type SessionDecision, type SessionEngine } from "@/lib/dogwood/session";
import { decideCall } from "@/lib/cedar/decide-call";
import { gatewaySchema, principalKind } from "@/lib/cedar/gateway-schema";
import { buildRequest, cedar, disposeCompiled, listableTools, principalEntity } from "@/lib/cedar/server";
import type { CallPrincipal } from "@/lib/mcp/principal";
import type { Decision } from "@/lib/cedar/cedar-api";
import type { TemporalEvidence } from "@/lib/store/schema";

/**
 * Authorizes a gateway's tool calls against its published policies. The policy set is compiled once
 * per distinct (statements, enforcement modes, gateway schema) and reused until one of them changes,
 * so a publish or a per-policy mode switch applies to the very next call while steady traffic never
 * re-parses Cedar. Plain Cedar goes through the compiled evaluator; with Dogwood policies in force a
 * call is decided in its policy session (lib/dogwood/session.ts), and one the console cannot decide
 * is denied with the reason (fail closed).
 */

export interface PolicyDecision {
  decision: Decision;
  /** Engine policy names. */
  determiningPolicies: string[];
  errors: string[];
  logOnlyMatched: string[];
  flips: string[];
  /** Temporal conditions that held, with the earlier session events that made them true. */
  temporal?: TemporalEvidence[];
  /** The call's position in its policy session, when it was decided in one. */
  sessionCall?: number;
  /** Records what the call left in its session once the tool has run (or was refused). */
  complete?(result: { outcome: "completed" | "failed"; output?: Record<string, unknown> }): void;
}

export interface CallToAuthorize {
  principal: CallPrincipal;
  tool: string;
  args: Record<string, unknown>;
}

export interface GatewayAuthorizer {
  readonly key: string;
  readonly engine: SessionEngine;
  /** The engine holds a temporal policy: every call needs a policy session id. */
  readonly temporal: boolean;
  /** Identifies the temporal policies in force: a change to them invalidates open sessions. */
  readonly temporalKey: string;
  /** Policies that failed to compile (they take no part in decisions). */
  readonly problems: Array<{ id: string; message: string }>;
  /** Decides a call; in `session` when the engine holds temporal policies (a call of its own otherwise). */
  authorize(call: CallToAuthorize, session?: PolicySession): PolicyDecision;
  /** The tools `tools/list` shows this principal when the gateway enforces (see lib/cedar/listing.ts). */
  listable(principal: CallPrincipal, tools: string[]): string[];
}

const MAX_COMPILED = 32;
// Insertion-ordered map used as a small LRU.
const compiledCache = new Map<string, GatewayAuthorizer>();

function sha(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** The authorizer for a gateway's current published policies (compiled on first use of this exact set). */
export function authorizerFor(gateway: GatewayDetail, policies: EnginePolicy[]): GatewayAuthorizer {
  const schema = gatewaySchema(gateway);
  const principalType = principalKind(gateway);
  const key = sha(JSON.stringify([gateway.gatewayArn, schema.text, policies.map((p) => [p.name, p.statement, p.enforcementMode])]));
  const hit = compiledCache.get(key);
  if (hit) {
    compiledCache.delete(key);
    compiledCache.set(key, hit);
    return hit;
  }

  const tools = gateway.targets.flatMap((t) => t.tools);
  const engine = compileSessionEngine(cedar, { policies: policies.map((p) => ({ id: p.name, text: p.statement, enforcementMode: p.enforcementMode })), schemaJson: schema.json, tools });
  const compiled = engine.plain;
  const decisionGateway = { gatewayArn: gateway.gatewayArn, schemaJson: schema.json, principalType };
  const authorizer: GatewayAuthorizer = {
    key,
    engine,
    temporal: engine.temporal,
    temporalKey: sha(JSON.stringify(engine.dogwood.filter((p) => p.temporal).map((p) => [p.id, p.text]).sort())),
    problems: compiled.problems,
    authorize({ principal, tool, args }, session) {
      if (engine.dogwood.length === 0) {
        const r = decideCall(compiled, decisionGateway, { principal, tool, args });
        return { decision: r.decision, determiningPolicies: r.determiningPolicies, errors: r.errors, logOnlyMatched: r.logOnly.matched, flips: r.logOnly.flips };
      }
      const built = buildRequest({ principal: principal.type ? principal : { ...principal, type: principalType }, toolName: tool, args, gatewayArn: gateway.gatewayArn, schemaJson: schema.json });
      if (!built.ok) return { decision: "DENY", determiningPolicies: [], errors: [`The call cannot be expressed as a Cedar request: ${built.error}`], logOnlyMatched: [], flips: [] };
      // Without temporal policies no history matters: each call is a session of its own.
      const s = session ?? new PolicySession(engine, "no-session");
      const d = s.decide({ request: built.request, args });
      return fromSession(s, d);
    },
    listable(principal, tools) {
      return listableTools(compiled, principalEntity(principal.type ?? principalType, principal), gateway.gatewayArn, tools);
    },
  };
  if (compiledCache.size >= MAX_COMPILED) {
    const [oldestKey, oldest] = compiledCache.entries().next().value!;
    compiledCache.delete(oldestKey);
    disposeCompiled(oldest.engine.plain);
  }
  compiledCache.set(key, authorizer);
  return authorizer;
}

/**
 * A session decision as the gateway acts on it. UNDECIDED is denied with what it depends on (fail
 * closed) and recorded in the session as the denial it was; guardrails have no scores here, so they
 * are read as no detection, and the decision says so.
 */
function fromSession(session: PolicySession, d: SessionDecision): PolicyDecision {
  const errors = [...d.errors];
  let acted: SessionDecision = d;
  if (d.decision === "UNDECIDED") {
    const on = [...new Set(d.dependsOn.flatMap((x) => x.on))];
    errors.push(`The decision depends on ${on.join("; ")}, which the local gateway cannot evaluate; the call is denied (fail closed).`);
    acted = { ...d, decision: "DENY", determiningPolicies: [] };
  }
  const guarded = d.policies.filter((p) => p.guardrails.some((g) => g.source === "default: no detection")).map((p) => p.id);
  if (guarded.length) errors.push(`Guardrails read as no detection (the local gateway does not call Bedrock Guardrails): ${guarded.join(", ")}.`);
  const temporal = d.policies.flatMap((p) => p.temporal.filter((t) => t.value === true).map((t) => ({ policy: p.id, condition: t.condition, madeTrueBy: t.madeTrueBy })));
  return {
    decision: acted.decision as Decision,
    determiningPolicies: acted.determiningPolicies,
    errors,
    logOnlyMatched: d.logOnly.matched,
    flips: d.logOnly.flips,
    temporal,
    sessionCall: d.call,
    complete: (result) => session.complete(acted, result),
  };
}

/** How many policy sets are compiled right now (tests check that steady traffic does not recompile). */
export function compiledSetCount(): number {
  return compiledCache.size;
}
