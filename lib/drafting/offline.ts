import { inputTypeOf, type CedarType } from "@/lib/cedar/cedar-types";
import { effectOf, isCatchAll, parseLimits, pickTools, shortName, speaksOfPermission, splitAndList, splitClauses, splitPermissionList, toolNouns, toolWords, type Intent, type Limit } from "./offline-intent";
import { parseException, parseRoles, textCondition, type Exception } from "./offline-subject";
import type { DraftedPolicy, DraftInput, DraftTool } from "./types";

export interface OfflineDraft {
  policies: DraftedPolicy[];
  assumptions: string[];
  questions: string[];
}

/**
 * The drafter that needs no model: the common phrasings (allow or deny tools by name or by verb,
 * role restrictions through tags, numeric limits, combinations) become Cedar deterministically.
 * What it does not understand it says, as a question, instead of guessing.
 */
export function draftOffline(input: Pick<DraftInput, "request" | "gatewayArn" | "tools" | "schema">): OfflineDraft {
  const assumptions: string[] = [];
  const questions: string[] = [];
  const intents: Intent[] = [];

  const words = toolWords(input.tools);
  const clauses = splitClauses(input.request)
    .flatMap((c) => splitPermissionList(c, input.tools))
    .flatMap((c) => splitAndList(c, input.tools));
  for (const { text: clause, inherits } of clauses) {
    const previous = intents.at(-1);
    // The tail of "the billing role may process refunds and view orders" takes its head's effect and roles.
    const head = inherits ? previous : undefined;
    if (isCatchAll(clause) && effectOf(clause) === "forbid") {
      assumptions.push(`“${clause}”: every call no permit allows is denied already (default deny), so I wrote no forbid for it; a forbid on all tools would also override the permits above.`);
      continue;
    }
    const limits = parseLimits(clause);
    const everyone = /\b(everyone|anyone|any agent|all agents|any user|all users)\b/i.test(clause);
    const exception = parseException(clause);
    const subject = parseRoles(exception?.kind === "only-these" ? exception.who : clause, words);
    const roles = everyone ? [] : subject.roles.length ? subject.roles : (head?.roles ?? []);
    const guessedFrom = everyone ? undefined : subject.guessedFrom;
    const picked = exception ? applyException(exception, clause, roles, input.tools) : { ...pickTools(clause, input.tools), effect: head?.effect ?? effectOf(clause) };
    if ("question" in picked) {
      questions.push(picked.question);
      continue;
    }
    if (picked.assumption) assumptions.push(picked.assumption);
    const effect = picked.effect;
    let { tools, chosenBy } = picked;
    // "Tickets may be viewed but not modified": the second clause is about the first one's nouns.
    const nouns = previous ? toolNouns(previous.clause, input.tools) : [];
    if (!exception && !head && nouns.length && toolNouns(clause, input.tools).length === 0 && !(limits.length || roles.length)) {
      ({ tools, chosenBy } = pickTools(`${nouns.join(" ")} ${clause}`, input.tools));
    }
    if (!head && !speaksOfPermission(clause) && !(previous && (limits.length || roles.length))) {
      questions.push(`I did not understand which tools “${clause}” is about, or whether it allows or forbids them. Say which tools may or may not be called (e.g. “orders may be viewed”, “nobody may cancel orders”), by whom, and under which limits.`);
      continue;
    }
    if (tools.length === 0) {
      // "…, and only under $1000" or "…, but only for the X role": refines the clause before it.
      if (previous && (limits.length || roles.length)) {
        previous.limits.push(...limits);
        if (previous.roles.length === 0) previous.roles = roles;
        previous.clause += `, ${clause}`;
        continue;
      }
      questions.push(`I did not understand which tools “${clause}” is about. Name a tool (${input.tools.slice(0, 3).map((t) => shortName(t.name)).join(", ")}…) or a kind of action (view, create, update, delete).`);
      continue;
    }
    const condition = textCondition(clause);
    if (condition && effect === "permit") {
      questions.push(`“${clause}” depends on a text argument (“${condition}”), which the offline drafter does not turn into a condition; without it the permit would allow every call of ${tools.map(shortName).join(", ")}. Write the condition (e.g. \`context.input.path like "/tmp/*"\`) or draft with Claude.`);
      continue;
    }
    if (condition) assumptions.push(`“${clause}” depends on a text argument (“${condition}”) that the offline drafter does not turn into a condition: the forbid applies to every call of ${tools.map(shortName).join(", ")}, stricter than asked.`);
    if (guessedFrom) assumptions.push(`Took “${guessedFrom}” to mean principals whose role tag is "${roles[0]}"; change the value if your identity provider uses another.`);
    if (/\b(requires?|required|needs?)\b/i.test(clause) && roles.length) assumptions.push(`“${clause}”: only the calls it describes are permitted, and only for role ${roles.join(" or ")}; other calls of ${tools.map(shortName).join(", ")} stay denied unless another policy allows them.`);
    const intent: Intent = { effect, tools, roles, limits, chosenBy, clause };
    // "Read-only access: queries are allowed" says the same thing twice; one policy says it once.
    const same = intents.find((i) => JSON.stringify([i.effect, i.tools, i.roles, i.limits]) === JSON.stringify([intent.effect, intent.tools, intent.roles, intent.limits]));
    if (same) same.clause += `; ${clause}`;
    else intents.push(intent);
  }

  const policies: DraftedPolicy[] = [];
  const used = new Set<string>();
  for (const intent of intents) {
    const field = intent.limits.length ? pickField(intent, input) : undefined;
    if (intent.limits.length && !field) {
      questions.push(`“${intent.clause}” sets a limit, but ${intent.tools.map(shortName).join(", ")} ${intent.tools.length > 1 ? "have" : "has"} no single numeric argument to apply it to. Which argument is it?`);
      continue;
    }
    if (field?.assumed) assumptions.push(`Applied the limit in “${intent.clause}” to the argument ${field.name}.`);
    if (intent.chosenBy !== "named outright") {
      assumptions.push(`For “${intent.clause}” I counted ${intent.tools.map(shortName).join(", ")} (chosen by ${intent.chosenBy}).`);
    }
    const conditions = [
      ...(intent.roles.length ? [roleCondition(intent.roles)] : []),
      ...(field ? intent.limits.map((l) => compare(field, l)) : []),
    ];
    const id = uniqueId(`${intent.effect === "permit" ? "allow" : "deny"}_${nameOf(intent)}`, used);
    const action = intent.tools.length === 1 ? `action == AgentCore::Action::${JSON.stringify(intent.tools[0])}` : `action in [${intent.tools.map((t) => `AgentCore::Action::${JSON.stringify(t)}`).join(", ")}]`;
    const guard = field && !field.required ? `context.input has ${field.name} && ` : "";
    const when = conditions.length ? `\nwhen { ${guard}${conditions.join(" && ")} }` : "";
    policies.push({
      statement: `@id(${JSON.stringify(id)})\n${intent.effect}(\n  principal,\n  ${action},\n  resource == AgentCore::Gateway::${JSON.stringify(input.gatewayArn)}\n)${when};`,
      explanation: explain(intent, field?.name),
    });
  }
  if (policies.length && intents.every((i) => i.effect === "forbid")) {
    assumptions.push("Only forbids were asked for: with no permit every call is denied anyway (default deny); add what may be allowed.");
  }
  if (policies.length === 0 && questions.length === 0) questions.push("I could not find a policy in this request. Say which tools may or may not be called, by whom, and under which limits.");
  return { policies, assumptions, questions };
}

type Picked = { tools: string[]; chosenBy: string; effect: Intent["effect"]; assumption?: string } | { question: string };

/** "Nobody except the X role may …" and "Allow everything except …": which tools, with which effect. */
function applyException(exception: Exception, clause: string, roles: string[], tools: DraftTool[]): Picked {
  if (exception.kind === "only-these") {
    if (roles.length === 0) return { question: `In “${clause}”, who is “${exception.who}”? Name the role, e.g. “nobody except the admin role may …”.` };
    return { ...pickTools(exception.rest, tools), effect: "permit" };
  }
  const excepted = pickTools(exception.excepted, tools).tools;
  if (excepted.length === 0) return { question: `In “${clause}”, I did not understand which tools “${exception.excepted}” excepts. Name them or a kind of action (view, create, update, delete).` };
  const chosenBy = `everything except ${excepted.map(shortName).join(", ")}`;
  if (effectOf(exception.lead) === "forbid") {
    // "Deny everything except reading orders": default deny does the rest.
    return { tools: excepted, chosenBy, effect: "permit", assumption: `“${clause}”: I permitted only ${excepted.map(shortName).join(", ")}; every other call is denied by default.` };
  }
  return { tools: tools.map((t) => t.name).filter((t) => !excepted.includes(t)), chosenBy, effect: effectOf(clause) };
}

interface Field {
  name: string;
  type: "Long" | "decimal";
  required: boolean;
  assumed: boolean;
}

function numericFields(toolName: string, input: Pick<DraftInput, "schema" | "tools">): Field[] {
  const t = inputTypeOf(input.schema.json, "AgentCore", toolName);
  if (!t || t.kind !== "record") return [];
  return Object.entries(t.attributes)
    .filter(([, a]) => isNumber(a.type))
    .map(([name, a]) => ({ name, type: a.type.kind === "Long" ? ("Long" as const) : ("decimal" as const), required: a.required, assumed: false }));
}

function isNumber(t: CedarType): boolean {
  return t.kind === "Long" || (t.kind === "extension" && t.name === "decimal");
}

function pickField(intent: Intent, input: Pick<DraftInput, "schema" | "tools">): Field | undefined {
  const perTool = intent.tools.map((t) => numericFields(t, input));
  const shared = perTool[0]?.filter((f) => perTool.every((fs) => fs.some((g) => g.name === f.name && g.type === f.type))) ?? [];
  const text = intent.clause.toLowerCase();
  const mentioned = shared.find((f) => text.includes(f.name.toLowerCase()));
  if (mentioned) return mentioned;
  if (shared.length === 1) return { ...shared[0], assumed: true };
  const money = /\$|dollars?|usd|€|eur|cents?/.test(text);
  const moneyField = money ? shared.find((f) => /amount|total|price|cost|value|sum/i.test(f.name)) : undefined;
  if (moneyField) return { ...moneyField, assumed: true };
  // An optional fee next to a required amount: the limit is about the one every call carries.
  const required = shared.filter((f) => f.required);
  return required.length === 1 ? { ...required[0], assumed: true } : undefined;
}

function compare(field: Field, limit: Limit): string {
  const path = `context.input.${field.name}`;
  if (field.type === "Long") return `${path} ${limit.op} ${Math.trunc(limit.value)}`;
  const method = { "<": "lessThan", "<=": "lessThanOrEqual", ">": "greaterThan", ">=": "greaterThanOrEqual" }[limit.op];
  return `${path}.${method}(decimal(${JSON.stringify(decimalLiteral(limit.value))}))`;
}

function decimalLiteral(n: number): string {
  const s = (Math.trunc(n * 10_000) / 10_000).toString();
  return s.includes(".") ? s : `${s}.0`;
}

function nameOf(intent: Intent): string {
  const shorts = intent.tools.map(shortName);
  return (shorts.length === 1 ? shorts[0] : `${shorts.length}_tools_${shorts[0]}`).replace(/[^A-Za-z0-9_]/g, "_").slice(0, 40);
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
  used.add(id);
  return id;
}

function roleCondition(roles: string[]): string {
  const tag = `principal.getTag("role")`;
  return roles.length === 1 ? `principal.hasTag("role") && ${tag} == ${JSON.stringify(roles[0])}` : `principal.hasTag("role") && [${roles.map((r) => JSON.stringify(r)).join(", ")}].contains(${tag})`;
}

function explain(intent: Intent, field?: string): string {
  const who = intent.roles.length ? `principals with role ${intent.roles.join(" or ")}` : "any principal";
  const what = intent.tools.map(shortName).join(", ");
  const limits = field && intent.limits.length ? ` when ${intent.limits.map((l) => `${field} ${l.op} ${l.value}`).join(" and ")}` : "";
  return `${intent.effect === "permit" ? "Permits" : "Forbids"} ${what} for ${who}${limits}.`;
}

export type { DraftTool };
