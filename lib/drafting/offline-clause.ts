/**
 * The clause structure of a request: sentences, then the clauses joined by "but", "while",
 * commas, colons and "and", each read into slots — who (offline-subject.ts), allow or forbid,
 * which tools (offline-intent.ts), under which conditions (offline-conditions.ts) — and the words
 * no slot took. A clause that leaves out what the one before said ("…, and for refund-agent up to
 * 100", "…, but not in /root", "and view orders") is marked so it can take the missing parts from it.
 */
import { inputTypeOf } from "@/lib/cedar/cedar-types";
import { readConditions, readValues, type Conditions, type EnumField, type ValueCondition } from "./offline-conditions";
import { isActionWord, isCatchAll, pickTools, shortName, toolNouns, toolWords as nameWordsOf } from "./offline-tools";
import { DENY_WORDS, DOMAIN_WORDS, FILLER, GENERIC_PEOPLE, KNOWN_WORDS, LIMIT_WORDS, PERMIT_WORDS } from "./offline-lexicon";
import { readSubject, type Subject } from "./offline-subject";
import { normalize, type Normalized } from "./offline-text";
import type { DraftTool } from "./types";

export interface ClauseContext {
  tools: DraftTool[];
  /** Words of tool names (singular and plural) and the names themselves: they cannot name people. */
  toolWords: Set<string>;
  /** Tool words and enum values: what a role cannot be called. */
  notPeople: Set<string>;
  /** Words of the tools' descriptions and targets: harmless in a clause about those tools. */
  toolText: Map<string, Set<string>>;
  enumFields: Map<string, EnumField[]>;
  /** Words of argument names and descriptions: understood when the clause puts a condition on them. */
  fieldWords: Map<string, Set<string>>;
}

export interface Piece {
  text: string;
  /** Joined to the clause before by "and"/","/":" without a subject or an allow/forbid of its own. */
  continues: boolean;
}

export interface Reading {
  text: string;
  effect: "permit" | "forbid" | null;
  subject: Subject;
  conditions: Conditions;
  values: ValueCondition[];
  tools: string[];
  chosenBy: string;
  toolsQuestion?: string;
  /** Words no slot took. */
  leftovers: string[];
  /** No tools of its own: it refines or extends the clause before. */
  refines: boolean;
  inheritsTools: boolean;
  continues: boolean;
  catchAll: boolean;
  lastNumber: number | null;
  assumption?: string;
}

export function clauseContext(tools: DraftTool[], schemaJson: Record<string, unknown>): ClauseContext {
  const toolWords = nameWordsOf(tools);
  for (const w of [...toolWords]) toolWords.add(`${w}s`).add(w.endsWith("y") ? `${w.slice(0, -1)}ies` : w);
  for (const t of tools) toolWords.add(t.name.toLowerCase()).add(shortName(t.name).toLowerCase());
  // Enum values cannot name people either ("shipped orders" is no role).
  const notPeople = new Set(toolWords);
  for (const v of Object.values(schemaJson).flatMap((ns) => Object.values((ns as { entityTypes?: Record<string, { enum?: string[] }> }).entityTypes ?? {}).flatMap((e) => e.enum ?? []))) notPeople.add(v.toLowerCase());
  const toolText = new Map<string, Set<string>>();
  const enumFields = new Map<string, EnumField[]>();
  const fieldWords = new Map<string, Set<string>>();
  for (const t of tools) {
    const target = t.name.includes("___") ? t.name.slice(0, t.name.indexOf("___")).replace(/target$/i, "") : "";
    toolText.set(t.name, new Set(`${t.description ?? ""} ${target}`.toLowerCase().split(/[^a-z0-9-]+/).filter((w) => w.length > 2)));
    const input = inputTypeOf(schemaJson, "AgentCore", t.name);
    const attrs = input?.kind === "record" ? input.attributes : {};
    const props = (t.inputSchema.properties ?? {}) as Record<string, { description?: string }>;
    enumFields.set(
      t.name,
      Object.entries(attrs).flatMap(([name, a]) => (a.type.kind === "enum" ? [{ path: name, words: splitName(name), values: a.type.values }] : [])),
    );
    fieldWords.set(t.name, new Set(Object.keys(attrs).flatMap((name) => [name.toLowerCase(), ...splitName(name), ...`${props[name]?.description ?? ""}`.toLowerCase().split(/[^a-z0-9]+/)]).filter((w) => w.length > 1)));
  }
  return { tools, toolWords, notPeople, toolText, enumFields, fieldWords };
}

function splitName(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The request's clauses, in order, in canonical text. */
export function segment(request: string, tools: DraftTool[], schemaJson: Record<string, unknown>): { clauses: Piece[]; corrections: Normalized["corrections"]; context: ClauseContext } {
  const context = clauseContext(tools, schemaJson);
  const vocabulary = new Set([...KNOWN_WORDS, ...DOMAIN_WORDS, ...context.toolWords, ...[...context.fieldWords.values()].flatMap((s) => [...s]), ...[...context.enumFields.values()].flatMap((fs) => fs.flatMap((f) => f.values.map((v) => v.toLowerCase())))]);
  for (const w of [...context.fieldWords.values()].flatMap((s) => [...s])) vocabulary.add(`${w}s`);
  const { text, corrections } = normalize(request, vocabulary);
  const clauses: Piece[] = [];
  for (const sentence of text.split(/(?<=[.;!?])\s+|[.;!?]+$|\s*;\s*|\n+/).map((s) => s.replace(/[.;!?]+$/, "").trim()).filter(Boolean)) {
    // Strong joints: each side is a clause of its own.
    // "but" joins two clauses, except in "everyone but interns", "nothing but reads" (unless "but only …", "but not …" follow).
    const strong = sentence.split(/,?\s+(?:(?<!\b(?:everything|anything|all|nobody|no one|none|everyone|anyone|nothing)\s+)but|but(?=\s+(?:only|not|never|nobody|no one|they|it|also|just)\b))\s+|,?\s+(?:while|whereas|however|although|though|yet)\s+|\s+-\s+/);
    for (const part of strong) {
      const weak = splitWeak(part.trim(), context);
      weak.forEach((w, i) => clauses.push({ text: w.text, continues: i > 0 && w.continues }));
    }
  }
  return { clauses: clauses.filter((c) => c.text.length > 0), corrections, context };
}

/** Splits at ", and", ",", ":" and " and " where both sides say something whole; keeps "view and update orders" together. */
function splitWeak(part: string, ctx: ClauseContext): Piece[] {
  const pieces = part.split(/\s*(,\s*(?:and|or)\s+|,\s*|:\s*|\s+and\s+)/);
  const out: Array<{ text: string; continues: boolean }> = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i];
    const joint = pieces[i - 1] ?? "";
    if (!piece) continue;
    const previous = out.at(-1);
    if (!previous) {
      out.push({ text: piece, continues: false });
      continue;
    }
    const here = light(piece, ctx);
    const before = light(previous.text, ctx);
    // "between 10 and 100", "support-viewer and admin roles", "admins and refund-agents" stay whole.
    const insideBetween = /\b(?:between|from)\s+\S+$/.test(previous.text) && /^\S+\b/.test(piece) && joint.includes("and");
    // "updates and creation are prohibited": a list of things before "and", not a clause.
    const listBefore = !joint.includes(",") && !joint.includes(":") && !before.effect && !before.people && !before.conditions;
    const stands =
      !insideBetween &&
      !listBefore &&
      ((here.people && (before.tools || before.people) && (here.tools || here.conditions || here.effect) && !(before.people && !before.tools && !before.effect)) ||
        (here.effect && here.tools) ||
        (here.nouns && before.nouns && here.tools && (before.effect || before.people || before.conditions)) ||
        (here.people && before.tools && before.people && !here.tools && !here.conditions && !joint.includes(",")) ||
        (joint.startsWith(":") && (here.tools || here.people)));
    if (stands) out.push({ text: piece, continues: !here.effect && !here.nobody });
    else previous.text += `${joint.startsWith(":") ? ": " : joint.includes(",") ? ", " : " "}${joint.includes("and") ? "and " : joint.includes("or") ? "or " : ""}${piece}`;
  }
  // A header such as "refund-agent role: …" gives its people to what follows.
  if (out.length > 1 && /:/.test(part)) {
    const head = light(out[0].text, ctx);
    if (head.people && !head.tools) {
      const [first, ...rest] = out;
      return rest.map((r, i) => ({ text: i === 0 ? `${first.text} ${r.text}` : r.text, continues: i > 0 }));
    }
  }
  return out;
}

function light(text: string, ctx: ClauseContext) {
  const { conditions, rest } = readConditions(text, null);
  const { subject, rest: left } = readSubject(rest, { toolWords: ctx.notPeople });
  const words = left.split(/\s+/);
  return {
    people: subject.roles.length > 0 || subject.everyone || subject.nobody || subject.except.length > 0,
    nobody: subject.nobody,
    tools: pickTools(left, ctx.tools).tools.length > 0 || /\b(everything|anything)\b/.test(left),
    nouns: toolNouns(left, ctx.tools).length > 0,
    conditions: conditions.limits.length + conditions.negatedLimits.length + conditions.paths.length + conditions.strings.length > 0 || conditions.noLimit,
    effect: words.some((w) => PERMIT_WORDS.has(w) || DENY_WORDS.has(w)) || /\b(require|requires|reserved|read-only)\b/.test(left),
  };
}

const ALL_TOOLS = /\b(?:everything|anything|all\s+(?:the\s+)?(?:tools|calls|actions|operations)|any\s+(?:tool|call|action|operation)|every\s+(?:tool|call|action)|(?:full|complete|unrestricted|total)\s+access|whatever)\b/;
const TOOL_EXCEPT = /\b(?:except(?:\s+for)?|but|other\s+than|apart\s+from|besides|excluding|save\s+for)\s+(.+)$/;

export function readClause(piece: Piece, ctx: ClauseContext, previousNumber: number | null, previous: { tools: string[]; clause: string; effect: "permit" | "forbid" } | null): Reading {
  const text = piece.text;
  const numbers = [...text.matchAll(/\$?(\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
  const { conditions, rest: afterConditions } = readConditions(text, previousNumber);
  // Values before people and tools: "shipped orders" is a status, not a role; "cancelled orders" not the cancel tool.
  const allEnums = [...ctx.enumFields.values()].flat();
  const nouns = [...ctx.toolWords].filter((w) => /^[a-z]+$/.test(w));
  const { values, rest: afterValues } = readValues(afterConditions, allEnums, nouns);
  const { subject, rest } = readSubject(afterValues, { toolWords: ctx.notPeople });

  let tools: string[] = [];
  let chosenBy = "";
  let toolsQuestion: string | undefined;
  let assumption: string | undefined;
  let body = rest;
  let effect = effectOf(rest, subject);
  const exception = ALL_TOOLS.test(rest) ? TOOL_EXCEPT.exec(rest.slice(rest.search(ALL_TOOLS))) : null;
  if (exception) {
    const excepted = pickTools(exception[1], ctx.tools).tools;
    body = rest.replace(exception[0], " ");
    if (excepted.length === 0) toolsQuestion = `In “${text}”, I did not understand which tools “${exception[1]}” excepts. Name them or a kind of action (view, create, update, delete).`;
    else if (effect === "forbid" && !subject.nobody && subject.roles.length === 0) {
      // "Deny everything except viewing orders": default deny does the rest.
      tools = excepted;
      effect = "permit";
      assumption = `“${text}”: I permitted only ${excepted.map(shortName).join(", ")}; every other call is denied by default.`;
    } else tools = ctx.tools.map((t) => t.name).filter((t) => !excepted.includes(t));
    chosenBy = `everything except ${excepted.map(shortName).join(", ")}`;
  } else if (ALL_TOOLS.test(rest) && pickTools(rest.replace(ALL_TOOLS, " "), ctx.tools).tools.length === 0) {
    tools = ctx.tools.map((t) => t.name);
    chosenBy = "“everything”";
  } else {
    ({ tools, chosenBy } = pickTools(rest, ctx.tools));
  }
  // Values narrow the tools to those that have the argument ("charges in eur" → create_charge).
  if (values.length && tools.length) {
    const having = tools.filter((t) => values.every((v) => ctx.enumFields.get(t)?.some((f) => f.path === v.path && v.values.every((x) => f.values.includes(x)))));
    if (having.length) tools = having;
  }
  const pronoun = /\b(them|they|it|those|these|that|this|such|ones?)\b/.test(rest);
  const inheritsTools = tools.length === 0 && !!previous && (pronoun || piece.continues || toolNouns(rest, ctx.tools).length === 0);
  if (inheritsTools && previous) {
    // "Tickets may be viewed but not modified": the verb is new, the nouns are the clause before's.
    const nouns = toolNouns(previous.clause, ctx.tools);
    const again = nouns.length ? pickTools(`${nouns.join(" ")} ${rest}`, ctx.tools) : { tools: [], chosenBy: "" };
    const verbs = pickTools(rest, ctx.tools.filter((t) => previous.tools.includes(t.name) || nouns.length > 0));
    if (again.tools.length && hasVerb(rest)) ({ tools, chosenBy } = again);
    else if (verbs.tools.length && hasVerb(rest)) ({ tools, chosenBy } = verbs);
  }
  const ownTools = tools.length > 0;
  const hasConditions = conditions.limits.length + conditions.negatedLimits.length + conditions.paths.length + conditions.strings.length + values.length > 0 || conditions.noLimit;
  const refines = !ownTools && !!previous && !subject.everyone && !subject.nobody;
  if (effect === null && (piece.continues || refines) && previous) effect = previous.effect;
  if (effect === null && ownTools && conditions.capped) effect = "permit";
  if (effect === null && (subject.roles.length || subject.everyone) && (ownTools || hasConditions)) {
    effect = "permit";
    assumption = `Read “${text}” as a permission.`;
  }
  const leftovers = unread(body, ctx, ownTools ? tools : (previous?.tools ?? []), hasConditions);
  return {
    text,
    effect,
    subject,
    conditions,
    values,
    tools,
    chosenBy,
    toolsQuestion,
    leftovers,
    refines: refines && !hasVerb(rest),
    inheritsTools,
    continues: piece.continues,
    catchAll: isCatchAll(text) && effect === "forbid",
    lastNumber: numbers.length ? numbers[numbers.length - 1] : null,
    assumption,
  };
}

function hasVerb(text: string): boolean {
  return /\b(view|read|see|look|list|get|search|fetch|query|create|add|new|insert|place|update|modify|change|edit|delete|remove|cancel|write|execute|run|process|issue|open|file|merge|post|send|react|charge|refund|pay|move)\w*/.test(text);
}

function effectOf(rest: string, subject: Subject): "permit" | "forbid" | null {
  const words = rest.split(/\s+/);
  if (subject.onlyThese) return "permit";
  if (subject.nobody || words.some((w) => DENY_WORDS.has(w))) return "forbid";
  if (words.some((w) => PERMIT_WORDS.has(w)) || /\b(only|solely|require|requires|required|needs?|reserved|restricted|read-only|readonly)\b/.test(rest)) return "permit";
  return null;
}

/** Words of the clause that no slot took and that do not describe the tools it is about. */
function unread(rest: string, ctx: ClauseContext, tools: string[], hasConditions: boolean): string[] {
  const around = new Set(tools.flatMap((t) => [...(ctx.toolText.get(t) ?? []), ...(hasConditions ? [...(ctx.fieldWords.get(t) ?? [])] : [])]));
  return rest
    .split(/[^a-z0-9_'-]+/)
    .filter(Boolean)
    .filter((w) => !/^\d/.test(w))
    .filter((w) => !KNOWN_WORDS.has(w) && !FILLER.has(w) && !GENERIC_PEOPLE.has(w) && !LIMIT_WORDS.has(w) && !ctx.toolWords.has(w) && !around.has(w) && !around.has(w.replace(/s$/, "")) && !ctx.toolWords.has(w.replace(/(ing|ed|es|s)$/, "")))
    .filter((w) => !verbForm(w, ctx) && !isActionWord(w));
}

/** "merging", "posted", "reacts": inflections of a tool's words. */
function verbForm(w: string, ctx: ClauseContext): boolean {
  const stem = w.replace(/(ing|ed|es|s|ion|ions)$/, "");
  return stem.length >= 3 && [...ctx.toolWords].some((t) => t.length >= 3 && (t.startsWith(stem) || stem.startsWith(t)));
}

/** The roles a request names anywhere ("admins", "the refund-agent role", "everyone except interns"), as role values. */
export function namedPeople(request: string, tools: DraftTool[], schemaJson: Record<string, unknown>): string[] {
  const { clauses, context } = segment(request, tools, schemaJson);
  const roles = clauses.flatMap((c) => {
    const { rest } = readConditions(c.text, null);
    const { subject } = readSubject(rest, { toolWords: context.notPeople });
    return [...subject.roles, ...subject.except];
  });
  return [...new Set(roles)];
}
