/**
 * Cedar policy JSON (`policyToJson`) → an SMT term that is true exactly when the policy is
 * satisfied by a request of one tool. Every expression evaluates to a value and an error condition,
 * with Cedar's rules: `&&`/`||`/`if` short-circuit, a type mismatch or a missing attribute or tag is
 * an error, Long arithmetic errors on 64-bit overflow, `==` across types is false, and a condition
 * that errors makes the policy not apply.
 *
 * A Boolean sub-expression outside the encoded subset (ip addresses, datetime, a tag key that is not a
 * literal…) becomes a free Bool pair (value, error) shared by every occurrence of the same expression.
 * That over-approximates: "unsatisfiable" and "equivalent" stay proofs, while a satisfying model is
 * only a candidate until cedar-wasm confirms its example.
 */
import { ACTION_TYPE, GATEWAY_TYPE, principalType, type PolicyJson } from "@/lib/cedar/cedar-api";
import type { Domain, Sym } from "./domain";
import { LONG_MAX, LONG_MIN } from "./json-values";
import { and, arith, cmp, eq, FALSE, int, intValue, ite, not, or, TRUE, type Term } from "./smt";
import { checkSmallModel, contains, containsAll, containsAny, eqSym, inAny, inSym, merge } from "./equality";
import { globFromJson, globMatches } from "./strings";
import { Unsupported } from "./unsupported";

interface Res {
  /** null: the expression always errors when evaluated. */
  v: Sym | null;
  err: Term;
}

type Expr = Record<string, unknown>;
type UidJson = { type: string; id: string } | { __entity: { type: string; id: string } };

const ALWAYS_ERROR: Res = { v: null, err: TRUE };
const bool = (t: Term, err: Term = FALSE): Res => ({ v: { kind: "Bool", t }, err });

export function encodePolicy(d: Domain, json: PolicyJson): Term {
  const enc = new Encoder(d);
  const parts = [enc.principalScope(json.principal as Expr), enc.actionScope(json.action as Expr), enc.resourceScope(json.resource as Expr)];
  if (parts.includes(FALSE)) return FALSE;
  for (const c of json.conditions) {
    const r = enc.cond(c.body as unknown as Expr);
    if (!r.v || r.v.kind !== "Bool") return FALSE;
    parts.push(and(not(r.err), c.kind === "when" ? r.v.t : not(r.v.t)));
  }
  return and(...parts);
}

class Encoder {
  constructor(private readonly d: Domain) {}

  private uid(raw: unknown): { type: string; id: string } {
    const u = raw as UidJson;
    return "__entity" in u ? u.__entity : u;
  }

  private literalEntity(raw: unknown): Sym {
    const u = this.uid(raw);
    const isPrincipal = u.type === principalType(this.d.scope.principalKind);
    return { kind: "entity", type: u.type, id: this.d.literals.code(u.id, isPrincipal), of: u.type === ACTION_TYPE ? { kind: "action", id: u.id } : { kind: "literal" } };
  }

  private principal(): Sym {
    const id = this.d.principalIdValue() as { t: Term };
    return { kind: "entity", type: principalType(this.d.scope.principalKind), id: id.t, of: { kind: "principal" } };
  }

  private resource(): Sym {
    return { kind: "entity", type: GATEWAY_TYPE, id: this.d.literals.code(this.d.scope.gatewayArn), of: { kind: "resource" } };
  }

  private action(): Sym {
    return { kind: "entity", type: ACTION_TYPE, id: this.d.literals.code(this.d.scope.tool), of: { kind: "action", id: this.d.scope.tool } };
  }

  principalScope(c: Expr): Term {
    return this.entityScope(c, this.principal());
  }

  resourceScope(c: Expr): Term {
    return this.entityScope(c, this.resource());
  }

  private entityScope(c: Expr, self: Sym): Term {
    switch (c.op) {
      case "All":
        return TRUE;
      case "==":
        return eqSym(this.d, self, this.literalEntity(c.entity));
      case "in":
        if ("entity" in c) return inSym(this.d, self, this.literalEntity(c.entity));
        throw new Unsupported("a template slot in the scope");
      case "is": {
        if (self.kind !== "entity" || self.type !== c.entity_type) return FALSE;
        const inner = c.in as Expr | undefined;
        return inner && "entity" in inner ? inSym(this.d, self, this.literalEntity(inner.entity)) : TRUE;
      }
      default:
        throw new Unsupported(`scope operator ${String(c.op)}`);
    }
  }

  actionScope(c: Expr): Term {
    const self = this.action();
    switch (c.op) {
      case "All":
        return TRUE;
      case "==":
        return eqSym(this.d, self, this.literalEntity(c.entity));
      case "in": {
        const targets = "entities" in c ? (c.entities as unknown[]) : [c.entity];
        return or(...targets.map((t) => inSym(this.d, self, this.literalEntity(t))));
      }
      default:
        throw new Unsupported(`action scope operator ${String(c.op)}`);
    }
  }

  /** A Boolean position: an expression outside the subset becomes a shared free (value, error) pair. */
  cond(e: Expr): Res {
    try {
      return this.ev(e);
    } catch (x) {
      if (!(x instanceof Unsupported)) throw x;
      const key = JSON.stringify(e);
      let a = this.d.abstractions.get(key);
      if (!a) {
        a = { value: this.d.fresh("u", "Bool"), error: this.d.fresh("ue", "Bool"), construct: x.construct };
        this.d.abstractions.set(key, a);
      }
      return bool(a.value, a.error);
    }
  }

  private ev(e: Expr): Res {
    const [op] = Object.keys(e);
    const arg = e[op] as Expr;
    switch (op) {
      case "Value":
        return { v: this.value(e.Value), err: FALSE };
      case "Var":
        return { v: this.variable(e.Var as string), err: FALSE };
      case "!": {
        const r = this.cond(arg.arg as Expr);
        return r.v?.kind === "Bool" ? bool(not(r.v.t), r.err) : ALWAYS_ERROR;
      }
      case "neg": {
        const r = this.ev(arg.arg as Expr);
        if (r.v?.kind !== "Long") return this.typeError(r.v);
        const t = arith("-", "0", r.v.t);
        return { v: { kind: "Long", t }, err: or(r.err, eq(r.v.t, int(LONG_MIN))) };
      }
      case "&&":
      case "||": {
        const l = this.cond(arg.left as Expr);
        if (l.v?.kind !== "Bool") return ALWAYS_ERROR;
        const r = this.cond(arg.right as Expr);
        const rv = r.v?.kind === "Bool" ? r.v.t : FALSE;
        const rerr = r.v?.kind === "Bool" ? r.err : TRUE;
        // The right side is evaluated only when the left does not decide.
        const evaluated = op === "&&" ? l.v.t : not(l.v.t);
        return bool(op === "&&" ? and(l.v.t, rv) : or(l.v.t, rv), or(l.err, and(evaluated, rerr)));
      }
      case "==":
      case "!=": {
        const l = this.ev(arg.left as Expr);
        const r = this.ev(arg.right as Expr);
        if (!l.v || !r.v) return ALWAYS_ERROR;
        const t = eqSym(this.d, l.v, r.v);
        return bool(op === "==" ? t : not(t), or(l.err, r.err));
      }
      case "<":
      case "<=":
      case ">":
      case ">=": {
        const l = this.ev(arg.left as Expr);
        const r = this.ev(arg.right as Expr);
        if (l.v?.kind !== "Long" || r.v?.kind !== "Long") return this.typeError(l.v, r.v);
        return bool(cmp(op, l.v.t, r.v.t), or(l.err, r.err));
      }
      case "+":
      case "-":
      case "*": {
        const l = this.ev(arg.left as Expr);
        const r = this.ev(arg.right as Expr);
        if (l.v?.kind !== "Long" || r.v?.kind !== "Long") return this.typeError(l.v, r.v);
        const t = arith(op, l.v.t, r.v.t);
        const overflow = or(cmp("<", t, int(LONG_MIN)), cmp(">", t, int(LONG_MAX)));
        return { v: { kind: "Long", t }, err: or(l.err, r.err, overflow) };
      }
      case "if-then-else": {
        const c = this.cond(arg.if as Expr);
        if (c.v?.kind !== "Bool") return ALWAYS_ERROR;
        const a = this.ev(arg.then as Expr);
        const b = this.ev(arg.else as Expr);
        const err = or(c.err, ite(c.v.t, a.err, b.err));
        if (!a.v || !b.v) {
          const only = a.v ?? b.v;
          const taken = a.v ? c.v.t : not(c.v.t);
          return { v: only, err: or(err, not(taken)) };
        }
        return { v: merge(this.d, c.v.t, a.v, b.v), err };
      }
      case ".": {
        const l = this.ev(arg.left as Expr);
        if (!l.v) return ALWAYS_ERROR;
        return this.attribute(l, arg.attr as string);
      }
      case "has": {
        const l = this.ev(arg.left as Expr);
        if (!l.v) return ALWAYS_ERROR;
        const attrs = this.attrsOf(l.v);
        if (attrs === "error") return ALWAYS_ERROR;
        return bool(attrs?.attr(arg.attr as string)?.present ?? FALSE, l.err);
      }
      case "hasTag":
      case "getTag": {
        const l = this.ev(arg.left as Expr);
        if (!l.v) return ALWAYS_ERROR;
        // A tag key is a name, not a value the principal carries: it takes no string code.
        const key = (arg.right as Expr).Value;
        if (typeof key !== "string") throw new Unsupported("a tag key that is not a literal string");
        if (l.v.kind !== "entity") return this.typeError(l.v);
        const tag = this.tagOf(l.v, key);
        const err = l.err;
        if (op === "hasTag") return bool(tag?.present ?? FALSE, err);
        return tag ? { v: tag.value(), err: or(err, not(tag.present)) } : ALWAYS_ERROR;
      }
      case "like": {
        const l = this.ev(arg.left as Expr);
        if (l.v?.kind !== "String") return this.typeError(l.v);
        const glob = globFromJson(arg.pattern as unknown[]);
        const code = intValue(l.v.t);
        if (code !== null) return bool(globMatches(glob, this.d.literals.list[Number(code)]) ? TRUE : FALSE, l.err);
        return bool(this.d.like(glob, l.v.t), l.err);
      }
      case "is": {
        const l = this.ev(arg.left as Expr);
        if (l.v?.kind !== "entity") return this.typeError(l.v);
        if (l.v.type !== arg.entity_type) return bool(FALSE, l.err);
        if (!arg.in) return bool(TRUE, l.err);
        const r = this.ev(arg.in as Expr);
        if (!r.v) return ALWAYS_ERROR;
        return bool(inAny(this.d, l.v, r.v), or(l.err, r.err));
      }
      case "in": {
        const l = this.ev(arg.left as Expr);
        const r = this.ev(arg.right as Expr);
        if (l.v?.kind !== "entity" || !r.v) return this.typeError(l.v, r.v);
        return bool(inAny(this.d, l.v, r.v), or(l.err, r.err));
      }
      case "contains":
      case "containsAll":
      case "containsAny": {
        const l = this.ev(arg.left as Expr);
        const r = this.ev(arg.right as Expr);
        if (l.v?.kind !== "set" || !r.v) return this.typeError(l.v, r.v);
        const err = or(l.err, r.err);
        if (op === "contains") return bool(contains(this.d, l.v, r.v), err);
        if (r.v.kind !== "set") return this.typeError(r.v);
        checkSmallModel(l.v, r.v);
        return bool(op === "containsAll" ? containsAll(this.d, l.v, r.v) : containsAny(this.d, l.v, r.v), err);
      }
      case "isEmpty": {
        const r = this.ev(arg.arg as Expr);
        if (r.v?.kind !== "set") return this.typeError(r.v);
        return bool(and(...r.v.slots.map((s) => not(s.present))), r.err);
      }
      case "Set": {
        const items = (e.Set as Expr[]).map((x) => this.ev(x));
        if (items.some((i) => !i.v)) return ALWAYS_ERROR;
        return { v: { kind: "set", slots: items.map((i) => ({ present: TRUE, value: i.v! })) }, err: or(...items.map((i) => i.err)) };
      }
      case "Record": {
        const entries = Object.entries(e.Record as Record<string, Expr>).map(([k, x]) => [k, this.ev(x)] as const);
        if (entries.some(([, r]) => !r.v)) return ALWAYS_ERROR;
        const map = new Map(entries.map(([k, r]) => [k, r.v!]));
        return { v: { kind: "record", names: [...map.keys()], attr: (n) => (map.has(n) ? { present: TRUE, value: () => map.get(n)! } : null) }, err: or(...entries.map(([, r]) => r.err)) };
      }
      case "decimal": {
        const args = e.decimal as Expr[];
        const text = args.length === 1 && typeof args[0].Value === "string" ? (args[0].Value as string) : null;
        if (text === null) throw new Unsupported("decimal() of a value that is not a literal string");
        const v = parseDecimal(text);
        return v === null ? ALWAYS_ERROR : { v: { kind: "decimal", t: int(v) }, err: FALSE };
      }
      case "lessThan":
      case "lessThanOrEqual":
      case "greaterThan":
      case "greaterThanOrEqual": {
        const [a, b] = (e[op] as Expr[]).map((x) => this.ev(x));
        if (a.v?.kind !== "decimal" || b.v?.kind !== "decimal") return this.typeError(a.v, b.v);
        const sym = op === "lessThan" ? "<" : op === "lessThanOrEqual" ? "<=" : op === "greaterThan" ? ">" : ">=";
        return bool(cmp(sym, a.v.t, b.v.t), or(a.err, b.err));
      }
      default:
        throw new Unsupported(Array.isArray(e[op]) ? `the extension function ${op}()` : `the operator ${op}`);
    }
  }

  /** A type mismatch errors at run time, unless it involves a value we do not model. */
  private typeError(...vs: Array<Sym | null | undefined>): Res {
    const opaque = vs.find((v) => v?.kind === "opaque") as Extract<Sym, { kind: "opaque" }> | undefined;
    if (opaque) throw new Unsupported(opaque.what);
    return ALWAYS_ERROR;
  }

  private value(v: unknown): Sym {
    if (typeof v === "boolean") return { kind: "Bool", t: v ? TRUE : FALSE };
    if (typeof v === "number") return { kind: "Long", t: int(v) };
    if (typeof v === "string") return { kind: "String", t: this.d.literals.code(v, true) };
    if (v && typeof v === "object" && "__entity" in v) return this.literalEntity(v);
    if (v && typeof v === "object" && "__extn" in v) {
      const x = (v as { __extn: { fn: string; arg: unknown } }).__extn;
      const n = x.fn === "decimal" && typeof x.arg === "string" ? parseDecimal(x.arg) : null;
      if (n === null) throw new Unsupported(`the extension value ${x.fn}`);
      return { kind: "decimal", t: int(n) };
    }
    throw new Unsupported("a literal of this kind");
  }

  private variable(name: string): Sym {
    switch (name) {
      case "principal":
        return this.principal();
      case "action":
        return this.action();
      case "resource":
        return this.resource();
      case "context": {
        const input = this.d.inputValue();
        return { kind: "record", names: ["input"], attr: (n) => (n === "input" ? { present: TRUE, value: () => input } : null) };
      }
      default:
        throw new Unsupported(`the variable ${name}`);
    }
  }

  private attrsOf(v: Sym): Extract<Sym, { kind: "record" }> | null | "error" {
    if (v.kind === "record") return v;
    if (v.kind === "entity") {
      if (v.of.kind === "principal") return { kind: "record", names: ["id"], attr: (n) => (n === "id" ? { present: TRUE, value: () => this.d.principalIdValue() } : null) };
      if (v.of.kind === "input") return v.of.attrs;
      return null; // the gateway, actions and enum values carry no attributes
    }
    if (v.kind === "opaque") throw new Unsupported(v.what);
    return "error";
  }

  private attribute(l: Res, name: string): Res {
    const attrs = this.attrsOf(l.v!);
    if (attrs === "error" || attrs === null) return ALWAYS_ERROR;
    const a = attrs.attr(name);
    if (!a) return ALWAYS_ERROR;
    return { v: a.value(), err: or(l.err, not(a.present)) };
  }

  private tagOf(v: Extract<Sym, { kind: "entity" }>, key: string): { present: Term; value: () => Sym } | null {
    if (v.of.kind === "principal") {
      const t = this.d.principalTag(key);
      return { present: t.present, value: () => t.value };
    }
    if (v.of.kind === "input" && v.of.tags) return v.of.tags(key);
    return null;
  }

}

/** Cedar's decimal literal: digits, a point, 1–4 fractional digits, within the 64-bit range. */
export function parseDecimal(text: string): bigint | null {
  const m = /^(-?)(\d+)\.(\d{1,4})$/.exec(text);
  if (!m) return null;
  const n = BigInt(m[2]) * 10_000n + BigInt(m[3].padEnd(4, "0"));
  const v = m[1] ? -n : n;
  return v < LONG_MIN || v > LONG_MAX ? null : v;
}
