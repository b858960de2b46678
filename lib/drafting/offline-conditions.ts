/**
 * The conditions a clause puts on a call's arguments, read from the canonical text: numeric limits
 * ("under $1000", "between 10 and 100", "20 or more", "below that"), "without limit", argument
 * values (enum values such as "shipped orders", "merged with squash", "in eur"; quoted strings and
 * ids after a field's name), path prefixes ("under /tmp"), and what Cedar cannot say here (times,
 * rates, ownership, content). Each match is blanked out of the text.
 */
import { UNEXPRESSIBLE } from "./offline-lexicon";

export interface Limit {
  op: "<" | "<=" | ">" | ">=";
  value: number;
  /** Said in dollars ("$500", "500 dollars"). */
  money: boolean;
}

export interface Conditions {
  limits: Limit[];
  /** "limited to", "capped at": the calls are allowed up to the limit. */
  capped: boolean;
  /** "without limit", "any amount": said on purpose, so no limit is inherited or asked for. */
  noLimit: boolean;
  /** Limits under "unless"/"except": the call is allowed only outside them. */
  negatedLimits: Limit[];
  paths: Array<{ prefix: string; negated: boolean }>;
  /** Strings after "in"/"only"/a field word that are no tool word, e.g. `"policy-studio"` or C123: resolved against fields later. */
  strings: Array<{ value: string; negated: boolean; near: string }>;
  unexpressible: Array<{ what: string; words: string }>;
}

const NUM = String.raw`(\$?\d+(?:\.\d+)?|that|this|it|the same)`;
const FILL = String.raw`(?:(?:to|of|a|an|the|total|amount|value|sum|size|level|just|only)\s+){0,3}`;
const OPS: Array<[string, Limit["op"]]> = [
  [String.raw`at\s+most|no\s+more\s+than|not\s+more\s+than|up\s+to|a\s+maximum\s+of|maximum\s+of|maximum|max|limited\s+to|capped\s+at|no\s+higher\s+than|no\s+greater\s+than|not\s+greater\s+than|no\s+larger\s+than|not\s+larger\s+than|no\s+bigger\s+than|not\s+above|not\s+over|not\s+exceeding|that\s+do\s+not\s+exceed|does\s+not\s+exceed|do\s+not\s+exceed|no\s+higher|up\s+until`, "<="],
  [String.raw`under|less\s+than|below|lower\s+than|smaller\s+than|fewer\s+than|beneath|lesser\s+than`, "<"],
  [String.raw`at\s+least|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of|minimum\s+of|minimum|min|no\s+fewer\s+than|no\s+lower\s+than|not\s+below|not\s+under|starting\s+at`, ">="],
  [String.raw`over|more\s+than|above|greater\s+than|higher\s+than|larger\s+than|bigger\s+than|exceeding|exceeds|exceed|in\s+excess\s+of|beyond`, ">"],
];
/** Words that put a condition under an exception ("unless", "except in"); a plain "not" makes the clause a forbid instead. */
const NEGATOR = /\b(?:unless|except(?:\s+for|\s+when|\s+if|\s+in)?|but\s+not|other\s+than|excluding|outside(?:\s+of)?)\s+(?:[\w$.]+\s+){0,4}$/;

export function readConditions(clause: string, previousNumber: number | null): { conditions: Conditions; rest: string } {
  let rest = ` ${clause} `;
  const c: Conditions = { limits: [], capped: false, noLimit: false, negatedLimits: [], paths: [], strings: [], unexpressible: [] };
  const blank = (index: number, length: number) => {
    rest = rest.slice(0, index) + " ".repeat(length) + rest.slice(index + length);
  };
  const value = (raw: string): number | null => {
    if (/^(that|this|it|the same)$/.test(raw)) return previousNumber;
    const n = Number(raw.replace(/^\$/, ""));
    return Number.isFinite(n) ? n : null;
  };
  const push = (limit: Limit, at: number) => (NEGATOR.test(rest.slice(0, at)) ? c.negatedLimits : c.limits).push(limit);

  const noLimit = /\b(?:without\s+(?:a\s+|any\s+)?(?:limits?|restrictions?|caps?|maximum)|no\s+(?:limits?|caps?|maximum)|unlimited|uncapped|any\s+amount|of\s+any\s+(?:size|amount|value)|whatever\s+amount)\b/.exec(rest);
  if (noLimit) {
    c.noLimit = true;
    blank(noLimit.index, noLimit[0].length);
  }
  for (const re of [new RegExp(String.raw`\bbetween\s+${FILL}${NUM}\s+(?:and|to)\s+${NUM}`), new RegExp(String.raw`\bfrom\s+${NUM}\s+(?:to|through|until)\s+${NUM}`)]) {
    const m = re.exec(rest);
    const [lo, hi] = m ? [value(m[1]), value(m[2])] : [null, null];
    if (m && lo !== null && hi !== null) {
      const money = m[0].includes("$");
      push({ op: ">=", value: Math.min(lo, hi), money }, m.index);
      push({ op: "<=", value: Math.max(lo, hi), money }, m.index);
      blank(m.index, m[0].length);
    }
  }
  // "20 dollars or more", "100 or less", "500 and under".
  const trailing = new RegExp(String.raw`(\$?\d+(?:\.\d+)?)\s+(?:or|and)\s+(more|above|over|higher|greater|up|less|fewer|below|under|lower)\b`, "g");
  for (let m = trailing.exec(rest); m; m = trailing.exec(rest)) {
    const n = value(m[1]);
    if (n === null) continue;
    push({ op: /more|above|over|higher|greater|up/.test(m[2]) ? ">=" : "<=", value: n, money: m[1].startsWith("$") }, m.index);
    blank(m.index, m[0].length);
  }
  for (const [ops, op] of OPS) {
    const re = new RegExp(String.raw`\b(?:${ops})\s+${FILL}${NUM}`, "g");
    for (let m = re.exec(rest); m; m = re.exec(rest)) {
      const n = value(m[1]);
      if (n === null) continue;
      push({ op, value: n, money: m[1].startsWith("$") }, m.index);
      if (/^(?:limited|capped|restricted)/.test(m[0].trim())) c.capped = true;
      blank(m.index, m[0].length);
    }
  }

  // Paths: "under /tmp", "in /var/log/", "not in /root".
  const path = /(?:\b(?:under|in|inside|within|below|beneath|from|to|into|at|outside(?:\s+of)?|of)\s+)?(?<![\w"])(\/[\w.*-]+(?:\/[\w.*-]+)*)\/?/g;
  for (let m = path.exec(rest); m; m = path.exec(rest)) {
    const negated = /\boutside\b/.test(m[0]) || NEGATOR.test(rest.slice(0, m.index));
    c.paths.push({ prefix: m[1].replace(/\/\*?$/, ""), negated });
    blank(m.index, m[0].length);
  }
  // Quoted strings (the text keeps them as "…").
  const quoted = /"([^"]*)"/g;
  for (let m = quoted.exec(rest); m; m = quoted.exec(rest)) {
    // 'role "admin"', '"admin" role': people, read by offline-subject.ts.
    if (/\brole\s+(?:of\s+|is\s+|=\s*|named\s+)?$/.test(rest.slice(0, m.index)) || /^\s+roles?\b/.test(rest.slice(m.index + m[0].length))) continue;
    c.strings.push({ value: m[1], negated: NEGATOR.test(rest.slice(0, m.index)), near: `${rest.slice(Math.max(0, m.index - 40), m.index)} ${rest.slice(m.index + m[0].length, m.index + m[0].length + 25)}` });
    blank(m.index, m[0].length);
  }
  for (const { what, re } of UNEXPRESSIBLE) {
    const m = re.exec(rest);
    if (m) c.unexpressible.push({ what, words: m[0].trim() });
  }
  return { conditions: c, rest: rest.replace(/\s+/g, " ").trim() };
}

/** An enum argument of the tools a clause is about: its path in `context.input`, its name's words, its values. */
export interface EnumField {
  path: string;
  words: string[];
  values: string[];
}

export interface ValueCondition {
  path: string;
  values: string[];
  negated: boolean;
}

/**
 * Enum values the clause restricts an argument to: "shipped orders", "status shipped", "merged with
 * squash", "in eur", "unless the merge method is rebase", "duplicate or requested by customer".
 * A value word used as a verb ("orders may be cancelled") is left alone: it must sit next to the
 * field's name, a tool noun, "with/in/to/as", or "only".
 */
export function readValues(clause: string, fields: EnumField[], nouns: string[]): { values: ValueCondition[]; rest: string } {
  const toolWord = new Set(nouns);
  let rest = ` ${clause} `;
  const out: ValueCondition[] = [];
  const spoken = (v: string) => v.toLowerCase().replace(/[_-]+/g, " ").trim();
  for (const field of fields) {
    const name = field.words.join(String.raw`\s+`);
    const pattern = (values: string[]) => values.map((v) => spoken(v).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, String.raw`\s+`)).sort((a, b) => b.length - a.length).join("|");
    // A value that is also a tool's word ("merge") counts only next to its field's name ("merge method is merge").
    const all = pattern(field.values);
    const free = pattern(field.values.filter((v) => !toolWord.has(spoken(v))));
    if (!all) continue;
    const list = (any: string) => String.raw`((?:${any})(?:(?:\s*,\s*|\s+or\s+|\s+and\s+)(?:${any}))*)`;
    const noun = nouns.length ? nouns.join("|") : "(?!)";
    const patterns = [
      new RegExp(String.raw`\b(?:the\s+)?(?:${name})\s+(?:is\s+|are\s+|=\s*|of\s+|equals?\s+|set\s+to\s+)?(not\s+)?(?:either\s+)?${list(all)}\b`),
      new RegExp(String.raw`\b${list(all)}\s+(?:${name})\b`),
      ...(free ? [new RegExp(String.raw`\b(?:with|in|using|as|to|via|through|only)\s+(?:a\s+|an\s+|the\s+)?${list(free)}\b`), new RegExp(String.raw`\b${list(free)}\s+(?:(?:${noun})s?\b)`)] : []),
    ];
    for (const re of patterns) {
      const m = re.exec(rest);
      if (!m) continue;
      const said = (m[2] ?? m[1]).toLowerCase();
      const values = field.values.filter((v) => new RegExp(String.raw`\b${spoken(v).replace(/ /g, String.raw`\s+`)}\b`).test(said));
      if (values.length === 0) continue;
      const negated = (m[1] !== undefined && m.length > 2 && /^not/.test(m[1] ?? "")) || NEGATOR.test(rest.slice(0, m.index));
      out.push({ path: field.path, values, negated });
      // A tool noun after the value stays: it still says which tools.
      const keep = new RegExp(String.raw`\s(?:only|(?:${noun})s?)$`).exec(m[0]);
      const length = keep ? m[0].length - keep[0].length : m[0].length;
      rest = rest.slice(0, m.index) + " ".repeat(length) + rest.slice(m.index + length);
      break;
    }
  }
  return { values: out, rest: rest.replace(/\s+/g, " ").trim() };
}
