/**
 * What the console accepts in JSON it is sent, beyond its shape: text PostgreSQL can store (no NUL
 * characters, no lone UTF-16 surrogates) and nesting a recursive serializer survives. One iterative
 * walk, so a hostile body cannot overflow the stack while being checked. Pure; imports nothing.
 */

export const MAX_JSON_DEPTH = 64;

export interface JsonProblem {
  /** Where, as `body.calls[0].request.params.name` (the prefix is the caller's). */
  path: string;
  message: string;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text cannot be accepted, or null. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character (\\u0000), which cannot be stored";
  if (LONE_SURROGATE.test(s)) return "contains a lone UTF-16 surrogate, which is not valid Unicode text";
  return null;
}

/** The first problem in a parsed JSON value, or null. */
export function jsonProblem(value: unknown, root = "body", maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: root, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const p = textProblem(v);
      if (p) return { path, message: `${path} ${p}` };
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth >= maxDepth) return { path, message: `${path} is nested more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    for (const [k, child] of Object.entries(v)) {
      const p = textProblem(k);
      if (p) return { path, message: `a key of ${path} ${p}` };
      stack.push({ v: child, path: `${path}.${k}`, depth: depth + 1 });
    }
  }
  return null;
}
