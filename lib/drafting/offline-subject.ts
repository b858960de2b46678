/**
 * Who a clause is about, and the parts of it the offline drafter must not silently drop: roles
 * ("the refund-agent role", "support-viewer and admin roles", "Only admins"), exceptions ("nobody
 * except…", "everything except…") and conditions on text arguments it cannot write.
 */

const NOT_A_ROLE = new Set(["the", "a", "an", "may", "can", "be", "is", "are", "and", "or", "but", "only", "to", "of", "for", "any", "all", "with", "by", "role", "roles", "tool", "tools", "call", "calls"]);
const GENERIC = /^(everyone|everybody|anyone|anybody|nobody|none|agents?|users?|callers?|clients?|principals?|people|persons?|it|they|we|you|all|this|these|those|each|every)$/i;
const MODAL = String.raw`(?:may|can|could|must|should|shall|will|are|is|cannot|can't|mustn't|shouldn't|don't|do not|never)`;

export interface Roles {
  roles: string[];
  /** The plural noun a role was read from ("admins" → admin), when the request did not say "role". */
  guessedFrom?: string;
}

/**
 * The roles a clause restricts to. Words naming people ("Only admins may…", "Interns must not…") are
 * read as role tag values, singular, and reported so the user can correct them.
 */
export function parseRoles(clause: string, toolWords: ReadonlySet<string>): Roles {
  const quoted = /role\s+(?:of\s+)?["'“]([^"'”]+)["'”]/i.exec(clause) ?? /["'“]([^"'”]+)["'”]\s+role\b/i.exec(clause);
  if (quoted) return { roles: [quoted[1]] };
  const many = /\b((?:the\s+)?[a-z][\w-]*(?:\s*,\s*(?:the\s+)?[a-z][\w-]*)*\s*,?\s+(?:and|or)\s+(?:the\s+)?[a-z][\w-]*)\s+roles\b/i.exec(clause);
  if (many) {
    const roles = many[1].split(/\s*,\s*|\s+(?:and|or)\s+/).map((w) => w.replace(/^the\s+/i, "").trim());
    if (roles.every((r) => r && !NOT_A_ROLE.has(r.toLowerCase()))) return { roles };
  }
  const before = /\b(?:the\s+)?([a-z][\w-]*)\s+role\b/i.exec(clause);
  if (before && !NOT_A_ROLE.has(before[1].toLowerCase())) return { roles: [before[1]] };
  const after = /\brole\s+(?:of\s+|is\s+|=\s*)?([a-z][\w-]*)/i.exec(clause);
  if (after && !NOT_A_ROLE.has(after[1].toLowerCase())) return { roles: [after[1]] };

  const only = new RegExp(String.raw`\bonly\s+(?:the\s+)?([a-z][\w-]*)\s+${MODAL}\b`, "i").exec(clause);
  const subject = new RegExp(String.raw`^(?:the\s+)?([a-z][\w-]*s)\s+${MODAL}\b`, "i").exec(clause.trim());
  const word = (only ?? subject)?.[1];
  if (!word || GENERIC.test(word) || NOT_A_ROLE.has(word.toLowerCase())) return { roles: [] };
  const lower = word.toLowerCase();
  const role = singularPerson(lower);
  if ([lower, role, lower.replace(/s$/, "")].some((w) => toolWords.has(w))) return { roles: [] };
  return { roles: [role], guessedFrom: word };
}

function singularPerson(w: string): string {
  if (/-/.test(w)) return w;
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  return w.length > 3 && /[^s]s$/i.test(w) ? w.slice(0, -1) : w;
}

const EXCEPT = String.raw`(?:except(?:\s+for)?|but|other than|apart from|besides|excluding|save for)`;

export type Exception =
  /** "Nobody except the refund-agent role may process refunds": a permit for those roles. */
  | { kind: "only-these"; who: string; rest: string }
  /** "Allow everything except cancelling orders": every tool but the excepted ones. */
  | { kind: "all-but"; lead: string; excepted: string };

export function parseException(clause: string): Exception | null {
  const nobody = new RegExp(String.raw`^(?:nobody|no one|no agent|no user|none)\s+${EXCEPT}\s+(.+?)\s+(?:may|can|could|should|shall|is allowed to|are allowed to)\s+(.+)$`, "i").exec(clause.trim());
  if (nobody) return { kind: "only-these", who: nobody[1], rest: nobody[2] };
  const all = new RegExp(String.raw`^(.*?\b(?:everything|anything|all tools|every tool|all calls|all actions))\s+${EXCEPT}\s+(.+)$`, "i").exec(clause.trim());
  if (all) return { kind: "all-but", lead: all[1], excepted: all[2] };
  return null;
}

/**
 * Words that put a condition on a text argument (a path, an address, a name pattern). The offline
 * drafter writes numeric limits and roles only, so it must say when a clause asks for more.
 */
const TEXT_CONDITION = /(?:^|\s)\/[\w.*-]+|@[\w-]+\.|\b(?:domains?|matching|starting with|ending with|beginning with|containing|contains|external|internal|whose name|named like|pattern|prefix|suffix|extension)\b/i;

export function textCondition(clause: string): string | null {
  const m = TEXT_CONDITION.exec(clause);
  return m ? m[0].trim() : null;
}
