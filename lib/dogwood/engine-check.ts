/**
 * What a policy engine checks on CreatePolicy/UpdatePolicy before storing a statement, without a
 * gateway's schema (one engine can serve several gateways): a `cedar` definition must be exactly one
 * Cedar policy; a `policy` (Dogwood) definition must be exactly one rule whose Dogwood blocks pass the
 * console's grammar checks and whose stateless part is one Cedar policy. Used by the embedded engine
 * and by the fake control plane, so both refuse what the service would.
 */
import type { CedarApi } from "@/lib/cedar/cedar-api";
import { scanPolicies } from "@/lib/cedar/policy-parts";
import { statementProblems } from "./check";
import { statelessView } from "./stateless";
import { readStatement } from "./statement";

export function engineStatementErrors(cedar: Pick<CedarApi, "policySetTextToParts">, statement: string, kind: "cedar" | "policy"): string[] {
  if (kind === "policy") {
    const spans = scanPolicies(statement).spans;
    if (spans.length !== 1) return [`A policy holds exactly one statement; this one has ${spans.length}.`];
    const st = readStatement(statement, { start: spans[0].start, end: spans[0].end });
    const errors = statementProblems(st, { scoped: null }).filter((p) => p.severity === "error").map((p) => p.message);
    if (errors.length) return errors;
    return cedarErrors(cedar, statelessView(statement).text, "The stateless part of the statement");
  }
  if (readStatement(statement).dogwood) {
    return ["The statement is not valid Cedar: it holds a Dogwood block (temporal, guardrails or suppressOutput), which goes under definition.policy."];
  }
  return cedarErrors(cedar, statement, "The policy statement");
}

function cedarErrors(cedar: Pick<CedarApi, "policySetTextToParts">, text: string, what: string): string[] {
  let answer: ReturnType<CedarApi["policySetTextToParts"]>;
  try {
    answer = cedar.policySetTextToParts(text);
  } catch {
    return [`${what} could not be read as Cedar.`];
  }
  if (answer.type === "failure") return [`${what} is not valid Cedar: ${answer.errors[0]?.message ?? "parse error"}`];
  const n = answer.policies.length + answer.policy_templates.length;
  if (n !== 1) return [`A policy holds exactly one Cedar statement; this one has ${n}.`];
  return [];
}
