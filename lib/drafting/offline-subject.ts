/**
 * Who a clause is about, read from the canonical text (offline-text.ts): the roles it names, the
 * people it excepts, or everyone / nobody. Roles are written the many ways people write them —
 * "the refund-agent role", 'role "admin"', "admins", "refund agents", "people in finance", "the ops
 * team", "sales people", "admins and the support-viewer role" — and come back as role tag values.
 * Each match is blanked out of the text, so that what is left can be checked for words nobody read.
 */
import { FILLER, GENERIC_PEOPLE, GROUP_NOUNS, KNOWN_WORDS, PEOPLE_HEADS } from "./offline-lexicon";

export interface Subject {
  /** Role tag values the clause is restricted to; empty for everyone. */
  roles: string[];
  /** Roles excepted ("everyone except interns"). */
  except: string[];
  /** "nobody" / "no one": a forbid for everyone, unless an exception names who may. */
  nobody: boolean;
  /** "everyone", "anyone", "agents": said outright, so nothing is inherited from the clause before. */
  everyone: boolean;
  /** "nobody except X": only these roles, as a permit. */
  onlyThese: boolean;
  /** Plural nouns read as roles ("admins" → admin), to be said as assumptions. */
  guessed: Array<{ from: string; role: string }>;
}

export interface SubjectReading {
  subject: Subject;
  /** The clause with every people phrase blanked. */
  rest: string;
}

const MODAL = String.raw`(?:may|can|could|must|should|shall|will|are|is|do|does|need|needs|have|has|get|gets|never|not|only|cannot)`;
const EXCEPT = String.raw`(?:except(?:\s+for)?|but(?:\s+not)?|other\s+than|apart\s+from|besides|excluding|save\s+for|unless\s+(?:they\s+are|it\s+is|the\s+(?:caller|user|principal|agent)\s+is|you\s+are))`;
const ROLE_WORD = String.raw`(?:"[^"]+"|[a-z][a-z0-9_-]*)`;
const LIST_SEP = String.raw`(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*|\s*\/\s*)`;

/** Context: the words that name tools (and so cannot name people). */
export interface PeopleContext {
  toolWords: ReadonlySet<string>;
}

/** Reads the subject of one clause. */
export function readSubject(clause: string, ctx: PeopleContext): SubjectReading {
  const subject: Subject = { roles: [], except: [], nobody: false, everyone: false, onlyThese: false, guessed: [] };
  let rest = ` ${clause} `;
  const blank = (m: RegExpExecArray) => {
    rest = rest.slice(0, m.index) + " ".repeat(m[0].length) + rest.slice(m.index + m[0].length);
  };
  const take = (re: RegExp, on: (m: RegExpExecArray) => boolean) => {
    const m = re.exec(rest);
    if (m && on(m)) blank(m);
    return !!m;
  };

  // "nobody except the admin role", "no one but admins": only these, as a permit.
  take(new RegExp(String.raw`\b(?:nobody|no\s+one|no\s+user|no\s+agent|none|no\s+caller)\s+${EXCEPT}\s+(.+?)(?=\s+${MODAL}\b|$)`), (m) => {
    const people = parsePeople(m[1], ctx);
    if (!people) return false;
    Object.assign(subject, { roles: people.roles, onlyThese: true });
    subject.guessed.push(...people.guessed);
    return true;
  });
  // "everyone except interns", "anyone but the intern role".
  take(new RegExp(String.raw`\b(?:everyone|everybody|anyone|anybody|all\s+(?:users|agents|callers)|any\s+(?:user|agent|caller)|all)\s+${EXCEPT}\s+(.+?)(?=\s+${MODAL}\b|\s*,|$)`), (m) => {
    const people = parsePeople(m[1], ctx);
    if (!people) return false;
    subject.everyone = true;
    subject.except.push(...people.roles);
    subject.guessed.push(...people.guessed);
    return true;
  });
  // A trailing exception of people: "…, except interns", "unless they are admins".
  take(new RegExp(String.raw`,?\s*\b${EXCEPT}\s+(?:for\s+|by\s+)?(.+?)\s*$`), (m) => {
    const people = parsePeople(m[1], ctx);
    if (!people) return false;
    subject.except.push(...people.roles);
    subject.guessed.push(...people.guessed);
    return true;
  });
  if (/\b(?:nobody|no\s+one|no\s+user|no\s+agent|no\s+caller)\b/.test(rest)) {
    subject.nobody = true;
    rest = rest.replace(/\b(?:nobody|no\s+one|no\s+user|no\s+agent|no\s+caller)\b/, (s) => " ".repeat(s.length));
  }

  // People phrases anywhere that say "role", "team", "people in": unambiguous.
  for (;;) {
    const found = explicitPeople(rest, ctx);
    if (!found) break;
    subject.roles.push(...found.roles);
    rest = rest.slice(0, found.index) + " ".repeat(found.length) + rest.slice(found.index + found.length);
  }
  // People by position: "admins may …", "only maintainers …", "for interns", "by refund agents", "let finance people …".
  const positional = [
    new RegExp(String.raw`^\s*(?:only\s+)?(?:the\s+)?(${ROLE_WORD}(?:${LIST_SEP}(?:the\s+)?${ROLE_WORD}){0,4}(?:\s+${ROLE_WORD})?)\s+(?=${MODAL}\b)`),
    new RegExp(String.raw`\b(?:only|solely|exclusively|just)\s+(?:the\s+|by\s+|for\s+)?(${ROLE_WORD}(?:${LIST_SEP}(?:the\s+)?${ROLE_WORD}){0,4}(?:\s+${ROLE_WORD})?)`),
    new RegExp(String.raw`\b(?:for|by|let|lets|allow|allowing|permit|block|blocking|deny|denying|forbid|stop|prevent|requires?|needs?|reserved\s+for|restricted\s+to|limited\s+to|to)\s+(?:the\s+|all\s+|any\s+)?(${ROLE_WORD}(?:${LIST_SEP}(?:the\s+)?${ROLE_WORD}){0,4}(?:\s+${ROLE_WORD})?)`, "g"),
  ];
  for (const re of positional) {
    re.lastIndex = 0;
    for (let m = re.exec(rest); m; m = re.global ? re.exec(rest) : null) {
      const people = longestPeople(m[1], ctx);
      if (!people) {
        // The words after a failed try may still name people ("allow process_refund for admins").
        if (re.global) re.lastIndex = m.index + 1;
        continue;
      }
      const at = m.index + m[0].indexOf(m[1]);
      subject.roles.push(...people.roles);
      subject.guessed.push(...people.guessed);
      rest = rest.slice(0, at) + " ".repeat(people.length) + rest.slice(at + people.length);
      if (!re.global) break;
    }
  }
  if (/\b(?:everyone|everybody|anyone|anybody|all\s+users|any\s+user|all\s+agents|any\s+agent|the\s+public|whoever|any\s+caller|all\s+callers)\b/.test(rest) || (/^\s*(?:the\s+|an?\s+|all\s+|any\s+)?(?:agents?|users?|callers?|clients?|principals?)\b/.test(rest) && subject.roles.length === 0)) {
    subject.everyone = true;
  }
  subject.roles = [...new Set(subject.roles)];
  subject.except = [...new Set(subject.except)];
  return { subject, rest: rest.trim() };
}

interface People {
  roles: string[];
  guessed: Array<{ from: string; role: string }>;
  /** Characters of the phrase read as people, from its start. */
  length: number;
}

/** "people in finance", "the ops team", 'role "admin"', "support-viewer and admin roles", "users with the admin role". */
function explicitPeople(text: string, ctx: PeopleContext): { roles: string[]; index: number; length: number } | null {
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string[] | null]> = [
    [new RegExp(String.raw`\b(?:(?:users?|principals?|people|anyone|agents?|callers?|those|members?)\s+)?(?:with|having|whose)\s+(?:the\s+|a\s+)?role\s+(?:of\s+|is\s+|=\s*|named\s+)?(${ROLE_WORD})`), (m) => (isRoleWord(m[1], ctx) ? [unquote(m[1])] : null)],
    [new RegExp(String.raw`\brole\s+(?:of\s+|is\s+|=\s*|named\s+)?("[^"]+")`), (m) => [unquote(m[1])]],
    [new RegExp(String.raw`\b(?:the\s+)?(${ROLE_WORD}(?:${LIST_SEP}(?:the\s+)?${ROLE_WORD}){0,4})\s+roles?\b`), (m) => roleList(m[1], ctx)],
    [new RegExp(String.raw`\brole\s+(?:of\s+|=\s*)?(${ROLE_WORD})`), (m) => (isRoleWord(m[1], ctx) ? [unquote(m[1])] : null)],
    [new RegExp(String.raw`\b(?:people|users|members|staff|employees|folks|anyone|everyone|those|agents|persons|somebody|someone)\s+(?:in|from|of|on|within|at)\s+(?:the\s+)?(${ROLE_WORD})(?:\s+(?:${[...GROUP_NOUNS].join("|")}))?\b`), (m) => (isRoleWord(m[1], ctx) ? [unquote(m[1])] : null)],
    [new RegExp(String.raw`\b(?:the\s+)?(${ROLE_WORD})\s+(?:${[...GROUP_NOUNS].join("|")})s?\b`), (m) => (isRoleWord(m[1], ctx) ? [unquote(m[1])] : null)],
  ];
  for (const [re, read] of patterns) {
    const m = re.exec(text);
    const roles = m && read(m);
    if (m && roles && roles.length) return { roles, index: m.index, length: m[0].length };
  }
  return null;
}

function roleList(list: string, ctx: PeopleContext): string[] | null {
  const roles = list
    .split(new RegExp(LIST_SEP))
    .map((r) => r.replace(/^the\s+/, "").trim())
    .filter(Boolean);
  return roles.length && roles.every((r) => isRoleWord(r, ctx) || r.startsWith('"')) ? roles.map(unquote) : null;
}

/**
 * The longest start of `phrase` that names people: a list of person words ("admins and
 * refund-agents"), a compound ("refund agents", "support viewers", "sales people"), or one word.
 */
function longestPeople(phrase: string, ctx: PeopleContext): People | null {
  const words = phrase.split(/\s+/);
  for (let n = words.length; n >= 1; n--) {
    const candidate = words.slice(0, n).join(" ");
    const people = parsePeople(candidate, ctx);
    if (people) return { ...people, length: candidate.length };
  }
  return null;
}

/** A whole phrase as people, or null when any part of it is not a person word. */
export function parsePeople(phrase: string, ctx: PeopleContext): People | null {
  const text = phrase.trim().replace(/^the\s+/, "");
  const explicit = explicitPeople(text, ctx);
  if (explicit && explicit.index === 0 && explicit.length >= text.length - 1) return { roles: explicit.roles, guessed: [], length: phrase.length };
  const parts = text.split(new RegExp(LIST_SEP)).map((p) => p.replace(/^the\s+/, "").trim());
  const roles: string[] = [];
  const guessed: People["guessed"] = [];
  for (const part of parts) {
    const role = personRole(part, ctx);
    if (!role) return null;
    roles.push(role.role);
    if (role.guessed) guessed.push({ from: part, role: role.role });
  }
  return roles.length ? { roles, guessed, length: phrase.length } : null;
}

/** One person phrase: "admins" → admin, "refund agents" → refund-agent, "sales people" → sales, "refund-agent" as is. */
function personRole(part: string, ctx: PeopleContext): { role: string; guessed: boolean } | null {
  if (part.startsWith('"')) return { role: unquote(part), guessed: false };
  const words = part.split(/\s+/);
  if (words.length === 1) {
    const w = words[0];
    if (!isRoleWord(w, ctx)) return null;
    if (w.includes("-")) return { role: w.replace(/([^-]{3,})s$/, (s) => singular(s)), guessed: false };
    return { role: singular(w), guessed: true };
  }
  if (words.length === 2) {
    const [modifier, head] = words;
    if (KNOWN_WORDS.has(modifier) && !ctx.toolWords.has(modifier)) return null;
    if (/^\d/.test(modifier)) return null;
    // "sales people", "finance staff": the group is the role.
    if (PEOPLE_HEADS.has(head)) return isRoleWord(modifier, ctx) || ctx.toolWords.has(modifier) ? { role: modifier, guessed: true } : null;
    // "refund agents", "support viewers", "senior engineers": a compound role.
    const headIsPerson = GENERIC_PEOPLE.has(head) || isRoleWord(head, ctx);
    if (headIsPerson && /s$/.test(head) && head !== modifier) return { role: `${modifier}-${singular(head)}`, guessed: true };
  }
  return null;
}

function isRoleWord(w: string, ctx: PeopleContext): boolean {
  if (w.startsWith('"')) return true;
  if (!/^[a-z][a-z0-9_-]*$/.test(w)) return false;
  const s = singular(w);
  if (KNOWN_WORDS.has(w) || KNOWN_WORDS.has(s) || FILLER.has(w) || GENERIC_PEOPLE.has(w)) return false;
  if (ctx.toolWords.has(w) || ctx.toolWords.has(s)) return false;
  // "moving", "merged", "react" (add_reaction): a tool's verb, not a group of people.
  if (w.length >= 4 && [...ctx.toolWords].some((t) => t.length > w.length && t.startsWith(w) && /^[a-z]+$/.test(t))) return false;
  if ([w.replace(/ing$/, ""), w.replace(/ing$/, "e"), w.replace(/ed$/, ""), w.replace(/d$/, "")].some((stem) => stem !== w && ctx.toolWords.has(stem))) return false;
  return w.length > 1;
}

function singular(w: string): string {
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(w)) return w;
  return w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w;
}

function unquote(s: string): string {
  return s.replace(/^"|"$/g, "");
}
