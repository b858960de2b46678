/**
 * The abstract syntax of a `temporal { … }` body, after Dogwood's formal specification §2.4/§3
 * (past-only MFOTL: formerly, previous, since, exists, tp, count, sum, predicates, comparisons).
 * Every node keeps its source span so checks and the decision log can point at it.
 */
import type { Span } from "./source";

export type TimeUnit = "s" | "m" | "h" | "d";
export const UNIT_SECONDS: Record<TimeUnit, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export interface Window {
  amount: number;
  unit: TimeUnit;
  seconds: number;
  span: Span;
}

export interface Binder {
  name: string;
  /** The declared type path, e.g. ["Long"], ["Timepoint"], ["AgentCore", "OAuthUser"]. */
  type: string[];
  span: Span;
}

export interface NamedArg {
  /** Dotted field path into the event, e.g. ["output", "accountId"]. */
  path: string[];
  value: Term;
  span: Span;
}

export type CmpOp = "<" | "<=" | ">" | ">=" | "==";

export type Cond =
  | { k: "and"; left: Cond; right: Cond; span: Span }
  | { k: "not"; body: Cond; span: Span }
  | { k: "formerly"; window: Window; body: Cond; span: Span }
  | { k: "previous"; window: Window; body: Cond; span: Span }
  | { k: "since"; left: Cond; window: Window; right: Cond; span: Span }
  | { k: "exists"; binder: Binder; body: Cond; span: Span }
  | { k: "tp"; name: string; span: Span }
  | { k: "pred"; namespace: string[]; action: string; actionSpan: Span; kind: string; kindSpan: Span; args: NamedArg[]; span: Span }
  | { k: "cmp"; op: CmpOp; left: Term; right: Term; span: Span };

export type Term =
  | { k: "entity"; type: string; id: string; span: Span }
  | { k: "int"; value: number; span: Span }
  | { k: "decimal"; text: string; span: Span }
  | { k: "string"; value: string; span: Span }
  | { k: "bool"; value: boolean; span: Span }
  | { k: "context"; path: string[]; span: Span }
  | { k: "scope"; root: "principal" | "resource"; path: string[]; span: Span }
  | { k: "var"; name: string; span: Span }
  | { k: "wildcard"; span: Span }
  | { k: "array"; items: Term[]; span: Span }
  | { k: "count"; binders: Binder[]; body: Cond; span: Span }
  | { k: "sum"; target: string; binders: Binder[]; body: Cond; span: Span }
  /** `?p` / `$t`: legal only inside a macro body. */
  | { k: "sigil"; sigil: "?" | "$"; name: string; span: Span };

/** Children of a condition, in source order (for walks that do not care about the node kind). */
export function childConds(c: Cond): Cond[] {
  switch (c.k) {
    case "and":
      return [c.left, c.right];
    case "since":
      return [c.left, c.right];
    case "not":
    case "formerly":
    case "previous":
    case "exists":
      return [c.body];
    default:
      return [];
  }
}

export function termsOf(c: Cond): Term[] {
  if (c.k === "cmp") return [c.left, c.right];
  if (c.k === "pred") return c.args.map((a) => a.value);
  return [];
}

/** Every condition node in the tree, aggregates' bodies included. */
export function allConds(root: Cond): Cond[] {
  const out: Cond[] = [];
  const visitTerm = (t: Term) => {
    if (t.k === "count" || t.k === "sum") visit(t.body);
    if (t.k === "array") t.items.forEach(visitTerm);
  };
  const visit = (c: Cond) => {
    out.push(c);
    childConds(c).forEach(visit);
    termsOf(c).forEach(visitTerm);
  };
  visit(root);
  return out;
}
