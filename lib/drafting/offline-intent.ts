/**
 * Plain language → declarative intent, the way cedar-agent-policy-builder does it: which tools, who
 * (role tags), which argument limits, allow or deny. Deterministic and honest about what it did not
 * understand; the Cedar is written from the intent in offline.ts.
 */
import type { DraftTool } from "./types";
import { bareToolName } from "@/lib/agentcore/names";

export type Verb = "read" | "create" | "update" | "delete" | "execute";

export interface Limit {
  op: "<" | "<=" | ">" | ">=";
  value: number;
}

export interface Intent {
  effect: "permit" | "forbid";
  tools: string[];
  roles: string[];
  limits: Limit[];
  field?: string;
  /** Which words chose the tools, for the explanation and the assumptions. */
  chosenBy: string;
  clause: string;
}

const READ_WORDS = /\b(view(?:ed|ing|s)?|read(?:s|ing)?|see|seen|look(?:ed)? up|get|gets|list(?:ed|s|ing)?|search(?:ed|es)?|fetch(?:ed)?|query|queried|inspect(?:ed)?|information|info|details|access(?:ed)?)\b/;
const VERB_WORDS: Array<[Verb, RegExp]> = [
  ["create", /\b(creat(?:e|es|ed|ing|ion)|add(?:s|ed|ing)?|new|insert(?:s|ed)?|plac(?:e|es|ed|ing))\b/],
  ["update", /\b(updat(?:e|es|ed|ing)|modif(?:y|ies|ied|ication)s?|chang(?:e|es|ed|ing)|edit(?:s|ed|ing)?|amend(?:s|ed)?)\b/],
  ["delete", /\b(delet(?:e|es|ed|ion)|remov(?:e|es|ed|al)|cancel(?:s|led|lation|ling)?|destroy(?:s|ed)?)\b/],
];
const WRITE_WORDS = /\b(writ(?:e|es|ing|ten)|mutat(?:e|ions?)|changes? to)\b/;
const DENY_WORDS = /^not?\b|\b(prohibit(?:ed|s)?|forbid(?:den|s)?|not (?:be )?(?:allowed|permitted)|disallow(?:ed)?|den(?:y|ied)|never|cannot|can't|can ?not|must not|may not|mustn't|n't (?:be )?(?:allowed|permitted)|(?:don't|do not|does not|doesn't|never|shouldn't|should not|won't|will not) (?:allow|permit|let|enable)|prevent(?:s|ed)?|block(?:s|ed|ing)?|ban(?:s|ned)?|reject(?:s|ed)?|refuse[sd]?|no one|nobody|not able)\b/;
const TOOL_VERB: Array<[Verb, RegExp]> = [
  ["read", /^(get|list|read|search|find|describe|fetch|query|lookup|view|show|check|download|count)/],
  ["create", /^(create|add|new|insert|post|put|place|submit|open|upload|register|write|save|send)/],
  ["update", /^(update|modify|edit|set|patch|change|rename|move|assign)/],
  ["delete", /^(delete|remove|cancel|destroy|close|revoke|archive|purge|drop)/],
];

/** What a tool's description says it does, by its leading verb ("Looks up a ticket" → read). */
const DESCRIPTION_VERB: Array<[Verb, RegExp]> = [
  ["read", /^(gets?|returns?|retrieves?|fetch(es)?|looks? up|lists?|reads?|shows?|searches|search|finds?|describes?|views?|queries|query|checks?|counts?|downloads?)\b/],
  ["create", /^(creates?|adds?|inserts?|places?|submits?|opens?|uploads?|registers?|writes?|saves?|sends?|issues?|books?)\b/],
  ["update", /^(updates?|modif(y|ies)|edits?|sets?|patch(es)?|changes?|renames?|moves?|assigns?|escalates?|reassigns?)\b/],
  ["delete", /^(deletes?|removes?|cancels?|destroys?|closes?|revokes?|archives?|purges?|drops?)\b/],
];

/** The verb group of a tool: from its name's leading verb, else from its description's. */
export function toolVerb(tool: DraftTool): Verb {
  const short = shortName(tool.name)
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase();
  for (const [verb, re] of TOOL_VERB) if (re.test(short)) return verb;
  const description = (tool.description ?? "").trim().toLowerCase();
  for (const [verb, re] of DESCRIPTION_VERB) if (re.test(description)) return verb;
  return "execute";
}

/** Verbs outside read/create/update/delete that lead tool names (`merge_pull_request`, `refund_charge`). */
const ACTION_VERB = /^(merge|approve|reject|transition|escalate|execute|run|invoke|process|refund|charge|pay|transfer|deploy|publish|trigger|start|stop|restart|reboot|terminate|lock|unlock|reopen|comment|reply|react|sync|import|export|generate|convert|translate|calculate|validate|verify|notify|schedule|resolve)$/;

function hasVerbName(tool: DraftTool): boolean {
  const words = nameWords(tool);
  const first = words[0] ?? "";
  return TOOL_VERB.some(([, re]) => re.test(first)) || (words.length > 1 && ACTION_VERB.test(first));
}

export function shortName(name: string): string {
  return bareToolName(name);
}

/** Words of a tool name, singular, e.g. `process_refund` → process, refund. */
function nameWords(tool: DraftTool): string[] {
  return shortName(tool.name)
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(singular);
}

function singular(w: string): string {
  return w.length > 3 && w.endsWith("ies") ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
}

const STOP = new Set(["the", "a", "an", "may", "can", "be", "is", "are", "and", "or", "but", "only", "to", "of", "for", "any", "all", "with", "by", "role", "agent", "agents", "user", "users", "tool", "tools", "call", "calls"]);

export function splitClauses(request: string): string[] {
  return request
    .replace(/\s+/g, " ")
    .split(/(?<=[.;!?])\s+|;\s*|,?(?<!\b(?:everything|anything|all|tools?|nobody|no one|none))\s+but\s+|,\s*(?=(?:and\s+)?(?:only|no one|nobody|everyone|anyone|the|agents?|users?|allow|permit|deny|forbid|block|prohibit|disallow)\b)|,?\s+and\s+(?=(?:only|no one|nobody|everyone|anyone|allow|permit|deny|forbid|block|prohibit|disallow)\b)|,?\s+while\s+|,?\s+whereas\s+/i)
    .map((c) => c.trim().replace(/[.;!?]+$/, ""))
    .filter((c) => c.length > 0);
}

export function parseAmount(text: string): number | null {
  const m = /\$?\s*(-?\d[\d,]*(?:\.\d+)?)\s*(k|thousand|m|million)?\b/i.exec(text);
  if (!m) return null;
  let n = Number(m[1].replace(/,/g, ""));
  const unit = (m[2] ?? "").toLowerCase();
  if (unit === "k" || unit === "thousand") n *= 1000;
  if (unit === "m" || unit === "million") n *= 1_000_000;
  return Number.isFinite(n) ? n : null;
}

export function parseLimits(clause: string): Limit[] {
  const c = clause.toLowerCase();
  // "at most to level 3", "up to a total of 500": a few filler words may sit before the number.
  const num = String.raw`(?:(?:to|of|a|an|the|[a-z_]+)\s+){0,3}?(\$?\s*-?\d[\d,]*(?:\.\d+)?(?:\s*(?:k|thousand|m|million)\b)?)`;
  const between = new RegExp(String.raw`between\s+${num}\s+and\s+${num}`).exec(c);
  if (between) return [{ op: ">=", value: parseAmount(between[1])! }, { op: "<=", value: parseAmount(between[2])! }];
  const patterns: Array<[RegExp, Limit["op"]]> = [
    [new RegExp(String.raw`(?:at most|no more than|not more than|up to|maximum(?: of)?|max(?:imum)?|limited to|capped at|no higher than|not above|not exceeding|≤|<=)\s+${num}`), "<="],
    [new RegExp(String.raw`(?:under|less than|below|lower than|smaller than|<)\s+${num}`), "<"],
    [new RegExp(String.raw`(?:at least|no less than|not less than|minimum(?: of)?|≥|>=)\s+${num}`), ">="],
    [new RegExp(String.raw`(?:over|more than|above|greater than|exceeding|exceeds|>)\s+${num}`), ">"],
  ];
  const out: Limit[] = [];
  let rest = c;
  for (const [re, op] of patterns) {
    const m = re.exec(rest);
    if (!m) continue;
    out.push({ op, value: parseAmount(m[1])! });
    // "no more than" must not be read again as "more than".
    rest = rest.slice(0, m.index) + " ".repeat(m[0].length) + rest.slice(m.index + m[0].length);
  }
  return out;
}

/** Tools a clause is about: by name words, by verb group, narrowed by the nouns it mentions. */
export function pickTools(clause: string, tools: DraftTool[]): { tools: string[]; chosenBy: string } {
  const c = ` ${clause.toLowerCase()} `;
  const words = new Set(
    c
      .split(/[^a-z0-9_-]+/)
      .filter(Boolean)
      .map(singular),
  );
  // A tool named outright (full MCP name or its short name).
  const named = tools.filter((t) => c.includes(t.name.toLowerCase()) || c.includes(shortName(t.name).toLowerCase()));
  if (named.length) return { tools: named.map((t) => t.name), chosenBy: "named outright" };

  const nounMatch = (t: DraftTool) => nameWords(t).some((w) => w.length > 2 && !STOP.has(w) && words.has(w) && !TOOL_VERB.some(([, re]) => re.test(w)));
  const verbs = new Set<Verb>();
  if (READ_WORDS.test(c)) verbs.add("read");
  for (const [verb, re] of VERB_WORDS) if (re.test(c)) verbs.add(verb);
  const explicitVerbs = new Set(verbs);
  if (WRITE_WORDS.test(c)) ["create", "update", "delete"].forEach((v) => verbs.add(v as Verb));

  let pool = tools;
  const byNoun = tools.filter(nounMatch);
  if (byNoun.length) pool = byNoun;
  // Tools whose own verb the clause uses ("writing files" → write_file, "updates" → update_order).
  const direct = pool.filter((t) => {
    if (!hasVerbName(t)) return false;
    const verb = nameWords(t)[0];
    return verb && verb.length > 2 && [...words].some((w) => w.startsWith(verb.slice(0, Math.min(4, verb.length))));
  });
  // A tool whose every name word appears (e.g. "process refunds" → process_refund).
  const allWords = tools.filter((t) => nameWords(t).every((w) => words.has(w)));
  if (direct.length || allWords.length) {
    const picked = new Set([...direct, ...allWords]);
    // Verb groups named in general terms ("view") add their tools unless a tool of that group was named.
    for (const verb of verbs) {
      if ([...picked].some((t) => toolVerb(t) === verb) || !explicitVerbs.has(verb)) continue;
      pool.filter((t) => toolVerb(t) === verb).forEach((t) => picked.add(t));
    }
    return { tools: tools.filter((t) => picked.has(t)).map((t) => t.name), chosenBy: "their verbs and names" };
  }
  if (verbs.size) {
    const byVerb = pool.filter((t) => verbs.has(toolVerb(t)));
    if (byVerb.length) return { tools: byVerb.map((t) => t.name), chosenBy: `verbs (${[...verbs].join(", ")})${byNoun.length ? " and nouns" : ""}` };
  }
  if (byNoun.length) return { tools: byNoun.map((t) => t.name), chosenBy: "nouns" };
  if (/\b(everything|all tools|any tool|every tool|anything)\b/.test(c)) return { tools: tools.map((t) => t.name), chosenBy: "“all tools”" };
  return { tools: [], chosenBy: "" };
}

/** Every word of every tool name, singular: a word naming tools cannot name people. */
export function toolWords(tools: DraftTool[]): Set<string> {
  return new Set(tools.flatMap(nameWords));
}

/** The tool nouns a clause names ("Tickets may be viewed" → ticket), for a clause after it that leaves them out. */
export function toolNouns(clause: string, tools: DraftTool[]): string[] {
  const words = clause.toLowerCase().split(/[^a-z0-9_-]+/).filter(Boolean).map(singular);
  const nouns = new Set(tools.flatMap(nameWords).filter((w) => w.length > 2 && !STOP.has(w) && !TOOL_VERB.some(([, re]) => re.test(w))));
  return [...new Set(words.filter((w) => nouns.has(w)))];
}

/** "…, deny everything else": what default deny already does, so no policy is written for it. */
export function isCatchAll(clause: string): boolean {
  return /\b(everything|anything|all|any)\s+(else|other)\b|\b(all|any)\s+other\s+(tools?|calls?|actions?)\b|\bnothing else\b|\botherwise\b|\bthe rest\b/i.test(clause);
}

/**
 * Splits "queries are allowed, execute is denied" where commas or colons join whole permission
 * clauses, but keeps "…may create payments, at most 2000" together (the second part has no tools).
 */
export function splitPermissionList(clause: string, tools: DraftTool[]): string[] {
  const parts = clause.split(/\s*[,:]\s+(?:and\s+)?/).filter(Boolean);
  if (parts.length < 2) return [clause];
  const standalone = (part: string) => speaksOfPermission(part) && pickTools(part, tools).tools.length > 0;
  const out: string[] = [];
  for (const part of parts) {
    if (out.length && standalone(part) && standalone(out.at(-1)!)) out.push(part);
    else if (out.length) out[out.length - 1] += `, ${part}`;
    else out.push(part);
  }
  return out;
}

/** A clause of the request; `inherits` marks the tail of "X … and Y …" that says no permission of its own. */
export interface Clause {
  text: string;
  inherits: boolean;
}

/**
 * Splits "process refunds under 250 and view orders" or "listing orders for everyone and creating
 * orders for the sales role" where each side names its own tools, so a limit or a role stays with
 * its side. "view and update orders" stays whole: its first side names no tool noun.
 */
export function splitAndList(clause: string, tools: DraftTool[]): Clause[] {
  const parts = clause.split(/\s+and\s+/i);
  if (parts.length < 2) return [{ text: clause, inherits: false }];
  const own = (part: string) => toolNouns(part, tools).length > 0 && pickTools(part, tools).tools.length > 0;
  const out: Clause[] = [];
  for (const part of parts) {
    if (out.length && own(part) && own(out.at(-1)!.text)) out.push({ text: part, inherits: !speaksOfPermission(part) });
    else if (out.length) out[out.length - 1].text += ` and ${part}`;
    else out.push({ text: part, inherits: false });
  }
  return out;
}

const PERMISSION_WORDS = /\b(allow(?:s|ed|ing)?|permit(?:s|ted)?|may|can|could|able|grant(?:s|ed)?|let|enable[ds]?|authori[sz]ed?|only|read-only|requires?|required|needs?|limited|restricted|capped|everyone|anyone|nobody|no one|must|should|shall|is ok|are ok|fine)\b/;

/** Whether a clause says anything about permission at all ("make it secure" does not). */
export function speaksOfPermission(clause: string): boolean {
  const c = clause.toLowerCase();
  return PERMISSION_WORDS.test(c) || DENY_WORDS.test(c);
}

export function effectOf(clause: string): "permit" | "forbid" {
  return DENY_WORDS.test(clause.toLowerCase()) ? "forbid" : "permit";
}
