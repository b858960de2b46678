import "server-only";
import { createHash } from "node:crypto";
import type { EnginePolicy, GatewayDetail } from "@/lib/agentcore/types";
import { compileDogwoodPolicy } from "@/lib/dogwood/policy-eval";
import { hasDogwood } from "@/lib/dogwood/statement";
import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import { decideCall } from "@/lib/cedar/decide-call";
import { gatewaySchema, principalKind } from "@/lib/cedar/gateway-schema";
import { cedar, compilePolicies, disposeCompiled, listableTools, principalEntity } from "@/lib/cedar/server";
import type { CallPrincipal } from "@/lib/mcp/principal";
import type { Decision } from "@/lib/cedar/cedar-api";

/**
 * Authorizes a gateway's tool calls against its published policies. The policy set is compiled once
 * per distinct (statements, enforcement modes, gateway schema) and reused until one of them changes,
 * so a publish or a per-policy mode switch applies to the very next call while steady traffic never
 * re-parses Cedar.
 */

export interface PolicyDecision {
  decision: Decision;
  /** Engine policy names. */
  determiningPolicies: string[];
  errors: string[];
  logOnlyMatched: string[];
  flips: string[];
}

export interface CallToAuthorize {
  principal: CallPrincipal;
  tool: string;
  args: Record<string, unknown>;
}

export interface GatewayAuthorizer {
  readonly key: string;
  /** Policies that failed to compile (they take no part in decisions). */
  readonly problems: Array<{ id: string; message: string }>;
  authorize(call: CallToAuthorize): PolicyDecision;
  /** The tools `tools/list` shows this principal when the gateway enforces (see lib/cedar/listing.ts). */
  listable(principal: CallPrincipal, tools: string[]): string[];
}

const MAX_COMPILED = 32;
// Insertion-ordered map used as a small LRU.
const compiledCache = new Map<string, { compiled: CompiledPolicySet; authorizer: GatewayAuthorizer }>();

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
    return hit.authorizer;
  }

  const compiled = compilePolicies(
    policies.filter((p) => !hasDogwood(p.statement)).map((p) => ({ id: p.name, text: p.statement, enforcementMode: p.enforcementMode })),
    schema.json,
  );
  const decisionGateway = { gatewayArn: gateway.gatewayArn, schemaJson: schema.json, principalType };
  // Dogwood policies need the session evaluator (lib/dogwood/session.ts), not wired here yet: a call
  // one of them could decide is denied rather than decided as if the policy were not there.
  const dogwood = policies
    .filter((p) => p.enforcementMode === "ACTIVE" && hasDogwood(p.statement))
    .map((p) => compileDogwoodPolicy(cedar, { id: p.name, text: p.statement, enforcementMode: p.enforcementMode }));
  const authorizer: GatewayAuthorizer = {
    key,
    problems: compiled.problems,
    authorize({ principal, tool, args }) {
      const undecidable = dogwood.filter((p) => p.actions === null || p.actions.includes(tool)).map((p) => p.id);
      if (undecidable.length) {
        const error = `The engine holds Dogwood policies for ${tool} (${undecidable.join(", ")}), which the local gateway does not evaluate yet; the call is denied (fail closed).`;
        return { decision: "DENY", determiningPolicies: [], errors: [error], logOnlyMatched: [], flips: [] };
      }
      const r = decideCall(compiled, decisionGateway, { principal, tool, args });
      return { decision: r.decision, determiningPolicies: r.determiningPolicies, errors: r.errors, logOnlyMatched: r.logOnly.matched, flips: r.logOnly.flips };
    },
    listable(principal, tools) {
      return listableTools(compiled, principalEntity(principal.type ?? principalType, principal), gateway.gatewayArn, tools);
    },
  };
  if (compiledCache.size >= MAX_COMPILED) {
    const [oldestKey, oldest] = compiledCache.entries().next().value!;
    compiledCache.delete(oldestKey);
    disposeCompiled(oldest.compiled);
  }
  compiledCache.set(key, { compiled, authorizer });
  return authorizer;
}

/** How many policy sets are compiled right now (tests check that steady traffic does not recompile). */
export function compiledSetCount(): number {
  return compiledCache.size;
}
