import "server-only";
import { policySetTextToParts } from "@cedar-policy/cedar-wasm/nodejs";
import { AppError } from "@/lib/errors";

/** AgentCore's per-policy limit. */
export const MAX_POLICY_BYTES = 10 * 1024;

/** What the engine checks on CreatePolicy/UpdatePolicy before it stores a statement. */
export function checkEngineStatement(statement: string): void {
  if (Buffer.byteLength(statement, "utf8") > MAX_POLICY_BYTES) {
    throw new AppError("request-rejected", `The policy statement is larger than ${MAX_POLICY_BYTES / 1024} KB, the engine's limit per policy.`);
  }
  let answer: ReturnType<typeof policySetTextToParts>;
  try {
    answer = policySetTextToParts(statement);
  } catch {
    throw new AppError("request-rejected", "The policy statement could not be read as Cedar.");
  }
  if (answer.type === "failure") {
    const first = answer.errors[0];
    throw new AppError("request-rejected", `The policy statement is not valid Cedar: ${first?.message ?? "parse error"}`, {
      errors: answer.errors.map((e) => e.message),
    });
  }
  if (answer.policies.length !== 1 || answer.policy_templates.length > 0) {
    throw new AppError("request-rejected", `A policy holds exactly one Cedar statement; this one has ${answer.policies.length + answer.policy_templates.length}.`);
  }
}
