/**
 * Which of a gateway's tools a clause is about, the way cedar-agent-policy-builder reads them: a tool
 * named outright; a tool's own verb or noun ("merging" → merge_pull_request, "react" → add_reaction);
 * a kind of action ("view" → the read tools, "changes" → the update tools), narrowed by the nouns the
 * clause names. Tools whose names carry no verb are grouped by their descriptions.
 */
import type { DraftTool } from "./types";

export type Verb = "read" | "create" | "update" | "delete" | "execute";

/** General words for a kind of action: each adds every tool of that kind among the nouns' tools. */
const GENERAL: Array<[Verb, RegExp]> = [
  ["read", /\b(view(?:ed|ing|s)?|read(?:s|ing)?|read-only|readonly|read only|see|seen|seeing|look(?:ed|ing)? (?:up|at)|lookups?|look|inspect(?:ed|ing)?|information|info|details|access(?:ed)?|browse[ds]?|browsing|retrieve[ds]?|retrieving|check(?:ed|ing)?|show(?:n|ed|ing)?)\b/],
  ["create", /\b(creat(?:e|es|ed|ing|ion)|add(?:s|ed|ing)?|new|insert(?:s|ed|ing)?|plac(?:e|es|ed|ing)|open(?:s|ed|ing)?|submit(?:s|ted|ting)?|rais(?:e|es|ed|ing)|make|making|made|start(?:s|ed|ing)?)\b/],
  ["update", /\b(updat(?:e|es|ed|ing)|modif(?:y|ies|ied|ying|ication)s?|chang(?:e|es|ed|ing)|edit(?:s|ed|ing)?|amend(?:s|ed|ing)?|alter(?:s|ed|ing)?)\b/],
  ["delete", /\b(delet(?:e|es|ed|ing|ion)|remov(?:e|es|ed|ing|al)|cancel(?:s|led|ed|lation|ling|ing)?|destroy(?:s|ed|ing)?|eras(?:e|es|ed|ing)|drop(?:s|ped|ping)?)\b/],
];
/** "write", "mutations", "changes to": every create, update and delete tool. */
const WRITE_WORDS = /\b(writ(?:e|es|ing|ten)|mutat(?:e|es|ing|ions?)|changes? to|modifications?)\b/;
const TOOL_VERB: Array<[Verb, RegExp]> = [
  ["read", /^(get|list|read|search|find|describe|fetch|query|lookup|view|show|check|download|count)/],
  ["create", /^(create|add|new|insert|post|put|place|submit|open|upload|register|write|save|send)/],
  ["update", /^(update|modify|edit|set|patch|change|rename|move|assign)/],
  ["delete", /^(delete|remove|cancel|destroy|close|revoke|archive|purge|drop)/],
];
/** What a tool's description says it does, by its leading verb ("Looks up a ticket" → read). */
const DESCRIPTION_VERB: Array<[Verb, RegExp]> = [
  ["read", /^(gets?|returns?|retrieves?|fetch(es)?|looks? up|lists?|reads?|shows?|searches|search|finds?|describes?|views?|queries|query|checks?|counts?|downloads?|run a read-only)\b/],
  ["create", /^(creates?|adds?|inserts?|places?|submits?|opens?|uploads?|registers?|writes?|saves?|sends?|issues?|books?|posts?)\b/],
  ["update", /^(updates?|modif(y|ies)|edits?|sets?|patch(es)?|changes?|renames?|moves?|assigns?|escalates?|reassigns?)\b/],
  ["delete", /^(deletes?|removes?|cancels?|destroys?|closes?|revokes?|archives?|purges?|drops?)\b/],
];
/** Verbs outside read/create/update/delete that lead tool names (`merge_pull_request`, `refund_charge`). */
const ACTION_VERB = /^(merge|approve|reject|transition|escalate|execute|run|invoke|process|refund|charge|pay|transfer|deploy|publish|trigger|start|stop|restart|reboot|terminate|lock|unlock|reopen|comment|reply|react|sync|import|export|generate|convert|translate|calculate|validate|verify|notify|schedule|resolve|post|send)$/;
/** Other ways to say a tool's own verb. */
const SYNONYMS: Record<string, string[]> = {
  create: ["open", "raise", "submit", "add", "new", "place"],
  post: ["send", "write", "publish"],
  execute: ["run"],
  process: ["issue", "do", "make", "handle", "grant", "give"],
  charge: ["bill"],
  query: ["run", "select"],
  move: ["rename", "relocate"],
  search: ["find", "look"],
  get: ["look", "lookup", "fetch", "retrieve"],
  list: ["browse", "enumerate"],
};
const STOP = new Set(["the", "a", "an", "may", "can", "be", "is", "are", "and", "or", "but", "only", "to", "of", "for", "any", "all", "with", "by", "role", "agent", "agents", "user", "users", "tool", "tools", "call", "calls"]);

export function shortName(name: string): string {
  return name.includes("___") ? name.slice(name.indexOf("___") + 3) : name;
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

/** The verb group of a tool: from its name's leading verb, else from its description's. */
export function toolVerb(tool: DraftTool): Verb {
  const first = nameWords(tool)[0] ?? "";
  for (const [verb, re] of TOOL_VERB) if (re.test(first)) return verb;
  const description = (tool.description ?? "").trim().toLowerCase();
  for (const [verb, re] of DESCRIPTION_VERB) if (re.test(description)) return verb;
  return "execute";
}

/** The tool's own verb, when its name starts with one (`merge` of merge_pull_request). */
function ownVerb(tool: DraftTool): string | null {
  const words = nameWords(tool);
  const first = words[0] ?? "";
  return TOOL_VERB.some(([, re]) => re.test(first)) || (words.length > 1 && ACTION_VERB.test(first)) || (words.length === 1 && ACTION_VERB.test(first)) ? first : null;
}

/** A clause word says `verb` (same stem, an inflection, or a synonym). */
function says(words: Set<string>, verb: string): boolean {
  const stem = verb.length > 5 ? verb.slice(0, 5) : verb.replace(/e$/, "");
  return [...words].some((w) => (w.length > 2 && w.startsWith(stem)) || (SYNONYMS[verb] ?? []).includes(w));
}

/** Tools a clause is about, and in words how they were chosen. */
export function pickTools(clause: string, tools: DraftTool[]): { tools: string[]; chosenBy: string } {
  const c = ` ${clause.toLowerCase()} `;
  // "this file system", "the database": the gateway itself, not a tool noun.
  const words = new Set(c.replace(/\b(?:file ?system|file-system|this (?:gateway|server|system|api|service))\b/g, " ").split(/[^a-z0-9_-]+/).filter(Boolean).map(singular));
  const named = tools.filter((t) => c.includes(t.name.toLowerCase()) || new RegExp(String.raw`(?<![\w])${shortName(t.name).toLowerCase()}(?![\w])`).test(c));
  if (named.length) return { tools: named.map((t) => t.name), chosenBy: "named outright" };

  const pool0 = tools;
  const byNoun = pool0.filter((t) => nounsOf(t).some((w) => words.has(w)));
  const pool = byNoun.length ? byNoun : tools;
  // Word by word: a tool's own verb ("merging", "react" for add_reaction) picks that tool; a general word ("view", "changes") its kind.
  const picked = new Set<DraftTool>();
  const general = new Set<Verb>();
  for (const w of words) {
    const direct = pool.filter((t) => {
      const verb = ownVerb(t);
      return verb !== null && verb.length > 2 && says(new Set([w]), verb);
    });
    const stemmed = tools.filter((t) => nounsOf(t).some((n) => n.length >= 4 && w !== n && w.length >= 4 && (n.startsWith(w) || (n.length > 5 && w.startsWith(n.slice(0, 5))))));
    if (direct.length) direct.forEach((t) => picked.add(t));
    else if (stemmed.length && !GENERAL.some(([, re]) => re.test(` ${w} `))) stemmed.forEach((t) => picked.add(t));
    else for (const [verb, re] of GENERAL) if (re.test(` ${w} `)) general.add(verb);
    if (WRITE_WORDS.test(` ${w} `) && direct.length === 0) ["create", "update", "delete"].forEach((v) => general.add(v as Verb));
  }
  if (/\bread[- ]?only\b/.test(c)) general.add("read");
  for (const t of tools) if (nameWords(t).length > 1 && nameWords(t).every((w) => words.has(w))) picked.add(t);
  for (const verb of general) pool.filter((t) => toolVerb(t) === verb).forEach((t) => picked.add(t));
  if (picked.size) return { tools: tools.filter((t) => picked.has(t)).map((t) => t.name), chosenBy: general.size ? `their verbs and names, and the kinds of action (${[...general].join(", ")})` : "their verbs and names" };
  // Only nouns ("reactions are fine"): every tool of those nouns, unless the clause has a verb none of them has.
  if (byNoun.length && general.size === 0 && !hasOtherVerb(words, byNoun, tools)) return { tools: byNoun.map((t) => t.name), chosenBy: "nouns" };
  return { tools: [], chosenBy: "" };
}

/** The clause uses some action verb ("open", "approve") that none of these tools has: the nouns alone would guess. */
function hasOtherVerb(words: Set<string>, candidates: DraftTool[], tools: DraftTool[]): boolean {
  const nouns = new Set(candidates.flatMap(nounsOf));
  const verbs = [...words].filter((w) => !nouns.has(w) && (ACTION_VERB.test(w) || Object.values(SYNONYMS).some((s) => s.includes(w)) || tools.some((t) => ownVerb(t) === w)));
  return verbs.length > 0 && !candidates.some((t) => verbs.some((v) => says(new Set([v]), ownVerb(t) ?? "~")));
}

/** The nouns of a tool's name; a one-word name (`query`, `execute`) is its own noun too. */
function nounsOf(tool: DraftTool): string[] {
  const words = nameWords(tool);
  if (words.length === 1) return words;
  return words.filter((w) => w.length > 2 && !STOP.has(w) && w !== ownVerb(tool));
}

/** Every word of every tool name, singular: a word naming tools cannot name people. */
export function toolWords(tools: DraftTool[]): Set<string> {
  return new Set(tools.flatMap(nameWords));
}

/** The tool nouns a clause names ("Tickets may be viewed" → ticket), for a clause after it that leaves them out. */
export function toolNouns(clause: string, tools: DraftTool[]): string[] {
  const words = clause.toLowerCase().split(/[^a-z0-9_-]+/).filter(Boolean).map(singular);
  const nouns = new Set(tools.flatMap(nounsOf));
  return [...new Set(words.filter((w) => nouns.has(w)))];
}

/** "…, deny everything else": what default deny already does, so no policy is written for it. */
export function isCatchAll(clause: string): boolean {
  return /\b(everything|anything|all|any)\s+(else|other)\b|\b(all|any)\s+other\s+(tools?|calls?|actions?)\b|\bnothing else\b|\botherwise\b|\bthe rest\b/i.test(clause);
}

/** A word that says an action (a kind of action, a tool's verb, or a synonym of one): read, not left over. */
export function isActionWord(w: string): boolean {
  return GENERAL.some(([, re]) => re.test(` ${w} `)) || WRITE_WORDS.test(` ${w} `) || ACTION_VERB.test(w) || Object.values(SYNONYMS).some((s) => s.includes(w)) || TOOL_VERB.some(([, re]) => re.test(w));
}
