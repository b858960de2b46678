import type { CedarApi, PolicyJson } from "@/lib/cedar/cedar-api";
import { compilePolicySet, disposeCompiled, type CompiledPolicySet, type PolicyToCompile } from "@/lib/cedar/authorize";
import { splitPolicies } from "@/lib/cedar/policy-parts";

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

/**
 * Compiles documents once and reuses them: typing in the editor and re-running a suite over the same
 * text must not re-parse Cedar for every call.
 */
export class PolicySetCache {
  private entries = new Map<string, CompiledPolicySet>();

  constructor(private readonly cedar: CedarApi) {}

  get(text: string, schemaJson: Record<string, unknown>, schemaKey: string): CompiledPolicySet {
    const key = `${schemaKey}\u0000${text}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const compiled = compilePolicySet(this.cedar, { policies: documentPolicies(this.cedar, text), schemaJson: schemaJson as never });
    if (this.entries.size >= MAX_CACHED) {
      const [oldKey, old] = this.entries.entries().next().value!;
      this.entries.delete(oldKey);
      disposeCompiled(old);
    }
    this.entries.set(key, compiled);
    return compiled;
  }
}
