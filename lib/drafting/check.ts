import type { CedarApi } from "@/lib/cedar/cedar-api";
import { analyzePolicies, type Finding, type FindingsCedar } from "@/lib/analysis/findings";
import { splitPolicies } from "@/lib/cedar/policy-parts";
import { checkDocument } from "@/lib/dogwood/check";
import { accessWarnings } from "./access-warnings";
import { nameDraftedPolicies } from "./policy-names";
import { instructionLikeText } from "./untrusted";
import type { DraftedPolicy, DraftInput, DraftResult, DrafterKind } from "./types";

/** The drafted policies as one document, in the order they were drafted. */
export function joinDraft(policies: DraftedPolicy[]): string {
  return policies.map((p) => p.statement.trim()).join("\n\n") + (policies.length ? "\n" : "");
}

/**
 * Validator messages for a draft, or none: what the repair loop sends back to the model. A Dogwood
 * statement (temporal, guardrails) is checked as the editor checks it — its stateless part by Cedar,
 * its blocks by the console's grammar checks — not refused as invalid Cedar.
 */
export function draftErrors(cedar: CedarApi, policies: DraftedPolicy[], schemaJson: Record<string, unknown>, tools?: DraftInput["tools"]): string[] {
  return checkDocument(cedar, joinDraft(policies), { schemaJson, tools })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `line ${d.startLine}, column ${d.startColumn}: ${d.message}${d.help ? ` (help: ${d.help})` : ""}`);
}

/**
 * Every draft goes through here before anyone sees it: named (valid, unique `@id`s that say what the
 * policy does, `@description` from the explanation), validated against the gateway's schema, and
 * analysed for risky-but-valid shapes. Nothing is hidden: invalid drafts keep their text and errors.
 */
export function checkDraft(
  cedar: CedarApi & FindingsCedar,
  drafter: DrafterKind,
  input: Pick<DraftInput, "gatewayArn" | "tools" | "schema" | "request" | "takenNames">,
  drafted: { policies: DraftedPolicy[]; assumptions: string[]; questions: string[]; repairRounds?: number; notice?: string; serviceFindings?: Finding[] },
): DraftResult {
  const draft = { ...drafted, policies: nameDraftedPolicies(drafted.policies, input.takenNames) };
  const text = joinDraft(draft.policies);
  const { diagnostics, notes } = checkDocument(cedar, text, { schemaJson: input.schema.json, tools: input.tools });
  const invalid = diagnostics.some((d) => d.severity === "error") || draft.policies.length === 0;
  const parts = invalid ? [] : splitPolicies(cedar, text).parts.map((p) => ({ id: p.id, text: p.text }));
  const findings = invalid ? [] : analyzePolicies(cedar, { policies: parts, schemaJson: input.schema.json, gatewayArn: input.gatewayArn, tools: input.tools });
  const warnings = drafter === "offline" ? [] : instructionLikeText(input.tools);
  if (warnings.length && findings.some((f) => f.type === "ALLOW_ALL")) {
    warnings.push("The draft permits every tool to everyone while a tool's metadata contains instruction-like text: it may have followed that text instead of your request.");
  }
  return {
    drafter,
    status: invalid ? "invalid" : draft.repairRounds ? "repaired" : "valid",
    policies: draft.policies,
    assumptions: draft.assumptions,
    questions: draft.questions,
    diagnostics,
    ...(notes.length ? { notes } : {}),
    findings: [...(draft.serviceFindings ?? []), ...findings],
    accessWarnings: accessWarnings(cedar, { request: input.request, tools: input.tools, schemaJson: input.schema.json }, parts, [...(draft.serviceFindings ?? []), ...findings]),
    warnings,
    ...(draft.repairRounds ? { repairRounds: draft.repairRounds } : {}),
    ...(draft.notice ? { notice: draft.notice } : {}),
  };
}
