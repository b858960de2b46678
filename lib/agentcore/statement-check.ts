import "server-only";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { engineStatementErrors } from "@/lib/dogwood/engine-check";
import { AppError } from "@/lib/errors";
import type { StatementKind } from "./types";

/** AgentCore's per-policy limit. */
export const MAX_POLICY_BYTES = 10 * 1024;

/** What the engine checks on CreatePolicy/UpdatePolicy before it stores a statement. */
export function checkEngineStatement(statement: string, kind: StatementKind = "cedar"): void {
  if (Buffer.byteLength(statement, "utf8") > MAX_POLICY_BYTES) {
    throw new AppError("request-rejected", `The policy statement is larger than ${MAX_POLICY_BYTES / 1024} KB, the engine's limit per policy.`);
  }
  const errors = engineStatementErrors(cedar, statement, kind);
  if (errors.length) throw new AppError("request-rejected", errors[0], { errors });
}
