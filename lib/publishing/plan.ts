/**
 * A publish plan: what the draft document changes in the engine, in which order, and whether it may
 * be sent at all. Pure — cedar-wasm is passed in — so the review screen, the API and the tests share it.
 *
 * Mapping (see lib/workspace/document.ts): each draft policy is one engine policy named by its
 * `@id("…")`; `@description` and `@enforcement_mode("LOG_ONLY")` set those fields. The console's
 * annotations are stripped from the statement that is sent. A policy without `@id` gets a stable
 * generated name (effect + tool + a hash of its statement) that the review shows and the draft keeps
 * after the publish.
 *
 * Order. Only ACTIVE policies decide, and a call is allowed when some permit matches and no forbid
 * does. So adding a forbid or removing a permit can only narrow what is allowed, and the reverse can
 * only widen it. The plan narrows first and widens last:
 *   1. restrict      — add forbids, remove permits (a mode change ACTIVE↔LOG_ONLY counts as remove/add)
 *   2. swap forbids  — forbids whose statement changes (one atomic UpdatePolicy each)
 *   3. swap permits  — permits whose statement changes, now that every new forbid is in place
 *   4. widen         — add permits
 *   5. relax         — remove forbids
 *   6. no effect     — LOG_ONLY (canary) policies and description-only changes
 * During 1 the live set allows a subset of what the old set allows; from 2 on, with every forbid of
 * the new set already live, each permit that is live belongs to the old or the new set, so a call is
 * only allowed if the old or the new set allows it. Nothing that both deny is ever let through, and a
 * failure midway leaves the engine fail-closed rather than open.
 * Definition kinds. A new statement with a Dogwood block (temporal, guardrails, suppressOutput) is
 * created under `definition.policy`, a plain one under `definition.cedar`; an updated statement keeps
 * `policy` when the engine holds it there. A policy whose text the user did not change is never sent,
 * so a `policyGeneration` or Dogwood policy stays exactly as the engine holds it; one whose statement
 * the engine did not return (see isOpaque) cannot be in the document and is kept, not removed.
 *
 * The one gap: an in-place update swaps one policy atomically but not several together. With two or
 * more changed forbids, or changed forbids and changed permits in one publish, a call can match an
 * old version of one and a new version of another for a moment; the plan warns and suggests two
 * publishes.
 */
import type { CedarApi, SchemaJson } from "@/lib/cedar/cedar-api";
import { describePolicy, splitPolicies } from "@/lib/cedar/policy-parts";
import { bareToolName, RESOURCE_NAME, RESOURCE_NAME_RULE } from "@/lib/agentcore/names";
import type { DefinitionKind, EnforcementMode, StatementKind, Tool } from "@/lib/agentcore/types";
import { checkDocument } from "@/lib/dogwood/check";
import { hasDogwood } from "@/lib/dogwood/statement";
import { isOpaque, stripConsoleAnnotations, type DocumentPolicy } from "@/lib/workspace/document";

export const MAX_POLICY_BYTES = 10 * 1024;
export const MAX_TOTAL_BYTES = 200 * 1024;

export type Effect = "permit" | "forbid";
export type PolicyChangeKind = "added" | "changed" | "removed" | "unchanged";

export const PHASES = [
  { id: 1, key: "restrict", label: "Add forbids, remove permits", why: "narrows what is allowed" },
  { id: 2, key: "swap-forbids", label: "Update changed forbids", why: "each new forbid is live before any permit widens" },
  { id: 3, key: "swap-permits", label: "Update changed permits", why: "every forbid of the new set is already live" },
  { id: 4, key: "widen", label: "Add permits", why: "widens only once every forbid is in place" },
  { id: 5, key: "relax", label: "Remove forbids", why: "widens last" },
  { id: 6, key: "no-effect", label: "LOG_ONLY policies and descriptions", why: "does not change any decision" },
] as const;
export type PhaseId = (typeof PHASES)[number]["id"];

/** The published policy as the plan needs it (an EnginePolicy fits). */
export interface PublishedPolicy {
  policyId: string;
  name: string;
  description: string;
  statement: string;
  enforcementMode: EnforcementMode;
  /** The engine's status; a `*_FAILED` policy is re-sent even when the draft matches it. */
  status?: string;
  /** The definition member the engine holds it under (default `cedar`). */
  definitionKind?: DefinitionKind;
  statementNote?: string;
}

export interface PlannedPolicy {
  name: string;
  change: PolicyChangeKind;
  /** The draft had no `@id`; `name` was generated from the statement. */
  generatedName: boolean;
  effect: Effect | null;
  before: { enforcementMode: EnforcementMode; description: string; statement: string } | null;
  after: { enforcementMode: EnforcementMode; description: string; statement: string } | null;
  statementChanged: boolean;
  descriptionChanged: boolean;
  modeChanged: boolean;
  /** The engine reports it CREATE_FAILED or UPDATE_FAILED, so the draft's version is sent again. */
  resend?: string;
  /** 1-based line of the policy in the draft (absent for removed ones). */
  line?: number;
}

export interface PlanOperation {
  op: "create" | "update" | "delete";
  name: string;
  /** Engine id for update/delete. */
  policyId?: string;
  create?: { name: string; description: string; statement: string; definitionKind: StatementKind; enforcementMode: EnforcementMode };
  update?: { statement?: string; definitionKind?: StatementKind; description?: string; enforcementMode?: EnforcementMode };
  phase: PhaseId;
  /** One line for the review: what the step does to decisions. */
  reason: string;
}

export interface PlanProblem {
  message: string;
  policy?: string;
  line?: number;
  column?: number;
  help?: string;
}

export interface PublishPlan {
  ok: boolean;
  policies: PlannedPolicy[];
  operations: PlanOperation[];
  errors: PlanProblem[];
  warnings: PlanProblem[];
  /** The engine's set after the publish, in draft order. */
  desired: DocumentPolicy[];
  totalBytes: number;
  counts: Record<PolicyChangeKind, number>;
}

type Cedar = Pick<CedarApi, "policyToJson" | "validate">;

export function planPublish(
  cedar: Cedar,
  input: { text: string; published: PublishedPolicy[]; schemaJson: SchemaJson<string> | Record<string, unknown>; tools?: Tool[] },
): PublishPlan {
  const errors: PlanProblem[] = [];
  const warnings: PlanProblem[] = [];

  // Dogwood statements are validated by their stateless part plus the console's own checks (lib/dogwood).
  const checked = checkDocument(cedar, input.text, { schemaJson: input.schemaJson, tools: input.tools });
  for (const d of checked.diagnostics) {
    const problem = { message: d.message, line: d.startLine, column: d.startColumn, help: d.help, policy: d.policyId };
    (d.severity === "error" ? errors : warnings).push(problem);
  }
  const noted = new Set<string>();
  for (const n of checked.notes) {
    const key = `${n.policyId ?? n.line}\u0000${n.message}`;
    if (noted.has(key)) continue;
    noted.add(key);
    warnings.push({ message: n.message, line: n.line, column: n.column, policy: n.policyId });
  }

  const { parts, trailing } = splitPolicies(cedar, input.text);
  if (stripComments(trailing).trim()) errors.push({ message: "Text after the last policy is not a complete policy (a policy ends with `;`).", help: "Finish or remove it." });

  const desired: Array<DocumentPolicy & { generatedName: boolean; line: number; effect: Effect | null }> = [];
  const seen = new Map<string, number>();
  for (const part of parts) {
    const statement = stripConsoleAnnotations(part.text).trim();
    const explicit = part.annotations.id;
    const generatedName = explicit === undefined;
    const name = explicit ?? generatedPolicyName(part.effect, part.actions, statement);
    const at = { policy: name, line: part.startLine };
    if (!generatedName && !RESOURCE_NAME.test(name)) {
      errors.push({ ...at, message: `@id("${name}") is not a valid engine policy name.`, help: `Engine policy names ${RESOURCE_NAME_RULE}.` });
    }
    const firstLine = seen.get(name);
    if (firstLine !== undefined) errors.push({ ...at, message: `Two policies are named "${name}" (lines ${firstLine} and ${part.startLine}).`, help: "Give each policy its own @id." });
    seen.set(name, part.startLine);
    const mode = part.annotations.enforcement_mode;
    if (mode !== undefined && mode !== "LOG_ONLY" && mode !== "ACTIVE") {
      errors.push({ ...at, message: `@enforcement_mode("${mode}") is not a policy enforcement mode.`, help: 'Use @enforcement_mode("LOG_ONLY") for a canary, or leave it out for ACTIVE.' });
    }
    const bytes = utf8Length(statement);
    if (bytes > MAX_POLICY_BYTES) errors.push({ ...at, message: `Policy "${name}" is ${kb(bytes)} KB; the engine accepts at most 10 KB per policy.`, help: "Split it into several policies." });
    desired.push({
      name,
      description: part.annotations.description ?? "",
      statement,
      enforcementMode: mode === "LOG_ONLY" ? "LOG_ONLY" : "ACTIVE",
      generatedName,
      line: part.startLine,
      effect: part.effect,
    });
  }
  const totalBytes = desired.reduce((n, p) => n + utf8Length(p.statement), 0);
  if (totalBytes > MAX_TOTAL_BYTES) errors.push({ message: `The policies total ${kb(totalBytes)} KB; the engine accepts at most 200 KB per policy engine.` });
  if (desired.length === 0 && input.published.length > 0) {
    warnings.push({ message: "The engine will hold no policies: every call is denied (default deny)." });
  }
  for (const p of desired.filter((d) => d.generatedName)) {
    warnings.push({ policy: p.name, line: p.line, message: `The policy at line ${p.line} has no @id; it will be published as "${p.name}" and the draft will keep that @id.` });
  }

  const published = new Map(input.published.map((p) => [p.name, p]));
  const policies: PlannedPolicy[] = [];
  const operations: PlanOperation[] = [];

  for (const d of desired) {
    const old = published.get(d.name);
    const after = { enforcementMode: d.enforcementMode, description: d.description, statement: d.statement };
    if (!old) {
      policies.push({ name: d.name, change: "added", generatedName: d.generatedName, effect: d.effect, before: null, after, statementChanged: true, descriptionChanged: !!d.description, modeChanged: false, line: d.line });
      operations.push(createOperation(d));
      continue;
    }
    const oldStatement = stripConsoleAnnotations(old.statement).trim();
    const before = { enforcementMode: old.enforcementMode, description: old.description, statement: oldStatement };
    const statementChanged = oldStatement !== d.statement;
    const descriptionChanged = old.description !== d.description;
    const modeChanged = old.enforcementMode !== d.enforcementMode;
    const failed = old.status?.endsWith("_FAILED") ? old.status : undefined;
    // Only a statement the console holds verbatim under its own kind can be re-sent unchanged.
    const resendable = failed && !statementChanged && (old.definitionKind ?? "cedar") !== "policyGeneration" && old.definitionKind !== "unknown";
    if (failed && !statementChanged && !resendable) {
      warnings.push({ policy: d.name, line: d.line, message: `The engine reports "${d.name}" ${failed}; it is held under definition.${old.definitionKind}, so the console does not re-send it unchanged.`, help: "Edit its statement to publish it again under definition.policy or definition.cedar." });
    }
    const resend = failed && (statementChanged || resendable) ? failed : undefined;
    const changed = statementChanged || descriptionChanged || modeChanged || !!resend;
    policies.push({ name: d.name, change: changed ? "changed" : "unchanged", generatedName: d.generatedName, effect: d.effect, before, after, statementChanged, descriptionChanged, modeChanged, resend, line: d.line });
    if (!changed) continue;
    if (resend === "CREATE_FAILED") {
      // The service refuses to update a policy it never created: remove the failed copy, create it anew.
      operations.push({ op: "delete", name: d.name, policyId: old.policyId, phase: 1, reason: "removes the copy the engine reports CREATE_FAILED (it decides nothing)" });
      operations.push(createOperation(d, old.definitionKind));
      continue;
    }
    const update: PlanOperation["update"] = {};
    if (statementChanged || resend) {
      update.statement = d.statement;
      update.definitionKind = statementKind(d.statement, old.definitionKind);
    }
    if (descriptionChanged) update.description = d.description;
    if (modeChanged) update.enforcementMode = d.enforcementMode;
    operations.push({
      op: "update",
      name: d.name,
      policyId: old.policyId,
      update,
      ...ordering({ effect: effectOf(cedar, oldStatement), mode: old.enforcementMode }, { effect: d.effect, mode: d.enforcementMode }, statementChanged || !!resend),
      ...(resend ? { reason: `re-sends a policy the engine reports ${resend}` } : {}),
    });
  }
  for (const old of input.published) {
    if (desired.some((d) => d.name === old.name)) continue;
    if (isOpaque(old)) {
      // The document cannot hold what the engine did not return; absence from it is not a removal.
      policies.push({ name: old.name, change: "unchanged", generatedName: false, effect: null, before: null, after: null, statementChanged: false, descriptionChanged: false, modeChanged: false });
      warnings.push({ policy: old.name, message: `"${old.name}" is kept as the engine holds it (definition.${old.definitionKind ?? "cedar"}): ${old.statementNote ?? "the engine returned no statement"}` });
      continue;
    }
    const statement = stripConsoleAnnotations(old.statement).trim();
    const effect = effectOf(cedar, statement);
    policies.push({
      name: old.name,
      change: "removed",
      generatedName: false,
      effect,
      before: { enforcementMode: old.enforcementMode, description: old.description, statement },
      after: null,
      statementChanged: true,
      descriptionChanged: false,
      modeChanged: false,
    });
    operations.push({ op: "delete", name: old.name, policyId: old.policyId, ...ordering({ effect, mode: old.enforcementMode }, null, false) });
  }

  operations.sort((a, b) => a.phase - b.phase || opRank(a) - opRank(b) || a.name.localeCompare(b.name));

  const swappedForbids = operations.filter((o) => o.phase === 2).length;
  const swappedPermits = operations.filter((o) => o.phase === 3).length;
  if (swappedForbids >= 2 || (swappedForbids >= 1 && swappedPermits >= 1)) {
    warnings.push({
      message: `${swappedForbids} forbid${swappedForbids === 1 ? "" : "s"} and ${swappedPermits} permit${swappedPermits === 1 ? "" : "s"} change in place; each update is atomic but they are not atomic together, so for a moment a call could meet an old version of one and a new version of another.`,
      help: "For a strictly fail-closed rollout, publish the forbid changes first and the permit changes in a second publish.",
    });
  }

  const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const p of policies) counts[p.change]++;
  return {
    ok: errors.length === 0,
    policies,
    operations,
    errors,
    warnings,
    desired: desired.map(({ name, description, statement, enforcementMode }) => ({ name, description, statement, enforcementMode })),
    totalBytes,
    counts,
  };
}

/**
 * The definition member a statement is sent under: `policy` when it holds a Dogwood block or the
 * engine already holds the policy under `policy`; otherwise `cedar`.
 */
export function statementKind(statement: string, current?: DefinitionKind): StatementKind {
  return current === "policy" || hasDogwood(statement) ? "policy" : "cedar";
}

function createOperation(d: DocumentPolicy & { effect: Effect | null }, current?: DefinitionKind): PlanOperation {
  return {
    op: "create",
    name: d.name,
    create: { name: d.name, description: d.description, statement: d.statement, definitionKind: statementKind(d.statement, current), enforcementMode: d.enforcementMode },
    ...ordering(null, { effect: d.effect, mode: d.enforcementMode }, false),
  };
}

type Side = { effect: Effect | null; mode: EnforcementMode } | null;

/** Which phase an operation belongs to, from what it does to the ACTIVE set (see the file comment). */
export function ordering(before: Side, after: Side, statementChanged: boolean): { phase: PhaseId; reason: string } {
  // Unknown effects (a statement that does not parse) are treated as permits: removed early, added late.
  const was = before && before.mode === "ACTIVE" ? (before.effect ?? "permit") : null;
  const will = after && after.mode === "ACTIVE" ? (after.effect ?? "permit") : null;
  if (was === will) {
    if (was === "forbid" && statementChanged) return { phase: 2, reason: "changes a forbid in place" };
    if (was === "permit" && statementChanged) return { phase: 3, reason: "changes a permit in place" };
    return { phase: 6, reason: was === null ? "LOG_ONLY or absent before and after: no decision changes" : "description only: no decision changes" };
  }
  if (will === "forbid" || was === "permit") {
    // Adding a forbid or taking a permit away (including permit → forbid) only narrows.
    return { phase: 1, reason: will === "forbid" ? (was === "permit" ? "turns a permit into a forbid: narrows" : "adds a forbid: narrows") : "removes a permit: narrows" };
  }
  if (will === "permit") return { phase: 4, reason: was === "forbid" ? "turns a forbid into a permit: widens" : "adds a permit: widens" };
  return { phase: 5, reason: "removes a forbid: widens" };
}

function opRank(o: PlanOperation): number {
  return o.op === "delete" ? 0 : o.op === "update" ? 1 : 2;
}

function effectOf(cedar: Pick<CedarApi, "policyToJson">, statement: string): Effect | null {
  return describePolicy(cedar, statement).effect;
}

/**
 * A name for a policy without `@id`: stable for the same statement, readable, and valid for the engine
 * (`permit_process_refund_1a2b3c`).
 */
export function generatedPolicyName(effect: Effect | null, actions: string[] | null, statement: string): string {
  const tool = actions?.length === 1 ? bareToolName(actions[0]) : actions && actions.length > 1 ? "tools" : "all_tools";
  const slug = tool.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "").toLowerCase().slice(0, 30) || "tool";
  return `${effect ?? "policy"}_${slug}_${fnv1a(statement.replace(/\s+/g, " ").trim())}`;
}

/** Writes the plan's generated names into the draft as `@id(…)` so later publishes keep mapping to them. */
export function withGeneratedIds(cedar: Pick<CedarApi, "policyToJson">, text: string): string {
  const { parts } = splitPolicies(cedar, text);
  let out = "";
  let at = 0;
  for (const part of parts) {
    if (part.annotations.id !== undefined) continue;
    const name = generatedPolicyName(part.effect, part.actions, stripConsoleAnnotations(part.text).trim());
    out += text.slice(at, part.start) + `@id(${JSON.stringify(name)})\n`;
    at = part.start;
  }
  return out + text.slice(at);
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0").slice(0, 6);
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

function stripComments(s: string): string {
  return s.replace(/\/\/[^\n]*/g, "");
}
