import type { EnforcementMode, EnginePolicy } from "@/lib/agentcore/types";

/**
 * The draft is one policy document (Cedar, and Dogwood statements exactly as the engine holds them);
 * the engine stores one statement per named policy. The console maps
 * them with annotations it owns: `@id("name")` (the engine policy name), `@description("…")`, and
 * `@enforcement_mode("LOG_ONLY")` for a canary. They are stripped before a statement is sent to the
 * engine and put back when the published set is read, so nothing depends on the service keeping them.
 */
export const CONSOLE_ANNOTATIONS = ["id", "description", "enforcement_mode"] as const;

export interface DocumentPolicy {
  name: string;
  description: string;
  statement: string;
  enforcementMode: EnforcementMode;
}

type DocumentSource = Pick<EnginePolicy, "name" | "description" | "statement" | "enforcementMode"> & Partial<Pick<EnginePolicy, "statementNote">>;

/**
 * A policy whose statement the engine did not return (a generated policy whose asset is gone, an
 * unknown definition kind). The document cannot hold it as text, so it holds a comment naming it,
 * and publishing leaves it on the engine as it is (see lib/publishing/plan.ts).
 */
export function isOpaque(p: Pick<EnginePolicy, "statement">): boolean {
  return p.statement.trim() === "";
}

export function toDocument(policies: DocumentSource[]): string {
  return policies
    .map((p) => {
      if (isOpaque(p)) return `// ${quote(p.name)} is kept as the engine holds it: ${p.statementNote ?? "the engine returned no statement"}`.replace(/\s*\n\s*/g, " ");
      const lines = [`@id(${quote(p.name)})`];
      if (p.description) lines.push(`@description(${quote(p.description)})`);
      if (p.enforcementMode === "LOG_ONLY") lines.push(`@enforcement_mode("LOG_ONLY")`);
      return `${lines.join("\n")}\n${stripConsoleAnnotations(p.statement).trim()}`;
    })
    .join("\n\n")
    .concat(policies.length ? "\n" : "");
}

/** Removes the console's own annotations from the head of a statement, keeping any others. */
export function stripConsoleAnnotations(statement: string): string {
  const pattern = new RegExp(`^\\s*@(${CONSOLE_ANNOTATIONS.join("|")})\\s*\\(\\s*"(?:[^"\\\\]|\\\\.)*"\\s*\\)\\s*`);
  let s = statement;
  for (let m = s.match(pattern); m; m = s.match(pattern)) s = s.slice(m[0].length);
  // Annotations the console does not own stay in place; only leading whitespace is normalised.
  return s.trimStart();
}

function quote(s: string): string {
  return JSON.stringify(s);
}
