/**
 * The console's checks of a parsed temporal condition against the gateway: predicates name tools of
 * this gateway and AgentCore's event kinds and fields, `eventResource: resource` is present,
 * `context.input.…` and `input.…` paths exist in the tools' input schemas, variables are bound
 * (formal specification WF-Closed, WF-Agg-*), ordering comparisons are on integers, windows stay in
 * the default 24h cap. What it does not check (range restriction and conjunct order, tp-dependence,
 * output fields, quotas) is reported as checked by the service.
 */
import type { JsonSchema } from "@/lib/agentcore/types";
import { NS, ACTION_TYPE } from "@/lib/cedar/cedar-api";
import { SERVICE_CHECKED, type DogwoodProblem } from "./problem";
import type { Span } from "./source";
import { allConds, type Binder, type Cond, type Term } from "./temporal-ast";
import { fieldAt, type FieldType } from "./tool-fields";

/** The event kinds AgentCore records for a session: the call, its result, or its failure. */
export const EVENT_KINDS = ["request", "response", "error"] as const;
/** Event fields AgentCore documents besides the tool's `input.*` and (on responses) `output.*`. */
export const EVENT_FIELDS = ["eventResource", "sessionId"] as const;
/** Dogwood's default `max_window` (AgentCore's own cap is the service's to enforce). */
export const DEFAULT_MAX_WINDOW_SECONDS = 24 * 3600;

export interface TemporalCheckContext {
  /** Tool name → input schema; absent when the gateway's tools are not known here. */
  tools?: ReadonlyMap<string, JsonSchema>;
  /** Tools the policy's scope names; null when it applies to every tool or is unknown. */
  scoped: string[] | null;
}

type Type = FieldType | "Timepoint" | "Entity";

export function checkTemporal(root: Cond, ctx: TemporalCheckContext): DogwoodProblem[] {
  const out: DogwoodProblem[] = [];
  const error = (message: string, span: Span, help?: string, code = "dogwood-temporal") => out.push({ severity: "error", message, span, help, code });
  const warn = (message: string, span: Span, help?: string, code = "dogwood-temporal") => out.push({ severity: "warning", message, span, help, code });

  for (const c of allConds(root)) {
    if (c.k === "pred") checkPredicate(c, ctx, error, warn);
    if ((c.k === "formerly" || c.k === "previous" || c.k === "since") && c.window.seconds > DEFAULT_MAX_WINDOW_SECONDS) {
      warn(`The window ${c.window.amount}${c.window.unit} is longer than Dogwood's default cap of 24h.`, c.window.span, `Whether AgentCore allows it is ${SERVICE_CHECKED}.`, "dogwood-window");
    }
  }
  for (const t of allTerms(root)) if (t.k === "context") checkContextPath(t.path, t.span, ctx, error);

  for (const v of freeVariables(root)) {
    error(`The variable \`${v.name}\` is free in this temporal condition.`, v.span, `Bind it with \`exists (${v.name}: T). …\` or an aggregation's \`for\` list, or write \`*\` for any value.`, "dogwood-free-variable");
  }
  checkTypes(root, new Map(), ctx, error);
  out.push({
    severity: "note",
    code: "dogwood-service-checked",
    message: `Range restriction and the order of conjuncts that bind variables, timepoint dependence, output field names and AgentCore's quotas are ${SERVICE_CHECKED}.`,
    span: root.span,
  });
  return out;
}

type Report = (message: string, span: Span, help?: string, code?: string) => void;

function checkPredicate(p: Extract<Cond, { k: "pred" }>, ctx: TemporalCheckContext, error: Report, warn: Report) {
  const ns = p.namespace.join("::");
  const toolKnown = !ctx.tools || ctx.tools.has(p.action);
  if (ns !== ACTION_TYPE) {
    error(`\`${ns}::"${p.action}"\` is not an AgentCore tool action.`, { start: p.span.start, end: p.actionSpan.end }, `Tool actions are written ${ACTION_TYPE}::"<Target>___<tool>".`, "dogwood-unknown-action");
  } else if (!toolKnown) {
    const tools = [...ctx.tools!.keys()];
    error(`"${p.action}" is not a tool of this gateway.`, p.actionSpan, tools.length ? `This gateway's tools: ${tools.slice(0, 6).join(", ")}${tools.length > 6 ? ", …" : ""}.` : "This gateway has no tools.", "dogwood-unknown-action");
  }
  if (!(EVENT_KINDS as readonly string[]).includes(p.kind)) {
    error(`Unknown event kind \`${p.kind}\`.`, p.kindSpan, "AgentCore records `request` (every call), `response` (a permitted call that completed) and `error` (a denied or failed call).", "dogwood-unknown-kind");
  }
  if (!p.args.some((a) => a.path.length === 1 && a.path[0] === "eventResource")) {
    error("temporal predicates do not constrain the matched event to the current request's resource", p.span, "Add `eventResource: resource` to the predicate's fields.", "dogwood-event-resource");
  }
  const schema = ns === ACTION_TYPE ? ctx.tools?.get(p.action) : undefined;
  for (const a of p.args) {
    const [root, ...rest] = a.path;
    if (root === "input" && rest.length > 0) {
      const f = schema ? fieldAt(schema, rest) : { unknown: true as const };
      if ("found" in f && !f.found) error(`\`${a.path.join(".")}\` is not an input of ${p.action}.`, a.span, undefined, "dogwood-unknown-field");
    } else if (root === "output" && rest.length > 0) {
      if (p.kind !== "response") error(`Only \`response\` events carry \`output.…\` fields; this predicate matches \`${p.kind}\` events.`, a.span, undefined, "dogwood-unknown-field");
    } else if (a.path.length === 1 && root === "eventResource") {
      if (a.value.k !== "scope" || a.value.root !== "resource" || a.value.path.length > 0) warn("`eventResource` is normally `resource` (the gateway of the current request).", a.span);
    } else if (!(a.path.length === 1 && (EVENT_FIELDS as readonly string[]).includes(root))) {
      warn(`\`${a.path.join(".")}\` is not an event field AgentCore documents (eventResource, sessionId, input.…, output.…).`, a.span, `Whether the event has it is ${SERVICE_CHECKED}.`, "dogwood-unknown-field");
    }
  }
}

function checkContextPath(path: string[], span: Span, ctx: TemporalCheckContext, error: Report) {
  if (path[0] !== "input") {
    error(`AgentCore's request context has only \`input\`; \`context.${path.join(".")}\` does not exist.`, span, undefined, "dogwood-unknown-field");
    return;
  }
  if (!ctx.tools || !ctx.scoped || path.length < 2) return;
  for (const tool of ctx.scoped) {
    const schema = ctx.tools.get(tool);
    const f = schema ? fieldAt(schema, path.slice(1)) : { unknown: true as const };
    if ("found" in f && !f.found) {
      error(`\`context.${path.join(".")}\` is not an input of ${tool}.`, span, undefined, "dogwood-unknown-field");
      return;
    }
  }
}

/** Free variable occurrences (first one of each name), honouring `exists` and aggregation binders. */
export function freeVariables(root: Cond): Array<{ name: string; span: Span }> {
  const found = new Map<string, Span>();
  const term = (t: Term, bound: ReadonlySet<string>) => {
    if (t.k === "var" && !bound.has(t.name) && !found.has(t.name)) found.set(t.name, t.span);
    if (t.k === "array") t.items.forEach((x) => term(x, bound));
    if (t.k === "count" || t.k === "sum") cond(t.body, new Set([...bound, ...t.binders.map((b) => b.name)]));
  };
  const cond = (c: Cond, bound: ReadonlySet<string>) => {
    switch (c.k) {
      case "and":
      case "since":
        cond(c.left, bound);
        cond(c.right, bound);
        return;
      case "not":
      case "formerly":
      case "previous":
        cond(c.body, bound);
        return;
      case "exists":
        cond(c.body, new Set([...bound, c.binder.name]));
        return;
      case "tp":
        if (!bound.has(c.name) && !found.has(c.name)) found.set(c.name, c.span);
        return;
      case "pred":
        c.args.forEach((a) => term(a.value, bound));
        return;
      case "cmp":
        term(c.left, bound);
        term(c.right, bound);
    }
  };
  cond(root, new Set());
  return [...found].map(([name, span]) => ({ name, span }));
}

function checkTypes(c: Cond, env: ReadonlyMap<string, Binder>, ctx: TemporalCheckContext, error: Report): void {
  const withBinders = (bs: Binder[]) => new Map([...env, ...bs.map((b) => [b.name, b] as const)]);
  const terms = (t: Term) => {
    if (t.k === "array") t.items.forEach(terms);
    if (t.k === "array" && t.items.some((x) => x.k === "count" || x.k === "sum")) {
      error("An aggregate can only be an operand of a comparison.", t.span, undefined, "dogwood-aggregate-position");
    }
    if (t.k === "count" || t.k === "sum") {
      const inner = withBinders(t.binders);
      checkTypes(t.body, inner, ctx, error);
      const used = new Set(varsIn(t.body));
      for (const b of t.binders) if (!used.has(b.name)) error(`The \`for\` variable \`${b.name}\` does not occur in the aggregation's \`where\` body.`, b.span, undefined, "dogwood-aggregate");
      if (t.k === "sum") {
        const target = t.binders.find((b) => b.name === t.target);
        if (!target) error(`\`sum ${t.target}\` sums a variable that is not one of its \`for\` binders.`, t.span, `Add \`(${t.target}: Long)\` to the \`for\` list.`, "dogwood-aggregate");
        else if (target.type.join("::") !== "Long") error(`\`sum\` needs an integer to total; \`${t.target}\` is declared ${target.type.join("::")}.`, target.span, "Declare it `Long` and model amounts as integers (e.g. cents).", "dogwood-aggregate");
      }
    }
  };
  switch (c.k) {
    case "and":
    case "since":
      checkTypes(c.left, env, ctx, error);
      checkTypes(c.right, env, ctx, error);
      return;
    case "not":
    case "formerly":
    case "previous":
      checkTypes(c.body, env, ctx, error);
      return;
    case "exists":
      checkTypes(c.body, withBinders([c.binder]), ctx, error);
      return;
    case "tp": {
      const b = env.get(c.name);
      if (b && b.type.join("::") !== "Timepoint") error(`\`tp(${c.name})\` binds a timepoint, but \`${c.name}\` is declared ${b.type.join("::")}.`, b.span, "Declare it `Timepoint`.", "dogwood-type");
      return;
    }
    case "pred":
      c.args.forEach((a) => terms(a.value));
      return;
    case "cmp": {
      terms(c.left);
      terms(c.right);
      if (c.op === "==") return;
      for (const side of [c.left, c.right]) {
        const type = typeOfTerm(side, env, ctx);
        if (type && type !== "Long") {
          error("comparison requires numeric operands on both sides", side.span, `\`${c.op}\` compares integers only (this operand is ${type}); equality works on any type.`, "dogwood-type");
          return;
        }
      }
    }
  }
}

function typeOfTerm(t: Term, env: ReadonlyMap<string, Binder>, ctx: TemporalCheckContext): Type | null {
  switch (t.k) {
    case "int":
    case "count":
    case "sum":
      return "Long";
    case "decimal":
      return "decimal";
    case "string":
      return "String";
    case "bool":
      return "Bool";
    case "entity":
      return "Entity";
    case "array":
      return "Set";
    case "var": {
      const declared = env.get(t.name)?.type.join("::");
      if (!declared) return null;
      const simple: Record<string, Type> = { Long: "Long", String: "String", Bool: "Bool", Boolean: "Bool", decimal: "decimal", Timepoint: "Timepoint" };
      return simple[declared] ?? (declared.startsWith(`${NS}::`) ? "Entity" : null);
    }
    case "context": {
      if (!ctx.tools || !ctx.scoped || t.path[0] !== "input") return null;
      const types = new Set(ctx.scoped.map((tool) => fieldAt(ctx.tools!.get(tool), t.path.slice(1))).map((f) => ("found" in f && f.found ? f.type : null)));
      return types.size === 1 ? ([...types][0] ?? null) : null;
    }
    default:
      return null;
  }
}

function varsIn(c: Cond): string[] {
  const out: string[] = [];
  const term = (t: Term) => {
    if (t.k === "var") out.push(t.name);
    if (t.k === "array") t.items.forEach(term);
    if (t.k === "count" || t.k === "sum") out.push(...varsIn(t.body));
  };
  for (const n of allConds(c)) {
    if (n.k === "tp") out.push(n.name);
    if (n.k === "pred") n.args.forEach((a) => term(a.value));
    if (n.k === "cmp") [n.left, n.right].forEach(term);
  }
  return out;
}

function allTerms(root: Cond): Term[] {
  const out: Term[] = [];
  const term = (t: Term) => {
    out.push(t);
    if (t.k === "array") t.items.forEach(term);
  };
  for (const c of allConds(root)) {
    if (c.k === "pred") c.args.forEach((a) => term(a.value));
    if (c.k === "cmp") [c.left, c.right].forEach(term);
  }
  return out;
}
