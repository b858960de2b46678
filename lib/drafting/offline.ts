import { inputTypeOf, type CedarType } from "@/lib/cedar/cedar-types";
import { readClause, segment, type Reading } from "./offline-clause";
import type { Limit } from "./offline-conditions";
import { shortName } from "./offline-tools";
import { policyName } from "./policy-names";
import type { DraftedPolicy, DraftInput, DraftTool } from "./types";

export interface OfflineDraft {
  policies: DraftedPolicy[];
  assumptions: string[];
  questions: string[];
}

type Input = Pick<DraftInput, "request" | "gatewayArn" | "tools" | "schema">;

/** One policy to write: the tools, who, and the conditions it holds under. */
interface Intent {
  effect: "permit" | "forbid";
  tools: string[];
  roles: string[];
  except: string[];
  limits: Limit[];
  negatedLimits: Limit[];
  values: Reading["values"];
  paths: Reading["conditions"]["paths"];
  strings: Reading["conditions"]["strings"];
  clause: string;
  chosenBy: string;
}

/**
 * The drafter that needs no model. The request is read clause by clause (offline-clause.ts): who,
 * allow or forbid, which tools, under which conditions. It never writes a permit broader than the
 * request: a clause with a word it did not read, or a condition Cedar cannot say here (a time, a
 * rate, ownership), becomes a question, and so does every permit that clause would have narrowed.
 */
export function draftOffline(input: Input): OfflineDraft {
  const assumptions: string[] = [];
  const questions: string[] = [];
  const intents: Intent[] = [];
  /** Clauses that restrict (forbid, except, refine) but could not be read: the permits they touch are withheld. */
  const unreadRestrictions: Array<{ clause: string; tools: string[] | null }> = [];

  const { clauses, corrections, context } = segment(input.request, input.tools, input.schema.json);
  for (const c of corrections) assumptions.push(`Read “${c.from}” as “${c.to}”.`);
  let previousNumber: number | null = null;
  for (const piece of clauses) {
    const previous = intents.at(-1);
    const r = readClause(piece, context, previousNumber, previous ? { tools: previous.tools, clause: previous.clause, effect: previous.effect } : null);
    previousNumber = r.lastNumber ?? previousNumber;
    if (r.catchAll) {
      assumptions.push(`“${r.text}”: every call no permit allows is denied already (default deny), so I wrote no forbid for it; a forbid on all tools would also override the permits.`);
      continue;
    }
    const problem = clauseProblem(r);
    if (problem) {
      questions.push(problem);
      if (r.effect !== "permit" || r.refines) unreadRestrictions.push({ clause: r.text, tools: r.tools.length ? r.tools : r.refines && previous ? previous.tools : null });
      continue;
    }
    // "…, and only under $1000", "…, but only for the X role": a refinement of the clause before.
    if (r.refines && previous) {
      const ownRoles = r.subject.roles.length > 0 && previous.roles.length > 0 && r.subject.roles.join() !== previous.roles.join();
      // "…, but never above $750" (a forbid after a permit) and "…, and for refund-agent up to 100" (other people) are policies of their own.
      if ((r.effect === "forbid" && previous.effect === "permit") || ownRoles) {
        for (const g of r.subject.guessed) assumptions.push(`Took “${g.from}” to mean principals whose role tag is "${g.role}"; change the value if your identity provider uses another.`);
        intents.push(intentOf(r, { effect: r.effect ?? previous.effect, tools: previous.tools, roles: r.subject.roles.length ? r.subject.roles : previous.roles }));
        continue;
      }
      previous.limits.push(...r.conditions.limits);
      previous.negatedLimits.push(...r.conditions.negatedLimits);
      previous.values.push(...r.values);
      previous.paths.push(...r.conditions.paths);
      previous.strings.push(...r.conditions.strings);
      if (r.subject.roles.length && previous.roles.length === 0) previous.roles = r.subject.roles;
      for (const g of r.subject.guessed) assumptions.push(`Took “${g.from}” to mean principals whose role tag is "${g.role}"; change the value if your identity provider uses another.`);
      previous.except.push(...r.subject.except);
      previous.clause += `, ${r.text}`;
      continue;
    }
    const tools = r.tools.length ? r.tools : (previous?.tools ?? []);
    const roles = r.subject.roles.length || r.subject.everyone || r.subject.nobody ? r.subject.roles : r.continues && previous ? previous.roles : [];
    for (const g of r.subject.guessed) assumptions.push(`Took “${g.from}” to mean principals whose role tag is "${g.role}"; change the value if your identity provider uses another.`);
    if (r.assumption) assumptions.push(r.assumption);
    const intent = intentOf(r, { tools, roles, effect: r.effect ?? "permit" });
    const same = intents.find((i) => key(i) === key(intent));
    if (same) same.clause += `; ${r.text}`;
    else intents.push(intent);
  }

  const used = new Set<string>();
  const written = intents.map((intent) => ({ intent, written: writeIntent(intent, input, used) }));
  // A forbid that cannot be written leaves the permits it narrows too broad: they are withheld with it.
  for (const { intent, written: w } of written) if ("question" in w && intent.effect === "forbid") unreadRestrictions.push({ clause: intent.clause, tools: intent.tools });
  const policies: DraftedPolicy[] = [];
  for (const { intent, written: w } of written) {
    if ("question" in w) {
      questions.push(w.question);
      continue;
    }
    const withheld = intent.effect === "permit" ? unreadRestrictions.find((u) => u.tools === null || u.tools.some((t) => intent.tools.includes(t))) : undefined;
    if (withheld) {
      questions.push(`I did not write the permit for “${intent.clause}”: “${withheld.clause}” restricts it and I could not read that part, so the permit alone would allow more than you asked.`);
      continue;
    }
    assumptions.push(...w.assumptions);
    policies.push(...w.policies);
  }
  if (policies.length && policies.every((p) => /^@id\("[^"]*"\)\nforbid/.test(p.statement))) {
    assumptions.push("Only forbids were asked for: with no permit every call is denied anyway (default deny); add what may be allowed, or insert these after policies that permit.");
  }
  if (policies.length === 0 && questions.length === 0) questions.push("I could not find a policy in this request. Say which tools may or may not be called, by whom, and under which limits.");
  return { policies, assumptions, questions };
}

function intentOf(r: Reading, over: Partial<Intent> & { tools: string[]; roles: string[] }): Intent {
  return {
    effect: over.effect ?? r.effect ?? "permit",
    tools: over.tools,
    roles: over.roles,
    except: [...r.subject.except],
    limits: [...r.conditions.limits],
    negatedLimits: [...r.conditions.negatedLimits],
    values: [...r.values],
    paths: [...r.conditions.paths],
    strings: [...r.conditions.strings],
    clause: r.text,
    chosenBy: r.chosenBy,
  };
}

function key(i: Intent): string {
  return JSON.stringify([i.effect, i.tools, i.roles, i.except, i.limits, i.negatedLimits, i.values, i.paths, i.strings]);
}

/** Why a clause cannot become a policy as read, as a question for the user; null when it can. */
function clauseProblem(r: Reading): string | null {
  const u = r.conditions.unexpressible[0];
  if (u) return `“${r.text}” depends on ${u.what} (“${u.words}”), which a Cedar policy on this gateway cannot check: a tool call carries only its arguments and the caller's claims. Say it with those (e.g. a limit on an argument, a role), or leave it out.`;
  if (r.leftovers.length) return `I did not understand “${r.leftovers.join(" ")}” in “${r.text}”, and a policy without it could allow more than you asked. Rephrase it as a role, a tool, or a limit on an argument (e.g. “only the admin role may cancel orders”, “refunds under 1000”).`;
  if (r.effect === null && !r.refines) return `I did not understand whether “${r.text}” allows or forbids something. Say “may”, “allow”, “must not”, “deny”…`;
  if (r.tools.length === 0 && !r.refines && !r.inheritsTools) return `I did not understand which tools “${r.text}” is about. Name a tool or a kind of action (view, create, update, delete).`;
  if (r.toolsQuestion) return r.toolsQuestion;
  return null;
}

// ---- writing Cedar -------------------------------------------------------------------------

interface Field {
  name: string;
  type: CedarType;
  required: boolean;
  description: string;
}

function fieldsOf(tool: string, input: Input): Field[] {
  const t = inputTypeOf(input.schema.json, "AgentCore", tool);
  if (!t || t.kind !== "record") return [];
  const props = ((input.tools.find((x) => x.name === tool)?.inputSchema.properties ?? {}) as Record<string, { description?: string }>);
  return Object.entries(t.attributes).map(([name, a]) => ({ name, type: a.type, required: a.required, description: props[name]?.description ?? "" }));
}

const isNumber = (t: CedarType) => t.kind === "Long" || (t.kind === "extension" && t.name === "decimal");
const fieldWords = (f: Field) => `${f.name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ")} ${f.description}`.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2);

/** The numeric argument a limit is about, for one tool: named in the clause, the only one, money → an amount, or the one required. */
function limitField(tool: string, clause: string, money: boolean, input: Input): Field | undefined {
  const numeric = fieldsOf(tool, input).filter((f) => isNumber(f.type));
  const words = new Set(clause.toLowerCase().split(/[^a-z0-9]+/));
  const named = numeric.filter((f) => words.has(f.name.toLowerCase()) || fieldWords(f).slice(0, 2).some((w) => words.has(w) && !["the", "and"].includes(w)));
  if (named.length === 1) return named[0];
  if (numeric.length === 1) return numeric[0];
  const amount = numeric.filter((f) => /amount|total|price|cost|value|sum/i.test(f.name));
  if (money && amount.length === 1) return amount[0];
  const required = numeric.filter((f) => f.required);
  return required.length === 1 ? required[0] : undefined;
}

function pathField(tool: string, input: Input): Field | undefined {
  const strings = fieldsOf(tool, input).filter((f) => f.type.kind === "String" && /path|file|dir|folder/i.test(f.name));
  return strings.length === 1 ? strings[0] : undefined;
}

function stringField(tool: string, near: string, input: Input): Field | undefined {
  const strings = fieldsOf(tool, input).filter((f) => f.type.kind === "String");
  const words = new Set(near.toLowerCase().split(/[^a-z0-9]+/));
  const named = strings.filter((f) => f.name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && w !== "id").some((w) => words.has(w) || words.has(`${w}s`)));
  return named.length === 1 ? named[0] : undefined;
}

type Written = { policies: DraftedPolicy[]; assumptions: string[] } | { question: string };

function writeIntent(intent: Intent, input: Input, used: Set<string>): Written {
  const assumptions: string[] = [];
  // Conditions differ per tool (field types, enum entity types), so each tool gets its own conditions; tools with the same ones share a policy.
  const perTool: Array<{ tool: string; when: string[]; unless: string[]; words: string[] }> = [];
  for (const tool of intent.tools) {
    const when: string[] = [];
    const unless: string[] = [];
    const words: string[] = [];
    for (const [limits, into] of [[intent.limits, when], [intent.negatedLimits, unless]] as const) {
      for (const limit of limits) {
        const field = limitField(tool, intent.clause, limit.money, input);
        if (!field) return { question: `“${intent.clause}” sets a limit, but ${shortName(tool)} has no single numeric argument it clearly applies to (${fieldsOf(tool, input).filter((f) => isNumber(f.type)).map((f) => f.name).join(", ") || "none"}). Which argument is it?` };
        let value = limit.value;
        if (limit.money && /\bcents?\b/i.test(field.description)) {
          value = Math.round(value * 100);
          assumptions.push(`${shortName(tool)}'s ${field.name} is in cents (its description says so): $${limit.value} is ${value}.`);
        }
        into.push(guard(field, compare(field, limit.op, value)));
        words.push(`${{ "<": "under", "<=": "upto", ">": "over", ">=": "from" }[limit.op]}_${value}`);
      }
    }
    for (const v of intent.values) {
      const attr = fieldsOf(tool, input).find((f) => f.name === v.path);
      if (!attr || attr.type.kind !== "enum") return { question: `“${intent.clause}” names ${v.values.join(" or ")}, which is not a value of an argument of ${shortName(tool)}. Which tool and argument is it about?` };
      const entityType = attr.type.entityType;
      const test = v.values.map((x) => `context.input.${attr.name} == ${entityType}::${JSON.stringify(x)}`).join(" || ");
      (v.negated ? unless : when).push(guard(attr, v.values.length > 1 ? `(${test})` : test));
      words.push(`${v.negated ? "not_" : ""}${v.values.join("_or_")}`);
    }
    for (const p of intent.paths) {
      const field = pathField(tool, input);
      if (!field) return { question: `“${intent.clause}” is about the path ${p.prefix}, but ${shortName(tool)} has no single path argument (${fieldsOf(tool, input).map((f) => f.name).join(", ")}). Which argument is it?` };
      const prefix = p.prefix.replace(/\*+$/, "").replace(/\/$/, "");
      const test = `(context.input.${field.name} == ${JSON.stringify(prefix)} || context.input.${field.name} like ${JSON.stringify(`${prefix.replace(/\*/g, "\\*")}/*`)})`;
      (p.negated ? unless : when).push(guard(field, test));
      words.push(`${p.negated ? "outside" : "in"}_${prefix.replace(/^\//, "")}`);
    }
    for (const s of intent.strings) {
      const field = stringField(tool, s.near, input);
      if (!field) return { question: `“${intent.clause}” names “${s.value}”, but I cannot tell which argument of ${shortName(tool)} it is (${fieldsOf(tool, input).filter((f) => f.type.kind === "String").map((f) => f.name).join(", ") || "none"}). Say it as “the <argument> is "${s.value}"”.` };
      (s.negated ? unless : when).push(guard(field, `context.input.${field.name} == ${JSON.stringify(s.value)}`));
      words.push(s.value);
    }
    perTool.push({ tool, when, unless, words });
  }
  const groups = new Map<string, typeof perTool>();
  for (const t of perTool) {
    const k = JSON.stringify([t.when.map((w) => w.replace(/AgentCore::[\w:]+::Input::/g, "")), t.unless]);
    if (t.when.some((w) => w.includes("::Input::")) || t.unless.some((w) => w.includes("::Input::"))) groups.set(`${t.tool}${k}`, [t]);
    else groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  const policies: DraftedPolicy[] = [];
  for (const group of groups.values()) {
    const tools = group.map((g) => g.tool);
    const roleTests = intent.roles.length ? [roleCondition(intent.roles)] : [];
    const when = [...roleTests, ...group[0].when];
    const unless = [...(intent.except.length ? [roleCondition(intent.except)] : []), ...group[0].unless];
    const allTools = tools.length === input.tools.length && input.tools.length > 1;
    const id = policyName({ effect: intent.effect, roles: intent.roles, tools: allTools ? ["all_tools"] : tools.map(shortName), conditions: [...(intent.except.length ? [`except_${intent.except.join("_")}`] : []), ...group[0].words] }, used);
    const action = tools.length === 1 ? `action == AgentCore::Action::${JSON.stringify(tools[0])}` : `action in [${tools.map((t) => `AgentCore::Action::${JSON.stringify(t)}`).join(", ")}]`;
    const statement = `@id(${JSON.stringify(id)})\n${intent.effect}(\n  principal,\n  ${action},\n  resource == AgentCore::Gateway::${JSON.stringify(input.gatewayArn)}\n)${when.length ? `\nwhen { ${when.join(" && ")} }` : ""}${unless.length ? `\nunless { ${unless.join(" || ")} }` : ""};`;
    policies.push({ statement, explanation: explain(intent, tools, group[0]) });
  }
  if (intent.chosenBy !== "named outright") assumptions.push(`For “${intent.clause}” I counted ${intent.tools.map(shortName).join(", ")} (chosen by ${intent.chosenBy}).`);
  return { policies, assumptions };
}

function guard(field: Field, test: string): string {
  return field.required ? test : `(context.input has ${field.name} && ${test})`;
}

function compare(field: Field, op: Limit["op"], value: number): string {
  const path = `context.input.${field.name}`;
  if (field.type.kind === "Long") {
    // A Long compared with a fraction: "under 99.5" on whole dollars is "≤ 99".
    const n = Number.isInteger(value) ? value : op === "<" || op === ">=" ? Math.ceil(value) : Math.floor(value);
    return `${path} ${op} ${n}`;
  }
  const method = { "<": "lessThan", "<=": "lessThanOrEqual", ">": "greaterThan", ">=": "greaterThanOrEqual" }[op];
  return `${path}.${method}(decimal(${JSON.stringify(decimalLiteral(value))}))`;
}

function decimalLiteral(n: number): string {
  const s = (Math.trunc(n * 10_000) / 10_000).toString();
  return s.includes(".") ? s : `${s}.0`;
}

function roleCondition(roles: string[]): string {
  const tag = `principal.getTag("role")`;
  return roles.length === 1 ? `(principal.hasTag("role") && ${tag} == ${JSON.stringify(roles[0])})` : `(principal.hasTag("role") && [${roles.map((r) => JSON.stringify(r)).join(", ")}].contains(${tag}))`;
}

function explain(intent: Intent, tools: string[], conditions: { words: string[]; when: string[]; unless: string[] }): string {
  const who = intent.roles.length ? `principals with role ${intent.roles.join(" or ")}` : "any principal";
  const except = intent.except.length ? ` except role ${intent.except.join(" or ")}` : "";
  const limits = [...intent.limits.map((l) => `${l.op} ${l.value}`), ...intent.negatedLimits.map((l) => `not ${l.op} ${l.value}`)];
  const what = [
    ...limits.map((l) => `the limit ${l}`),
    ...intent.values.map((v) => `${v.path} ${v.negated ? "is not" : "is"} ${v.values.join(" or ")}`),
    ...intent.paths.map((p) => `the path is ${p.negated ? "outside" : "under"} ${p.prefix}`),
    ...intent.strings.map((s) => `an argument ${s.negated ? "is not" : "is"} "${s.value}"`),
  ];
  const field = conditions.when.concat(conditions.unless).map((c) => /context\.input\.(\w+)/.exec(c)?.[1]).find(Boolean);
  const limitText = limits.length && field && intent.values.length === 0 && intent.paths.length === 0 && intent.strings.length === 0 ? ` when ${intent.limits.map((l) => `${field} ${l.op} ${l.value}`).concat(intent.negatedLimits.map((l) => `not ${field} ${l.op} ${l.value}`)).join(" and ")}` : what.length ? ` when ${what.join(" and ")}` : "";
  return `${intent.effect === "permit" ? "Permits" : "Forbids"} ${tools.map(shortName).join(", ")} for ${who}${except}${limitText}.`;
}

export type { DraftTool };
