import "server-only";
import type { PolicyDefinition } from "@aws-sdk/client-bedrock-agentcore-control";
import type { DefinitionKind, PolicyGenerationRef, StatementKind } from "./types";

/**
 * The SDK's `PolicyDefinition` union, read and written. Every member is read, so a Dogwood
 * (`policy`) or generated (`policyGeneration`) policy never shows up empty, and an unknown member is
 * named rather than dropped.
 */
export function readDefinition(def: PolicyDefinition | undefined): { kind: DefinitionKind; statement: string; generation?: PolicyGenerationRef; note?: string } {
  if (def?.cedar) return { kind: "cedar", statement: def.cedar.statement ?? "" };
  if (def?.policy) return { kind: "policy", statement: def.policy.statement ?? "" };
  if (def?.policyGeneration) {
    const { policyGenerationId = "", policyGenerationAssetId = "" } = def.policyGeneration;
    return { kind: "policyGeneration", statement: "", generation: { policyGenerationId, policyGenerationAssetId } };
  }
  const unknown = def?.$unknown?.[0];
  return { kind: "unknown", statement: "", note: unknown ? `The engine holds this policy under a definition the console does not know ("${unknown}"); it is kept as it is.` : "The engine returned no definition for this policy; it is kept as it is." };
}

/** The definition a statement is sent under. */
export function writeDefinition(kind: StatementKind | undefined, statement: string): PolicyDefinition {
  return kind === "policy" ? { policy: { statement } } : { cedar: { statement } };
}

/** A generation asset's statement, whichever member it came under. */
export function assetStatement(def: PolicyDefinition | undefined): string {
  return def?.cedar?.statement ?? def?.policy?.statement ?? "";
}
