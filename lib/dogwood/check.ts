/**
 * Checks a policy document that may hold Dogwood statements: the stateless part of every policy is
 * validated by cedar-wasm against the gateway's schema (through lib/cedar/validate.ts, on the
 * stateless view, so positions are the author's), and the Dogwood blocks get the console's own
 * grammar checks. What is left to the service comes back as notes, never as silence.
 */
import type { Tool } from "@/lib/agentcore/types";
import type { CedarApi, SchemaJson } from "@/lib/cedar/cedar-api";
import type { Diagnostic } from "@/lib/cedar/diagnostics";
import { actionsInScope, describePolicy } from "@/lib/cedar/policy-parts";
import { validatePolicies } from "@/lib/cedar/validate";
import { checkGuardrailCall, type PolicyEffect } from "./guardrails";
import { SERVICE_CHECKED, type DogwoodProblem } from "./problem";
import { lineColumns } from "./source";
import { statelessView, type StatelessView } from "./stateless";
import type { DogwoodStatement } from "./statement";
import { checkTemporal } from "./temporal-check";

export interface DogwoodNote {
  message: string;
  line: number;
  column: number;
  policyId?: string;
}

export interface DocumentCheck {
  /** Cedar's diagnostics on the stateless parts and the console's Dogwood errors and warnings, in document order. */
  diagnostics: Diagnostic[];
  /** What is checked by the service when published, per place. */
  notes: DogwoodNote[];
  view: StatelessView;
}

export interface CheckOptions {
  schemaJson: SchemaJson<string> | Record<string, unknown>;
  /** The gateway's tools (MCP names), for action and field checks; without them those are left to the service. */
  tools?: Tool[];
}

export function checkDocument(cedar: Pick<CedarApi, "validate" | "policyToJson">, text: string, options: CheckOptions): DocumentCheck {
  const view = statelessView(text);
  const diagnostics = validatePolicies(cedar, view.text, options.schemaJson as SchemaJson<string>);
  const at = lineColumns(text);
  const notes: DogwoodNote[] = [];
  const tools = options.tools ? new Map(options.tools.map((t) => [t.name, t.inputSchema])) : undefined;
  for (const { span, statement } of view.statements) {
    const policyId = describePolicy(cedar, text.slice(span.start, span.end)).annotations.id;
    const scoped = scopeOf(cedar, view.text.slice(span.start, span.end));
    for (const p of statementProblems(statement, { tools, scoped })) {
      const start = at(p.span.start);
      const end = at(Math.max(p.span.end, p.span.start + 1));
      if (p.severity === "note") {
        notes.push({ message: p.message, line: start.line, column: start.column, ...(policyId ? { policyId } : {}) });
        continue;
      }
      diagnostics.push({
        severity: p.severity,
        code: p.code,
        message: p.message,
        ...(p.help ? { help: p.help } : {}),
        startLine: start.line,
        startColumn: start.column,
        endLine: end.line,
        endColumn: end.line === start.line && end.column <= start.column ? start.column + 1 : end.column,
        ...(policyId ? { policyId } : {}),
      });
    }
  }
  diagnostics.sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn);
  return { diagnostics, notes, view };
}

/** The tools a stateless policy's scope names (null: every tool, or the scope does not parse). */
function scopeOf(cedar: Pick<CedarApi, "policyToJson">, statelessText: string): string[] | null {
  const info = describePolicy(cedar, statelessText);
  return info.json ? actionsInScope(info.json) : null;
}

/** Every problem of one Dogwood statement, notes included. */
export function statementProblems(st: DogwoodStatement, ctx: { tools?: ReadonlyMap<string, Tool["inputSchema"]>; scoped: string[] | null }): DogwoodProblem[] {
  const out: DogwoodProblem[] = [...st.problems];
  if (st.definition) {
    out.push({
      severity: "error",
      code: "dogwood-macro",
      message: "A macro definition (`def …`) is not a policy, and AgentCore does not document macros.",
      help: "Write the condition out in each policy that uses it.",
      span: { start: st.span.start, end: Math.min(st.span.end, st.span.start + 3) },
    });
    return out;
  }
  const effect = st.effect && ["permit", "forbid", "suppressOutput"].includes(st.effect.value) ? (st.effect.value as PolicyEffect) : null;
  for (const block of st.temporal) {
    if (block.syntax) {
      // A macro is not a syntax error of the language: the service may accept it; the console cannot read it.
      out.push(block.syntax.code === "dogwood-macro" ? { ...block.syntax, severity: "warning", help: `${block.syntax.help ?? ""} Whether AgentCore accepts it is ${SERVICE_CHECKED}.`.trim() } : block.syntax);
      continue;
    }
    out.push(...block.warnings, ...checkTemporal(block.condition!, ctx));
    if (effect === "suppressOutput") {
      out.push({ severity: "note", code: "dogwood-service-checked", message: `Whether a suppressOutput policy may hold a temporal condition is ${SERVICE_CHECKED}.`, span: block.span });
    }
  }
  for (const call of st.providers) out.push(...checkGuardrailCall(call, effect));
  return out;
}
