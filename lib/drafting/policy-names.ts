/**
 * Names and descriptions for drafted policies, whichever drafter wrote them. The engine names a
 * policy by its `@id` (a letter first, then at most 48 letters, digits or underscores) and shows its
 * `@description`; a name says what the policy does (`permit_refund_agent_process_refund_under_1000`),
 * is unique in the draft and does not reuse a published policy's name (which would replace it).
 */
import type { DraftedPolicy } from "./types";

export const MAX_NAME = 48;
const VALID = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

/** A name from what a policy does: effect, roles, tools, conditions, shortened to fit. */
export function policyName(parts: { effect: "permit" | "forbid"; roles: string[]; tools: string[]; conditions: string[] }, used: Set<string>): string {
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  const tools = parts.tools.length > 3 ? [`${parts.tools.length}_tools`] : parts.tools;
  const candidates = [
    [parts.effect, ...parts.roles, ...tools, ...parts.conditions],
    [parts.effect, ...parts.roles, ...tools],
    [parts.effect, ...parts.roles.slice(0, 1), tools.length > 1 ? `${tools.length}_tools` : tools[0] ?? "tools"],
  ].map((words) => words.map(slug).filter(Boolean).join("_"));
  const base = candidates.find((c) => c.length <= MAX_NAME - 3) ?? candidates.at(-1)!.slice(0, MAX_NAME - 3).replace(/_+$/, "");
  return unique(base, used);
}

function unique(base: string, used: Set<string>): string {
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, MAX_NAME - String(i).length - 1)}_${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** A valid engine name from any text: letters, digits and underscores, a letter first, at most 48. */
export function toEngineName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^[^A-Za-z]+/, "").replace(/_+/g, "_").replace(/_$/, "");
  return (cleaned || "drafted_policy").slice(0, MAX_NAME).replace(/_$/, "");
}

/** Cedar string literal content: quotes and backslashes escaped, control characters as spaces. */
function cedarString(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\\/g, "\\\\").replace(/"/g, '\\"').trim();
}

/**
 * Every drafted policy with a valid, unique `@id` that does not clash with `taken` (published
 * names and the editor's), and an `@description` from its explanation when it has none.
 */
export function nameDraftedPolicies(policies: DraftedPolicy[], taken: Iterable<string> = []): DraftedPolicy[] {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  return policies.map((p, i) => {
    let statement = p.statement.trim();
    const id = /^\s*@id\s*\(\s*"((?:[^"\\]|\\.)*)"\s*\)/m.exec(statement);
    const wanted = id ? id[1] : `drafted_policy_${i + 1}`;
    const name = unique(VALID.test(wanted) ? wanted : toEngineName(wanted), used);
    if (id) statement = statement.replace(id[0], () => `@id("${name}")`);
    else statement = `@id("${name}")\n${statement}`;
    if (!/@description\s*\(/.test(statement) && p.explanation.trim()) {
      statement = statement.replace(`@id("${name}")`, () => `@id("${name}")\n@description("${cedarString(p.explanation).slice(0, 1000)}")`);
    }
    return { ...p, statement };
  });
}
