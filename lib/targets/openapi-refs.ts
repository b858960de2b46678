/**
 * Local `$ref` resolution for OpenAPI documents. Tool schemas must be self-contained (AgentCore
 * refuses reference keywords in tool schemas), so every reference is expanded in place. A
 * recursive schema is cut where it would repeat, and expansion has a node budget so a document
 * whose references fan out (each schema using the next twice, …) is refused instead of exploding.
 * Pure.
 */
import { isRecord } from "./json-text";

export type RefIssue =
  | { kind: "cycle"; ref: string }
  | { kind: "external"; ref: string }
  | { kind: "missing"; ref: string };

export class ExpansionTooLarge extends Error {}

export interface RefResolver {
  /** A copy of `value` with every local `$ref` expanded; `issues` receives what could not be. Each node copied spends one of `budget.left`. */
  expand(value: unknown, issues: RefIssue[], budget: { left: number }): unknown;
  /** The object a `$ref` points at (one level, for parameters, request bodies and path items). */
  follow(value: unknown, issues: RefIssue[]): unknown;
}

export function createRefResolver(doc: Record<string, unknown>): RefResolver {
  function lookup(ref: string): unknown {
    let node: unknown = doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (Array.isArray(node)) node = node[Number(key)];
      else if (isRecord(node) && Object.hasOwn(node, key)) node = node[key];
      else return undefined;
    }
    return node;
  }

  function follow(value: unknown, issues: RefIssue[]): unknown {
    const seen = new Set<string>();
    let node = value;
    while (isRecord(node) && typeof node.$ref === "string") {
      const ref = node.$ref;
      if (!ref.startsWith("#/") && ref !== "#") {
        issues.push({ kind: "external", ref });
        return undefined;
      }
      if (seen.has(ref)) {
        issues.push({ kind: "cycle", ref });
        return undefined;
      }
      seen.add(ref);
      const target = ref === "#" ? doc : lookup(ref);
      if (target === undefined) {
        issues.push({ kind: "missing", ref });
        return undefined;
      }
      node = target;
    }
    return node;
  }

  function expand(value: unknown, issues: RefIssue[], budget: { left: number }): unknown {
    const walk = (node: unknown, stack: readonly string[]): unknown => {
      if (--budget.left < 0) throw new ExpansionTooLarge();
      if (Array.isArray(node)) return node.map((n) => walk(n, stack));
      if (!isRecord(node)) return node;
      if (typeof node.$ref === "string") {
        const ref = node.$ref;
        const { $ref: _ref, ...siblings } = node;
        const rest = walk(siblings, stack) as Record<string, unknown>;
        if (!ref.startsWith("#/")) {
          issues.push({ kind: "external", ref });
          return { ...rest, description: rest.description ?? `Unresolved reference ${ref}` };
        }
        if (stack.includes(ref)) {
          issues.push({ kind: "cycle", ref });
          const target = lookup(ref);
          const type = isRecord(target) && typeof target.type === "string" ? { type: target.type } : {};
          return { ...type, ...rest, description: rest.description ?? `Recursive reference to ${ref}; expanded once.` };
        }
        const target = lookup(ref);
        if (target === undefined) {
          issues.push({ kind: "missing", ref });
          return rest;
        }
        const resolved = walk(target, [...stack, ref]);
        // OpenAPI 3.1 lets a reference carry siblings such as description; they refine the target.
        return isRecord(resolved) ? { ...resolved, ...rest } : resolved;
      }
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = walk(v, stack);
      return out;
    };
    return walk(value, []);
  }

  return { expand, follow };
}

export function describeRefIssue(issue: RefIssue): string {
  switch (issue.kind) {
    case "cycle":
      return `${issue.ref} refers to itself; the recursion is cut after one level, as tool schemas cannot hold references.`;
    case "external":
      return `${issue.ref} points outside the document; AgentCore reads one self-contained document.`;
    case "missing":
      return `${issue.ref} points at nothing in the document.`;
  }
}
