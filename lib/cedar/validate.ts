/**
 * Parse + strict validation of a policy-set text against a generated schema, as editor diagnostics.
 */
import type { CedarApi, DetailedError, SchemaJson } from "./cedar-api";
import { OffsetMapper, sortDiagnostics, toDiagnostic, type Diagnostic } from "./diagnostics";
import { scanPolicies } from "./policy-parts";

export function validatePolicies(cedar: Pick<CedarApi, "validate">, text: string, schemaJson: SchemaJson<string> | string): Diagnostic[] {
  const mapper = new OffsetMapper(text);
  let answer: ReturnType<CedarApi["validate"]>;
  try {
    answer = cedar.validate({ schema: schemaJson, policies: { staticPolicies: text }, validationSettings: { mode: "strict" } });
  } catch (e) {
    // cedar-wasm throws (rather than answering "failure") when the call itself is malformed.
    return [failure(`Cedar could not check this text: ${e instanceof Error ? e.message : String(e)}`, "cedar-internal")];
  }

  if (answer.type === "failure") {
    const out: Diagnostic[] = [];
    for (const e of answer.errors) {
      if (/parse schema/i.test(e.message)) {
        out.push(failure(`The Cedar schema for this gateway is invalid: ${e.message}`, "schema-invalid"));
        continue;
      }
      out.push(toDiagnostic(e, mapper, { severity: "error" }));
      // Cedar reports further parse errors as `related`; each has its own location.
      for (const r of e.related ?? []) if (r.sourceLocations?.length) out.push(toDiagnostic(r, mapper, { severity: "error" }));
    }
    return sortDiagnostics(dedupe(out));
  }

  const ids = policyIds(text);
  const convert = (severity: Diagnostic["severity"]) => (v: { policyId: string; error: DetailedError }) =>
    toDiagnostic({ ...v.error, message: stripPolicyPrefix(v.error.message) }, mapper, { severity, policyId: ids.get(v.policyId) ?? v.policyId });
  return sortDiagnostics([
    ...answer.validationErrors.map(convert("error")),
    ...answer.validationWarnings.map(convert("warning")),
    ...answer.otherWarnings.map((w) => toDiagnostic(w, mapper, { severity: "warning" })),
  ]);
}

/** cedar's `policy<N>` → the policy's `@id` when it has one, so messages name what the author wrote. */
function policyIds(text: string): Map<string, string> {
  const map = new Map<string, string>();
  scanPolicies(text).spans.forEach((s, n) => {
    const id = /^\s*(?:@\w+\s*\([^)]*\)\s*)*?@id\s*\(\s*"((?:[^"\\]|\\.)*)"/.exec(text.slice(s.start, s.end))?.[1];
    if (id) map.set(`policy${n}`, id);
  });
  return map;
}

function stripPolicyPrefix(message: string): string {
  return message.replace(/^for policy `[^`]*`, /, "");
}

function failure(message: string, code: string): Diagnostic {
  return { severity: "error", code, message, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.startLine}:${d.startColumn}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
