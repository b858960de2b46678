import type { CedarApi, PolicyJson } from "@/lib/cedar/cedar-api";
import { disposeCompiled, type CompiledPolicySet, type PolicyToCompile } from "@/lib/cedar/authorize";
import { splitPolicies } from "@/lib/cedar/policy-parts";
import { compileSessionEngine, type SessionEngine } from "@/lib/dogwood/session";
import type { SimTool } from "./types";

/**
 * A draft or published document as the engine would hold it: one policy per statement, named by its
 * `@id`, ACTIVE unless annotated `@enforcement_mode("LOG_ONLY")`.
 */
export function documentPolicies(cedar: Pick<CedarApi, "policyToJson">, text: string): Array<PolicyToCompile & { json?: PolicyJson }> {
  return splitPolicies(cedar, text).parts.map((p) => ({
    id: p.id,
    text: p.text,
    enforcementMode: p.annotations.enforcement_mode === "LOG_ONLY" ? "LOG_ONLY" : "ACTIVE",
    json: p.json,
  }));
}

const MAX_CACHED = 6;

// Which session engine a compiled set belongs to, so the paths that take a compiled set (suites, the
// matrix, impact) see the document's Dogwood policies instead of silently deciding without them.
const engines = new WeakMap<CompiledPolicySet, SessionEngine>();

/** The session engine a compiled set was made for; a set compiled elsewhere holds plain Cedar only. */
export function sessionEngineOf(compiled: CompiledPolicySet): SessionEngine {
  return engines.get(compiled) ?? { plain: compiled, dogwood: [], temporal: false, tools: new Map(), variants: new Map() };
}

/**
 * Compiles documents once and reuses them: typing in the editor and re-running a suite over the same
 * text must not re-parse Cedar for every call. Plain Cedar policies are compiled for the fast
 * evaluator; Dogwood ones are kept beside them for the session evaluator (lib/dogwood/session.ts).
 */
export class PolicySetCache {
  private entries = new Map<string, SessionEngine>();

  constructor(private readonly cedar: CedarApi) {}

  get(text: string, schemaJson: Record<string, unknown>, schemaKey: string, tools?: SimTool[]): CompiledPolicySet {
    return this.engine(text, { schemaJson, schemaKey, tools: tools ?? [] }).plain;
  }

  /** The document's session engine for a gateway (its tools type the fields temporal conditions compare). */
  engine(text: string, gateway: { schemaJson: Record<string, unknown>; schemaKey: string; tools: SimTool[] }): SessionEngine {
    const key = `${gateway.schemaKey}\u0000${text}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const engine = compileSessionEngine(this.cedar, { policies: documentPolicies(this.cedar, text), schemaJson: gateway.schemaJson, tools: gateway.tools });
    engines.set(engine.plain, engine);
    if (this.entries.size >= MAX_CACHED) {
      const [oldKey, old] = this.entries.entries().next().value!;
      this.entries.delete(oldKey);
      disposeCompiled(old.plain);
    }
    this.entries.set(key, engine);
    return engine;
  }
}
