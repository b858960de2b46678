/**
 * Splits a policy-set text into its policies and joins them back, byte for byte. Cedar's own
 * `policySetTextToParts` re-prints policies and drops comments and offsets, so the split is done by
 * a small scanner (a policy ends at a `;` outside strings and `//` comments) and cedar-wasm is used
 * only to read each policy's effect, annotations and action scope.
 */
import { ACTION_GROUPS, ACTION_TYPE, type CedarApi, type PolicyJson } from "./cedar-api";

export interface PolicyPart {
  /** `@id("…")` when present, else `policy<N>` (N = position in the text, as cedar-wasm numbers them). */
  id: string;
  /** The policy from its first annotation or keyword through its closing `;`. */
  text: string;
  /** Whitespace and comments before the policy; kept so join(split(t)) === t. */
  leading: string;
  effect: "permit" | "forbid" | null;
  annotations: Record<string, string>;
  /** Tool actions the scope names; null when it applies to every tool (unconstrained or a group). */
  actions: string[] | null;
  /** UTF-16 offsets of `text` in the whole document, and 1-based lines. */
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** The policy does not parse on its own; effect/actions are best guesses. */
  parseError?: string;
  /** The policy as `policyToJson` gives it, when it parses. */
  json?: PolicyJson;
}

export interface SplitPolicies {
  parts: PolicyPart[];
  /** Whitespace, comments or an unterminated policy after the last `;`. */
  trailing: string;
}

/** Raw spans: each policy's leading trivia and text, without asking Cedar anything. */
export function scanPolicies(text: string): { spans: Array<{ leadingStart: number; start: number; end: number }>; trailingStart: number } {
  const spans: Array<{ leadingStart: number; start: number; end: number }> = [];
  let leadingStart = 0;
  let start = -1;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    i++;
    if (c === ";") {
      spans.push({ leadingStart, start, end: i });
      leadingStart = i;
      start = -1;
    }
  }
  return { spans, trailingStart: leadingStart };
}

export function splitPolicies(cedar: Pick<CedarApi, "policyToJson">, text: string): SplitPolicies {
  const { spans, trailingStart } = scanPolicies(text);
  const lineAt = lineCounter(text);
  const taken = new Set<string>();
  const parts = spans.map((s, n): PolicyPart => {
    const policyText = text.slice(s.start, s.end);
    const info = describePolicy(cedar, policyText);
    let id = info.annotations.id || `policy${n}`;
    // Ids must be unique for preparsed sets and diagnostics; a repeated @id gets a suffix.
    for (let k = 2; taken.has(id); k++) id = `${info.annotations.id || `policy${n}`}#${k}`;
    taken.add(id);
    return {
      id,
      text: policyText,
      leading: text.slice(s.leadingStart, s.start),
      ...info,
      start: s.start,
      end: s.end,
      startLine: lineAt(s.start),
      endLine: lineAt(s.end - 1),
    };
  });
  return { parts, trailing: text.slice(trailingStart) };
}

/** Inverse of splitPolicies; parts without `leading` (new ones) are separated by a blank line. */
export function joinPolicies(parts: Array<Pick<PolicyPart, "text"> & { leading?: string }>, trailing = "\n"): string {
  return (
    parts.map((p, i) => (p.leading !== undefined ? p.leading : i === 0 ? "" : "\n\n") + p.text).join("") + trailing
  );
}

export function describePolicy(
  cedar: Pick<CedarApi, "policyToJson">,
  policyText: string,
): Pick<PolicyPart, "effect" | "annotations" | "actions" | "parseError"> & { json?: PolicyJson } {
  let answer: ReturnType<CedarApi["policyToJson"]>;
  try {
    answer = cedar.policyToJson(policyText);
  } catch (e) {
    answer = { type: "failure", errors: [{ message: String(e), help: null, code: null, url: null, severity: null }] };
  }
  if (answer.type === "success") {
    const json = answer.json;
    return { effect: json.effect, annotations: { ...(json.annotations ?? {}) }, actions: actionsInScope(json), json };
  }
  const effect = /^\s*(?:@[^;]*?\)\s*)*(permit|forbid)\b/.exec(policyText)?.[1] as "permit" | "forbid" | undefined;
  const annotations: Record<string, string> = {};
  for (const m of policyText.matchAll(/@(\w+)\s*\(\s*"((?:[^"\\]|\\.)*)"\s*\)/g)) annotations[m[1]] = m[2];
  return { effect: effect ?? null, annotations, actions: null, parseError: answer.errors.map((e) => e.message).join("; ") };
}

/**
 * Tool actions a policy scope can match: the named AgentCore actions, or null for every tool
 * (no constraint, or a constraint through the `CallTool`/`Mcp` groups). Actions of another
 * namespace are kept verbatim (`Ns::Action::"x"` → `x` only when the type is AgentCore::Action).
 */
export function actionsInScope(json: PolicyJson): string[] | null {
  const c = json.action;
  if (c.op === "All") return null;
  const uids = "entities" in c ? c.entities : "entity" in c ? [c.entity] : [];
  const ids: string[] = [];
  for (const raw of uids) {
    const uid = "__entity" in raw ? raw.__entity : raw;
    if (uid.type === ACTION_TYPE && (ACTION_GROUPS as readonly string[]).includes(uid.id) && c.op === "in") return null;
    ids.push(uid.type === ACTION_TYPE ? uid.id : `${uid.type}::"${uid.id}"`);
  }
  return ids;
}

function lineCounter(text: string) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
