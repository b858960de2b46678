/**
 * Guardrail conditions as AgentCore documents them ("Guardrails in policies"): an information-provider
 * call `BedrockGuardrails::<Type>([categories], [content])` followed by either a per-category score
 * (`["VIOLENCE"].confidenceScore`, ContentFilter and PromptAttack only) or an aggregation
 * (`maxConfidenceScore()`, `minConfidenceScore()`, `count()`, `categories()`), usually compared with
 * a 0–1 threshold through Cedar's decimal methods. Dogwood itself has no guardrail grammar: a call is
 * any namespaced `Ns::Fn(args)` inside a Cedar condition (formal specification §2.5).
 */
import type { DogwoodProblem } from "./problem";
import { SERVICE_CHECKED } from "./problem";
import { matching, type Span, type Token } from "./source";

export const GUARDRAIL_NAMESPACE = "BedrockGuardrails";
export const GUARDRAIL_TYPES = ["ContentFilter", "PromptAttack", "SensitiveInformation"] as const;
export type GuardrailType = (typeof GUARDRAIL_TYPES)[number];

/**
 * Categories per type. ContentFilter and PromptAttack are the categories of Bedrock's
 * InvokeGuardrailChecks API, which AgentCore calls. SensitiveInformation lists Bedrock's entity
 * types; AgentCore documents that it accepts only some of them, so a name on this list may still
 * be refused by the service.
 */
export const GUARDRAIL_CATEGORIES: Record<GuardrailType, readonly string[]> = {
  ContentFilter: ["HATE", "INSULTS", "MISCONDUCT", "SEXUAL", "VIOLENCE"],
  PromptAttack: ["JAILBREAK", "PROMPT_INJECTION", "PROMPT_LEAKAGE"],
  SensitiveInformation: [
    "ADDRESS", "AGE", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "CA_HEALTH_NUMBER", "CA_SOCIAL_INSURANCE_NUMBER",
    "CREDIT_DEBIT_CARD_CVV", "CREDIT_DEBIT_CARD_EXPIRY", "CREDIT_DEBIT_CARD_NUMBER", "DRIVER_ID", "EMAIL",
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "IP_ADDRESS", "LICENSE_PLATE", "MAC_ADDRESS", "NAME", "PASSWORD",
    "PHONE", "PIN", "SWIFT_CODE", "UK_NATIONAL_HEALTH_SERVICE_NUMBER", "UK_NATIONAL_INSURANCE_NUMBER",
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER", "URL", "USERNAME", "US_BANK_ACCOUNT_NUMBER", "US_BANK_ROUTING_NUMBER",
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "US_PASSPORT_NUMBER", "US_SOCIAL_SECURITY_NUMBER", "VEHICLE_IDENTIFICATION_NUMBER",
  ],
};

export const GUARDRAIL_AGGREGATIONS = ["maxConfidenceScore", "minConfidenceScore", "count", "categories"] as const;
export const THRESHOLD_METHODS = ["greaterThan", "greaterThanOrEqual", "lessThan", "lessThanOrEqual"] as const;

/** Cedar's built-in methods: a provider chain ends where one of them starts (it is plain Cedar). */
const CEDAR_METHODS = new Set([
  "contains", "containsAll", "containsAny", "isEmpty", "getTag", "hasTag", "lessThan", "lessThanOrEqual", "greaterThan",
  "greaterThanOrEqual", "isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange", "offset", "durationSince", "toDate",
  "toTime", "toMilliseconds", "toSeconds", "toMinutes", "toHours", "toDays",
]);

export type GuardrailValueType = "decimal" | "Long" | "Set<String>";

export interface GuardrailCall {
  /** The whole chain: invocation and provider accessors (not the Cedar comparison after it). */
  span: Span;
  namespace: string[];
  name: string;
  nameSpan: Span;
  /** The first argument's string literals, when it is a set of strings. */
  categories: Array<{ value: string; span: Span }> | null;
  /** The second argument's `context.…` paths, when it is a set of them. */
  content: Array<{ path: string[]; span: Span }> | null;
  argCount: number;
  argsSpan: Span;
  accessors: Array<{ kind: "index"; key: string; span: Span } | { kind: "attr"; name: string; span: Span } | { kind: "method"; name: string; span: Span }>;
  /** What the chain evaluates to, when its shape is one AgentCore documents. */
  valueType: GuardrailValueType | null;
  /** `.greaterThan(decimal("0.5"))` and friends right after a decimal-valued chain. */
  threshold?: { method: string; text: string; span: Span };
}

export function isGuardrailType(name: string): name is GuardrailType {
  return (GUARDRAIL_TYPES as readonly string[]).includes(name);
}

/**
 * Provider calls inside a Cedar condition body, found structurally: a namespaced name (two or more
 * `::` segments) directly followed by `(`. Cedar's own functions (`decimal(…)`, `ip(…)`) are not
 * namespaced, and an entity reference ends in a string, so neither is mistaken for a call.
 */
export function findProviderCalls(tokens: Token[], from: number, to: number): GuardrailCall[] {
  const out: GuardrailCall[] = [];
  for (let i = from; i < to; i++) {
    if (tokens[i].kind !== "ident" || tokens[i - 1]?.value === "::" || tokens[i - 1]?.value === ".") continue;
    let j = i;
    const path = [tokens[j].value];
    while (tokens[j + 1]?.value === "::" && tokens[j + 2]?.kind === "ident") {
      j += 2;
      path.push(tokens[j].value);
    }
    if (path.length < 2 || tokens[j + 1]?.value !== "(") continue;
    const open = j + 1;
    const close = matching(tokens, open);
    if (close < 0 || close >= to) continue;
    const call = readCall(tokens, i, j, open, close, to);
    out.push(call);
    i = indexAtOrAfter(tokens, call.span.end, i) - 1;
  }
  return out;
}

function readCall(tokens: Token[], first: number, nameAt: number, open: number, close: number, to: number): GuardrailCall {
  const args = splitArgs(tokens, open + 1, close);
  const accessors: GuardrailCall["accessors"] = [];
  let k = close + 1;
  let end = tokens[close].end;
  while (k < to) {
    const t = tokens[k];
    if (t.value === "[" && tokens[k + 1]?.kind === "string" && tokens[k + 2]?.value === "]") {
      accessors.push({ kind: "index", key: tokens[k + 1].value, span: { start: t.start, end: tokens[k + 2].end } });
      end = tokens[k + 2].end;
      k += 3;
      continue;
    }
    if (t.value === "." && tokens[k + 1]?.kind === "ident" && !CEDAR_METHODS.has(tokens[k + 1].value)) {
      const name = tokens[k + 1];
      if (tokens[k + 2]?.value === "(") {
        const mClose = matching(tokens, k + 2);
        if (mClose < 0 || mClose >= to) break;
        accessors.push({ kind: "method", name: name.value, span: { start: t.start, end: tokens[mClose].end } });
        end = tokens[mClose].end;
        k = mClose + 1;
      } else {
        accessors.push({ kind: "attr", name: name.value, span: { start: t.start, end: name.end } });
        end = name.end;
        k += 2;
      }
      continue;
    }
    break;
  }
  const valueType = typeOf(accessors);
  const call: GuardrailCall = {
    span: { start: tokens[first].start, end },
    namespace: tokens.slice(first, nameAt).filter((t) => t.kind === "ident").map((t) => t.value),
    name: tokens[nameAt].value,
    nameSpan: { start: tokens[nameAt].start, end: tokens[nameAt].end },
    categories: args[0] ? stringSet(tokens, args[0]) : null,
    content: args[1] ? pathSet(tokens, args[1]) : null,
    argCount: args.length,
    argsSpan: { start: tokens[open].start, end: tokens[close].end },
    accessors,
    valueType,
  };
  // The threshold comparison is plain Cedar right after the chain: `.greaterThan(decimal("0.5"))`.
  const m = tokens[k + 1];
  if (valueType === "decimal" && tokens[k]?.value === "." && m && (THRESHOLD_METHODS as readonly string[]).includes(m.value)) {
    const d = tokens[k + 3];
    if (tokens[k + 2]?.value === "(" && d?.value === "decimal" && tokens[k + 4]?.value === "(" && tokens[k + 5]?.kind === "string") {
      call.threshold = { method: m.value, text: tokens[k + 5].value, span: { start: d.start, end: (tokens[k + 6] ?? tokens[k + 5]).end } };
    }
  }
  return call;
}

function typeOf(accessors: GuardrailCall["accessors"]): GuardrailValueType | null {
  const shape = accessors.map((a) => (a.kind === "index" ? "[]" : a.kind === "attr" ? `.${a.name}` : `.${a.name}()`)).join("");
  if (shape === "[].confidenceScore" || shape === ".maxConfidenceScore()" || shape === ".minConfidenceScore()") return "decimal";
  if (shape === ".count()") return "Long";
  if (shape === ".categories()") return "Set<String>";
  return null;
}

/** Top-level comma-separated argument ranges [start, end) of a call's tokens. */
function splitArgs(tokens: Token[], from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const v = tokens[i].value;
    if (tokens[i].kind === "punct" && "([{".includes(v)) depth++;
    else if (tokens[i].kind === "punct" && ")]}".includes(v)) depth--;
    else if (depth === 0 && v === "," && tokens[i].kind === "punct") {
      out.push([start, i]);
      start = i + 1;
    }
  }
  if (to > from) out.push([start, to]);
  return out;
}

function stringSet(tokens: Token[], [from, to]: [number, number]): GuardrailCall["categories"] {
  if (tokens[from]?.value !== "[" || tokens[to - 1]?.value !== "]") return null;
  const out: Array<{ value: string; span: Span }> = [];
  for (let i = from + 1; i < to - 1; i++) {
    const t = tokens[i];
    if (t.kind === "string") out.push({ value: t.value, span: { start: t.start, end: t.end } });
    else if (!(t.kind === "punct" && t.value === ",")) return null;
  }
  return out;
}

function pathSet(tokens: Token[], [from, to]: [number, number]): GuardrailCall["content"] {
  const inner: [number, number] = tokens[from]?.value === "[" && tokens[to - 1]?.value === "]" ? [from + 1, to - 1] : [from, to];
  const out: NonNullable<GuardrailCall["content"]> = [];
  for (const [a, b] of splitArgs(tokens, inner[0], inner[1])) {
    const parts = tokens.slice(a, b);
    const names = parts.filter((_, n) => n % 2 === 0);
    const dots = parts.filter((_, n) => n % 2 === 1);
    if (names.length < 2 || names.some((t) => t.kind !== "ident") || dots.some((t) => t.value !== ".") || names[0].value !== "context") return null;
    out.push({ path: names.slice(1).map((t) => t.value), span: { start: parts[0].start, end: parts[parts.length - 1].end } });
  }
  return out;
}

function indexAtOrAfter(tokens: Token[], offset: number, from: number): number {
  let i = from;
  while (i < tokens.length && tokens[i].start < offset) i++;
  return i;
}

export type PolicyEffect = "permit" | "forbid" | "suppressOutput";

/** The console's own checks of one guardrail call; what it cannot check is said as a note. */
export function checkGuardrailCall(call: GuardrailCall, effect: PolicyEffect | null): DogwoodProblem[] {
  const out: DogwoodProblem[] = [];
  const err = (message: string, span: Span, help?: string, code = "dogwood-guardrail") => out.push({ severity: "error", message, span, help, code });
  const qualified = [...call.namespace, call.name].join("::");
  if (call.namespace.join("::") !== GUARDRAIL_NAMESPACE) {
    err(`\`${qualified}\` is not an information provider AgentCore offers.`, call.nameSpan, `AgentCore's guardrails are ${GUARDRAIL_TYPES.map((t) => `${GUARDRAIL_NAMESPACE}::${t}`).join(", ")}.`, "dogwood-unknown-guardrail");
    return out;
  }
  if (!isGuardrailType(call.name)) {
    err(`Unknown guardrail type \`${call.name}\`.`, call.nameSpan, `The guardrail types are ${GUARDRAIL_TYPES.join(", ")}.`, "dogwood-unknown-guardrail");
    return out;
  }
  const type = call.name;
  if (call.argCount !== 2 || !call.categories || !call.content) {
    err(`\`${qualified}\` takes two sets: the categories to assess and the content, e.g. \`${qualified}(["${GUARDRAIL_CATEGORIES[type][0]}"], [context.input.text])\`.`, call.argsSpan);
  }
  for (const c of call.categories ?? []) {
    if (GUARDRAIL_CATEGORIES[type].includes(c.value)) continue;
    err(`Unknown ${type} category "${c.value}".`, c.span, `${type} assesses ${GUARDRAIL_CATEGORIES[type].join(", ")}.`, "dogwood-unknown-category");
  }
  if (type === "SensitiveInformation" && call.categories?.some((c) => GUARDRAIL_CATEGORIES[type].includes(c.value))) {
    out.push({ severity: "note", code: "dogwood-service-checked", message: `Which sensitive-information categories AgentCore accepts is ${SERVICE_CHECKED} (it accepts fewer than Bedrock Guardrails documents).`, span: call.argsSpan });
  }
  const outbound = (call.content ?? []).filter((p) => p.path[0] === "output");
  const inbound = (call.content ?? []).filter((p) => p.path[0] === "input");
  for (const p of call.content ?? []) {
    if (p.path[0] !== "input" && p.path[0] !== "output") err(`A guardrail reads \`context.input.…\` (the request) or \`context.output.…\` (the response), not \`context.${p.path.join(".")}\`.`, p.span);
  }
  if (outbound.length && inbound.length) err("One guardrail call cannot mix the request (`context.input`) and the response (`context.output`).", call.argsSpan, "Write two policies, one for each direction.");
  if (outbound.length && (effect === "permit" || effect === "forbid")) {
    err(`Guardrail '${type}' references 'context.output' but the policy has an authorization effect`, outbound[0].span, "A permit or forbid decides before the tool runs; use suppressOutput to act on the response.");
  }
  if (inbound.length && effect === "suppressOutput") err("A suppressOutput policy acts on the response: its guardrail reads `context.output.…`.", inbound[0].span, "Use permit or forbid to act on the request.");
  const index = call.accessors.find((a) => a.kind === "index");
  if (type === "SensitiveInformation" && index) {
    err("Per-category indexing is not supported for SensitiveInformation", index.span, "Use count(), categories(), maxConfidenceScore() or minConfidenceScore().");
  } else if (index && index.kind === "index" && call.categories && !call.categories.some((c) => c.value === index.key)) {
    out.push({ severity: "warning", code: "dogwood-guardrail", message: `"${index.key}" is not among the categories this call assesses.`, span: index.span });
  }
  if (!call.valueType) {
    out.push({ severity: "note", code: "dogwood-service-checked", message: `This way of reading the guardrail's result is ${SERVICE_CHECKED}; the console checks \`["CATEGORY"].confidenceScore\` and the aggregations ${GUARDRAIL_AGGREGATIONS.map((a) => `${a}()`).join(", ")}.`, span: call.span });
  }
  if (call.threshold) {
    const t = call.threshold;
    const value = /^-?\d+(\.\d+)?$/.test(t.text) ? Number(t.text) : NaN;
    if (Number.isNaN(value)) err(`\`decimal("${t.text}")\` is not a decimal threshold.`, t.span, 'Write it like decimal("0.5").', "dogwood-threshold");
    else if (value < 0 || value > 1) err(`The threshold ${t.text} is outside 0–1; a guardrail's confidence score is between 0 and 1.`, t.span, 'Use a threshold such as decimal("0.5").', "dogwood-threshold");
  }
  return out;
}
