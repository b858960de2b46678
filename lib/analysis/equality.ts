/**
 * Equality, `in` and set operations on symbolic values, as Cedar defines them: `==` across types is
 * false, entities are equal when type and id are, only actions have parents (their groups), and a
 * set argument is a bounded list of element slots (see checkSmallModel).
 */
import { ACTION_TYPE } from "@/lib/cedar/cedar-api";
import type { Domain, Sym } from "./domain";
import { Unsupported } from "./unsupported";
import { and, eq, FALSE, implies, intValue, ite, or, TRUE, type Term } from "./smt";

type SetSym = Extract<Sym, { kind: "set" }>;

export function eqSym(d: Domain, a: Sym, b: Sym): Term {
  if (a.kind === "opaque" || b.kind === "opaque") throw new Unsupported((a.kind === "opaque" ? a : (b as { what: string })).what ?? "opaque values");
  if (a.kind !== b.kind) return FALSE;
  switch (a.kind) {
    case "Bool":
    case "Long":
    case "decimal":
    case "String":
      return eq(a.t, (b as { t: Term }).t);
    case "entity": {
      const o = b as typeof a;
      return a.type !== o.type ? FALSE : eq(a.id, o.id);
    }
    case "set": {
      const o = b as typeof a;
      checkSmallModel(a, o);
      return and(containsAll(d, a, o), containsAll(d, o, a));
    }
    case "record":
      throw new Unsupported("comparing records with ==");
  }
}

/** Entities have no parents except actions (their groups): `in` is equality otherwise. */
export function inSym(d: Domain, a: Sym, b: Sym): Term {
  if (a.kind !== "entity" || b.kind !== "entity") return FALSE;
  if (a.of.kind === "action") {
    const target = intValue(b.id);
    if (b.type !== ACTION_TYPE) return FALSE;
    if (target === null) throw new Unsupported("`action in` an entity that is not a literal");
    const id = d.literals.list[Number(target)];
    return id === a.of.id || (a.of.id === d.scope.tool && d.scope.actionAncestors.includes(id)) ? TRUE : FALSE;
  }
  return eqSym(d, a, b);
}

export function inAny(d: Domain, a: Sym, b: Sym): Term {
  if (b.kind === "set") return or(...b.slots.map((s) => and(s.present, inSym(d, a, s.value))));
  if (b.kind !== "entity") throw new Unsupported("`in` with a right side that is not an entity or a set of entities");
  return inSym(d, a, b);
}

export function contains(d: Domain, set: SetSym, x: Sym): Term {
  return or(...set.slots.map((s) => and(s.present, eqSym(d, s.value, x))));
}

export function containsAll(d: Domain, a: SetSym, b: SetSym): Term {
  return and(...b.slots.map((s) => implies(s.present, contains(d, a, s.value))));
}

export function containsAny(d: Domain, a: SetSym, b: SetSym): Term {
  return or(...b.slots.map((s) => and(s.present, contains(d, a, s.value))));
}

/**
 * A set argument gets a bounded number of element slots, which is complete as long as every set it
 * is compared with is a list of given terms. Two set arguments compared with each other are not.
 */
export function checkSmallModel(a: SetSym, b: SetSym) {
  const symbolic = (s: typeof a) => s.slots.some((x) => x.present !== TRUE);
  if (symbolic(a) && symbolic(b)) throw new Unsupported("comparing two set arguments with each other");
}

export function merge(d: Domain, c: Term, a: Sym, b: Sym): Sym {
  if (a.kind !== b.kind) throw new Unsupported("if-then-else whose branches have different types");
  switch (a.kind) {
    case "Bool":
    case "Long":
    case "decimal":
    case "String":
      return { kind: a.kind, t: ite(c, a.t, (b as { t: Term }).t) };
    case "entity": {
      const o = b as typeof a;
      if (a.type !== o.type || a.of.kind !== o.of.kind || a.of.kind === "input" || a.of.kind === "action") throw new Unsupported("if-then-else choosing between different entities");
      return { ...a, id: ite(c, a.id, o.id) };
    }
    default:
      throw new Unsupported(`if-then-else choosing between ${a.kind} values`);
  }
}
