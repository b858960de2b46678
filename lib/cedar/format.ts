/**
 * Cedar's own formatter with the console's settings (line width 100, indent 2). Comments survive;
 * a text that does not parse is returned as diagnostics instead.
 */
import type { CedarApi } from "./cedar-api";
import { OffsetMapper, toDiagnostic, type Diagnostic } from "./diagnostics";

export const FORMAT_OPTIONS = { lineWidth: 100, indentWidth: 2 } as const;

export type FormatResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

export function formatPolicies(cedar: Pick<CedarApi, "formatPolicies">, text: string): FormatResult {
  if (text.trim() === "") return { ok: true, text };
  const mapper = new OffsetMapper(text);
  try {
    const answer = cedar.formatPolicies({ policyText: text, ...FORMAT_OPTIONS });
    if (answer.type === "success") return { ok: true, text: answer.formatted_policy };
    return { ok: false, diagnostics: answer.errors.map((e) => toDiagnostic(e, mapper, { severity: "error" })) };
  } catch (e) {
    const message = `Cedar could not format this text: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, diagnostics: [{ severity: "error", code: "cedar-internal", message, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }] };
  }
}
