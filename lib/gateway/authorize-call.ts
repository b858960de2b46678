import "server-only";
import { createHash } from "node:crypto";
import type { EnginePolicy, GatewayDetail } from "@/lib/agentcore/types";
import { buildRequest, cedar, compilePolicies, DEFAULT_SCHEMA_OPTIONS, disposeCompiled, evaluate, generateSchema, listableTools, principalEntity } from "@/lib/cedar/server";
import { compileDogwoodPolicy } from "@/lib/dogwood/policy-eval";
import { hasDogwood } from "@/lib/dogwood/statement";
import type { CompiledPolicySet } from "@/lib/cedar/authorize";
import type { SchemaOptions } from "@/lib/cedar/schema-from-tools";

/**
 * Authorizes a gateway's tool calls against its published policies. The policy set is compiled once
 * per distinct (statements, enforcement modes, tool schema) and reused until one of them changes, so
 * a publish or a per-policy mode switch applies to the very next call while steady traffic never
 * re-parses Cedar.
 */

export interface PolicyDecision {
  decision: "ALLOW" | "DENY";
  /** Engine policy names. */
  determiningPolicies: string[];
  errors: string[];
  logOnlyMatched: string[];
  flips: string[];
}

export interface CallToAuthorize {
  principal: { type?: "OAuthUser" | "IamEntity"; sub: string; claims: Record<string, unknown> };
  tool: string;
  args: Record<string, unknown>;
}

export interface GatewayAuthorizer {
  readonly key: string;
  /** Policies that failed to compile (they take no part in decisions). */
  readonly problems: Array<{ id: string; message: string }>;
  authorize(call: CallToAuthorize): PolicyDecision;
  /** The tools `tools/list` shows this principal when the gateway enforces (see lib/cedar/listing.ts). */
  listable(principal: CallToAuthorize["principal"], tools: string[]): string[];
}

const MAX_COMPILED = 32;
const MAX_SCHEMAS = 32;
// Insertion-ordered maps used as small LRUs.
const compiledCache = new Map<string, { compiled: CompiledPolicySet; authorizer: GatewayAuthorizer }>();
const schemaCache = new Map<string, ReturnType<typeof generateSchema>>();

function sha(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

function touch<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.delete(key);
  map.set(key, value);
  return value;
}

function schemaFor(gateway: GatewayDetail, options: SchemaOptions) {
  const tools = gateway.targets.flatMap((t) => t.tools);
  const key = sha(JSON.stringify([options, tools]));
  const hit = schemaCache.get(key);
  if (hit) return { key, schema: touch(schemaCache, key, hit) };
  const schema = generateSchema(tools, options);
  if (schemaCache.size >= MAX_SCHEMAS) schemaCache.delete(schemaCache.keys().next().value!);
  return { key, schema: touch(schemaCache, key, schema) };
}

/** The authorizer for a gateway's current published policies (compiled on first use of this exact set). */
export function authorizerFor(gateway: GatewayDetail, policies: EnginePolicy[]): GatewayAuthorizer {
  const options: SchemaOptions = { ...DEFAULT_SCHEMA_OPTIONS, principal: gateway.authorizer.type === "AWS_IAM" ? "IamEntity" : "OAuthUser" };
  const { key: schemaKey, schema } = schemaFor(gateway, options);
  const key = sha(JSON.stringify([gateway.gatewayArn, schemaKey, policies.map((p) => [p.name, p.statement, p.enforcementMode])]));
  const hit = compiledCache.get(key);
  if (hit) return touch(compiledCache, key, hit).authorizer;

  const compiled = compilePolicies(
    policies.filter((p) => !hasDogwood(p.statement)).map((p) => ({ id: p.name, text: p.statement, enforcementMode: p.enforcementMode })),
    schema.json,
  );
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
      const built = buildRequest({ principal, toolName: tool, args, gatewayArn: gateway.gatewayArn, schemaJson: schema.json });
      if (!built.ok) {
        return { decision: "DENY", determiningPolicies: [], errors: [built.error], logOnlyMatched: [], flips: [] };
      }
      // buildRequest typed the context from this schema, so the request needs no second validation.
      const r = evaluate(compiled, built.request, { validate: false });
      return {
        decision: r.decision,
        determiningPolicies: r.determiningPolicies,
        errors: r.errors,
        logOnlyMatched: r.logOnly.matched,
        flips: r.logOnly.flips,
      };
    },
    listable(principal, tools) {
      return listableTools(compiled, principalEntity(principal.type ?? options.principal, principal), gateway.gatewayArn, tools);
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
