/**
 * Formats a document that may hold Dogwood statements: runs of plain Cedar policies go through
 * Cedar's formatter (lib/cedar/format.ts), and every Dogwood statement — with the comments and blank
 * lines before it — is kept byte for byte, since Cedar's formatter cannot read it and the console
 * has no formatter of its own for the superset.
 */
import type { CedarApi } from "@/lib/cedar/cedar-api";
import { formatPolicies, type FormatResult } from "@/lib/cedar/format";
import { scanPolicies } from "@/lib/cedar/policy-parts";
import { readStatement } from "./statement";

export function formatDocument(cedar: Pick<CedarApi, "formatPolicies">, text: string): FormatResult {
  const { spans, trailingStart } = scanPolicies(text);
  const dogwood = spans.map((s) => readStatement(text, { start: s.start, end: s.end }).dogwood);
  if (!dogwood.includes(true)) return formatPolicies(cedar, text);

  let out = "";
  let i = 0;
  while (i < spans.length) {
    if (dogwood[i]) {
      out += text.slice(spans[i].leadingStart, spans[i].end);
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < spans.length && !dogwood[j + 1]) j++;
    const r = formatPolicies(cedar, text.slice(spans[i].leadingStart, spans[j].end));
    if (!r.ok) return r;
    // The formatter drops the run's leading blank lines; keep the separation the author had.
    const lead = i === 0 ? "" : /^\s*/.exec(text.slice(spans[i].leadingStart, spans[i].start))![0].replace(/[^\n]/g, "") || "\n";
    out += (i === 0 ? "" : lead) + r.text.trim();
    i = j + 1;
  }
  return { ok: true, text: out + text.slice(trailingStart) };
}
