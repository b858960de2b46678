import { bareToolName } from "@/lib/agentcore/names";

/**
 * How test cases are named when the user does not name them, in one place: Simulate, the decision
 * log and the exact analysis all save cases, and a suite of ten `refund_order as refund-agent` rows
 * cannot be told apart, so a default name carries the tool, its arguments and who calls.
 */

/** Case names are at most this long (the suites API's limit). */
export const CASE_NAME_MAX = 200;
/** The arguments' share of a default name; longer arguments are cut (the Arguments column shows them whole). */
export const NAME_ARGS_MAX = 80;

/** Cuts text to `max` characters, ending in "…" when it was longer. */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Arguments as compact JSON; `{}` when there are none. */
export function compactArguments(args: unknown): string {
  return args === undefined ? "{}" : JSON.stringify(args);
}

/** `refund_order {"amount":500} as refund-agent`: the bare tool name, its arguments (shortened) and the caller. */
export function defaultCaseName(call: { tool: string; arguments: unknown; who: string }): string {
  const args = shorten(compactArguments(call.arguments), NAME_ARGS_MAX);
  return shorten(`${bareToolName(call.tool)} ${args} as ${call.who}`, CASE_NAME_MAX);
}

/** The tool and arguments of a saved call body (an object or its JSON text); nothing for text that is not a call. */
export function callOf(request: unknown): { tool?: string; arguments?: unknown } {
  let body = request;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      return {};
    }
  }
  const params = (body as { params?: { name?: unknown; arguments?: unknown } } | null)?.params;
  if (!params || typeof params !== "object") return {};
  return { tool: typeof params.name === "string" ? params.name : undefined, arguments: params.arguments };
}

/**
 * `name`, or the first of `name (2)`, `name (3)`, … that no case in `taken` has; the number stays
 * within the length limit by shortening the name before it.
 */
export function numberedName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${shorten(name, CASE_NAME_MAX - suffix.length)}${suffix}`;
    if (!names.has(candidate)) return candidate;
  }
}

/** Each name of `names` made unique against the ones before it (an imported suite keeps every case). */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    const unique = numberedName(n, seen);
    seen.add(unique);
    return unique;
  });
}
