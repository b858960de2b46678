/**
 * The CI gate behind `policy-test --forbid-more-permissive`: a change passes only when, for every
 * tool, no call is newly allowed, and the analysis could establish that.
 */
import type { AnalysisReport, ExampleCall } from "./types";

export function wideningReport(report: AnalysisReport, baseline: string): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let failing = 0;
  for (const t of report.tools) {
    if (t.newlyAllowed.length > 0) {
      failing++;
      lines.push(`WIDENS  ${t.tool}: ${t.relation} than ${baseline}`);
      for (const ex of t.newlyAllowed) lines.push(`        now allowed (was denied): ${describeCall(ex)}${ex.draft.determiningPolicies.length ? ` — by ${ex.draft.determiningPolicies.join(", ")}` : ""}`);
    } else if (t.relation === "unknown") {
      failing++;
      lines.push(`UNKNOWN ${t.tool}: could not rule out newly allowed calls: ${t.reason ?? "no reason given"}`);
    }
  }
  for (const s of report.soundness) {
    failing++;
    lines.push(`BUG     ${s.tool}: the analysis contradicted cedar-wasm (${s.message}); please report it`);
  }
  lines.push(
    failing === 0
      ? `access check: no tool allows a call that ${baseline} denies (${report.tools.length} tools, every caller and argument)`
      : `access check FAILED (--forbid-more-permissive): ${failing} tool${failing === 1 ? "" : "s"} may allow calls that ${baseline} denies`,
  );
  return { ok: failing === 0, lines };
}

export function describeCall(call: ExampleCall): string {
  const claims = call.principal.claims && Object.keys(call.principal.claims).length ? ` with claims ${JSON.stringify(call.principal.claims)}` : "";
  return `${call.principal.type} "${call.principal.sub}"${claims}, arguments ${JSON.stringify(call.arguments)}`;
}
