/**
 * What is wrong with a target's definition, said the way a user can act on it: which tool (its
 * position and name), which field, what the service does with it, and what to do instead.
 *
 * - `error`: AgentCore would refuse the target, so the console refuses it too (nothing is created).
 * - `warning`: AgentCore accepts the target; the item is reported because it is skipped, ignored or
 *   may fail when the tool is called.
 */
import { AppError, type ErrorCode } from "@/lib/errors";

export type Severity = "error" | "warning";

export interface TargetProblem {
  severity: Severity;
  /** The tool the problem is about: its 0-based position in the list and its name when it has one. */
  tool?: { index: number; name: string | null };
  /** Where: `inputSchema.properties.amount.type`, `paths["/pets"].get.parameters[0]`. */
  field?: string;
  message: string;
  /** What to do about it. */
  help?: string;
}

export const hasErrors = (problems: readonly TargetProblem[]) => problems.some((p) => p.severity === "error");

/** `Tool 2 (get_order), inputSchema.properties.status: …` — one line for logs and plain-text UIs. */
export function describeProblem(p: TargetProblem): string {
  const where = [p.tool ? `Tool ${p.tool.index + 1}${p.tool.name ? ` (${p.tool.name})` : ""}` : null, p.field ?? null].filter(Boolean).join(", ");
  return `${where ? `${where}: ` : ""}${p.message}${p.help ? ` ${p.help}` : ""}`;
}

/** The 4xx a route answers when a definition has errors; every problem (warnings too) is in `details`. */
export function problemsError(code: ErrorCode, summary: string, problems: readonly TargetProblem[]): AppError {
  const errors = problems.filter((p) => p.severity === "error");
  const first = errors.slice(0, 3).map(describeProblem).join(" ");
  const more = errors.length > 3 ? ` (${errors.length - 3} more in details.problems)` : "";
  return new AppError(code, `${summary} ${first}${more}`, { problems });
}

/** Throws `problemsError` when any problem is an error: what a route does with a checked definition. */
export function assertNoErrors(code: ErrorCode, summary: string, problems: readonly TargetProblem[]): void {
  if (hasErrors(problems)) throw problemsError(code, summary, problems);
}

/** A path segment as written in messages: `.name` for identifiers, `["odd key"]` otherwise, `[3]` for indexes. */
export function fieldPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  const seg = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
  if (seg.startsWith('"')) return `${base}[${seg}]`;
  return base ? `${base}.${seg}` : seg;
}
