/**
 * Recursive-descent parser for the body of a `temporal { … }` block, following the grammar of
 * Dogwood's formal specification §2.4 (precedence `!` > `since` > `&&`; `exists` and aggregate
 * `where` bodies extend as far right as they can; an aggregate on the left of a comparison is
 * fenced by parentheses). Macro calls and `?p`/`$t` sigils are recognised and refused with a
 * dedicated code: the console neither expands nor evaluates macros.
 */
import { DogwoodSyntaxError, type DogwoodProblem } from "./problem";
import { tokenize, type Span, type Token } from "./source";
import { UNIT_SECONDS, type Binder, type CmpOp, type Cond, type NamedArg, type Term, type TimeUnit, type Window } from "./temporal-ast";

export const TEMPORAL_OPERATORS = ["formerly", "previous", "since"] as const;
/** Operators of other temporal logics that people reach for; Dogwood has none of them. */
const FOREIGN_OPERATORS = ["once", "eventually", "always", "historically", "until", "next", "before", "after", "within"];
const CMP_OPS: CmpOp[] = ["<", "<=", ">", ">=", "=="];

export interface ParsedTemporal {
  condition: Cond;
  /** Non-fatal findings (e.g. a window written `1 h`). */
  warnings: DogwoodProblem[];
}

export function parseTemporal(text: string, body: Span): ParsedTemporal {
  const p = new Parser(text, body);
  return { condition: p.parseAll(), warnings: p.warnings };
}

class Parser {
  private readonly toks: Token[];
  private i = 0;
  readonly warnings: DogwoodProblem[] = [];

  constructor(
    private readonly text: string,
    private readonly body: Span,
  ) {
    this.toks = tokenize(text, body.start, body.end);
  }

  parseAll(): Cond {
    if (this.toks.length === 0) throw new DogwoodSyntaxError("This temporal block is empty.", this.body, "Write a condition such as `formerly within 1h AgentCore::Action::\"T___tool\"::response{ eventResource: resource }`.");
    const c = this.condition();
    const t = this.peek();
    if (t) throw this.unexpected(t, "the end of the temporal block");
    return c;
  }

  // ── conditions ──

  private condition(): Cond {
    let left = this.sinceConj();
    while (this.isPunct("&&")) {
      this.i++;
      const right = this.sinceConj();
      left = { k: "and", left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  private sinceConj(): Cond {
    const left = this.negConj();
    if (!this.isIdent("since")) return left;
    this.i++;
    const window = this.within("since");
    const right = this.atom("since");
    return { k: "since", left, window, right, span: { start: left.span.start, end: right.span.end } };
  }

  private negConj(): Cond {
    if (!this.isPunct("!")) return this.conjunct();
    const start = this.next().start;
    const body = this.negConj();
    return { k: "not", body, span: { start, end: body.span.end } };
  }

  private conjunct(): Cond {
    const t = this.need("a condition");
    if (t.kind === "ident") {
      if (t.value === "formerly" || t.value === "previous") return this.pastOperator();
      if (t.value === "exists") return this.exists();
      if (t.value === "tp" && this.isPunct("(", 1)) return this.tp();
      if (this.peek(1)?.kind === "ident" && this.peek(1)?.value === "within") throw this.unknownOperator(t);
    }
    return this.atomLike(true);
  }

  /** The operand of `formerly`/`previous` and the right side of `since`: no bare `&&`, `!` or operator. */
  private atom(operator: string): Cond {
    const t = this.need(`a condition after \`${operator}\``);
    if (t.kind === "ident" && (t.value === "formerly" || t.value === "previous" || t.value === "exists")) {
      throw new DogwoodSyntaxError(`\`${t.value}\` cannot follow \`${operator}\` directly.`, t, `Wrap it in parentheses: \`${operator} within 1h (${t.value} …)\`.`);
    }
    if (t.kind === "punct" && t.value === "!") {
      throw new DogwoodSyntaxError(`A negation cannot follow \`${operator}\` directly.`, t, `Wrap it in parentheses: \`${operator} within 1h (!…)\`.`);
    }
    return this.atomLike(false);
  }

  /** Parenthesized condition, tp, predicate, macro call or comparison. */
  private atomLike(allowUnknownOperator: boolean): Cond {
    const t = this.need("a condition");
    if (t.kind === "punct" && t.value === "(") {
      if (this.isAggregate(1)) {
        // `(count …) == n` or `(count … where φ == n)`: try the aggregate, else read a parenthesized condition.
        const save = { i: this.i, warnings: this.warnings.length };
        try {
          const term = this.parenAggregate();
          if (this.cmpOp()) return this.comparisonRest(term);
        } catch (e) {
          if (!(e instanceof DogwoodSyntaxError)) throw e;
        }
        this.i = save.i;
        this.warnings.length = save.warnings;
      }
      this.i++;
      const inner = this.condition();
      const close = this.expectPunct(")", "`)` to close the parenthesis");
      return { ...inner, span: { start: t.start, end: close.end } };
    }
    if (t.kind === "ident") {
      if (t.value === "tp" && this.isPunct("(", 1)) return this.tp();
      if (allowUnknownOperator && this.peek(1)?.value === "within") throw this.unknownOperator(t);
      if (this.predicateAhead()) return this.predicate();
      if (this.isPunct("(", 1) && !["decimal", "count", "sum"].includes(t.value)) throw this.macro(t);
    }
    const left = this.term();
    return this.comparisonRest(left);
  }

  private pastOperator(): Cond {
    const op = this.next();
    const window = this.within(op.value);
    const body = this.atom(op.value);
    return { k: op.value as "formerly" | "previous", window, body, span: { start: op.start, end: body.span.end } };
  }

  private exists(): Cond {
    const start = this.next().start;
    const binder = this.binder();
    this.expectPunct(".", "`.` after the binder of `exists`");
    const body = this.condition();
    return { k: "exists", binder, body, span: { start, end: body.span.end } };
  }

  private tp(): Cond {
    const start = this.next().start;
    this.expectPunct("(", "`(`");
    const name = this.slot();
    const close = this.expectPunct(")", "`)` after the timepoint variable");
    return { k: "tp", name: name.value, span: { start, end: close.end } };
  }

  private predicate(): Cond {
    const start = this.peek()!.start;
    const namespace: string[] = [];
    while (this.peek()?.kind === "ident") {
      namespace.push(this.next().value);
      this.expectPunct("::", "`::`");
    }
    const action = this.next();
    this.expectPunct("::", "`::` and an event kind");
    const kind = this.expectIdent("an event kind such as `request` or `response`");
    const args: NamedArg[] = [];
    let end = kind.end;
    // One `{ … }` block, then any number of refinements `{ … }{ … }` that add fields.
    while (this.isPunct("{")) {
      this.i++;
      while (!this.isPunct("}")) {
        args.push(this.namedArg());
        if (this.isPunct(",")) {
          this.i++;
          if (this.isPunct("}")) throw new DogwoodSyntaxError("A field list does not end with a comma.", this.peek()!, "Remove the trailing `,`.");
        } else if (!this.isPunct("}")) throw this.unexpected(this.need("`,` or `}`"), "`,` or `}` in the field list");
      }
      end = this.next().end;
    }
    if (end === kind.end) throw new DogwoodSyntaxError(`The predicate needs its fields in braces: \`…::${kind.value}{ eventResource: resource }\`.`, kind);
    return { k: "pred", namespace, action: action.value, actionSpan: span(action), kind: kind.value, kindSpan: span(kind), args, span: { start, end } };
  }

  private namedArg(): NamedArg {
    const first = this.expectIdent("a field name such as `eventResource` or `input.amount`");
    const path = [first.value];
    while (this.isPunct(".")) {
      this.i++;
      path.push(this.expectIdent("a field name after `.`").value);
    }
    this.expectPunct(":", "`:` between the field and its value");
    const value = this.term();
    if (value.k === "count" || value.k === "sum") {
      throw new DogwoodSyntaxError("An aggregate can only be an operand of a comparison, not a field value.", value.span, "Bind it first: `exists (n: Long). ((count …) == n && …)`.", "dogwood-aggregate-position");
    }
    return { path, value, span: { start: first.start, end: value.span.end } };
  }

  private comparisonRest(left: Term): Cond {
    const t = this.peek();
    if (t?.kind === "punct" && t.value === "!=") throw new DogwoodSyntaxError("Temporal conditions have no `!=`.", t, "Write `!(a == b)` instead.");
    if (t?.kind === "punct" && t.value === "=") throw new DogwoodSyntaxError("`=` is not an operator here.", t, "Did you mean `==`?");
    if (t?.kind === "punct" && t.value === "||") throw new DogwoodSyntaxError("Temporal conditions have no `||`.", t, "Write one policy per alternative.");
    const op = this.cmpOp();
    if (!op) {
      if (left.k === "var" && t?.kind === "ident" && t.value === "within") throw this.unknownOperator({ ...left.span, kind: "ident", value: left.name });
      throw new DogwoodSyntaxError(
        left.k === "var" ? `\`${left.name}\` is not a condition.` : "Expected a comparison operator (`<`, `<=`, `>`, `>=` or `==`).",
        t ?? left.span,
        left.k === "var" ? "A condition is a predicate (`AgentCore::Action::\"T___tool\"::response{ … }`), a temporal operator, `exists`, `tp(…)` or a comparison." : undefined,
      );
    }
    const opTok = this.next();
    const right = this.term();
    return { k: "cmp", op: opTok.value as CmpOp, left, right, span: { start: left.span.start, end: right.span.end } };
  }

  // ── terms ──

  private term(): Term {
    const t = this.need("a value");
    if (t.kind === "punct") {
      if (t.value === "(") {
        if (!this.isAggregate(1)) throw new DogwoodSyntaxError("Only an aggregate (`count …` or `sum …`) may be parenthesized as a value.", t);
        return this.parenAggregate();
      }
      if (t.value === "[") return this.array();
      if (t.value === "*") return { k: "wildcard", span: span(this.next()) };
      if (t.value === "-" && this.peek(1)?.kind === "number") {
        this.i++;
        const n = this.next();
        return { k: "int", value: -Number(n.value), span: { start: t.start, end: n.end } };
      }
      if (t.value === "?" || t.value === "$") throw this.sigil();
      throw this.unexpected(t, "a value");
    }
    if (t.kind === "number") {
      this.i++;
      return { k: "int", value: Number(t.value), span: span(t) };
    }
    if (t.kind === "string") {
      this.i++;
      return { k: "string", value: t.value, span: span(t) };
    }
    if (t.kind !== "ident") throw this.unexpected(t, "a value");
    switch (t.value) {
      case "_":
        this.i++;
        return { k: "wildcard", span: span(t) };
      case "true":
      case "false":
        this.i++;
        return { k: "bool", value: t.value === "true", span: span(t) };
      case "count":
      case "sum":
        return this.aggregate();
      case "context": {
        this.i++;
        const path = this.dotted();
        if (path.names.length === 0) throw new DogwoodSyntaxError("`context` needs a field: `context.input.<field>`.", t);
        return { k: "context", path: path.names, span: { start: t.start, end: path.end ?? t.end } };
      }
      case "principal":
      case "resource": {
        this.i++;
        const path = this.dotted();
        return { k: "scope", root: t.value, path: path.names, span: { start: t.start, end: path.end ?? t.end } };
      }
    }
    if (t.value === "decimal" && this.isPunct("(", 1)) {
      this.i += 2;
      const s = this.need("a string");
      if (s.kind !== "string") throw this.unexpected(s, 'a string, e.g. decimal("0.5")');
      this.i++;
      const close = this.expectPunct(")", "`)`");
      return { k: "decimal", text: s.value, span: { start: t.start, end: close.end } };
    }
    if (this.isPunct("::", 1)) {
      if (this.predicateAhead()) throw new DogwoodSyntaxError("A predicate is a condition, not a value.", t);
      return this.entity();
    }
    if (this.isPunct("(", 1)) throw this.macro(t);
    this.i++;
    return { k: "var", name: t.value, span: span(t) };
  }

  private entity(): Term {
    const start = this.peek()!.start;
    const type: string[] = [];
    while (this.peek()?.kind === "ident") {
      type.push(this.next().value);
      this.expectPunct("::", "`::`");
    }
    const id = this.need('an entity id such as "x"');
    if (id.kind !== "string") throw this.unexpected(id, 'an entity id such as "x"');
    this.i++;
    return { k: "entity", type: type.join("::"), id: id.value, span: { start, end: id.end } };
  }

  private array(): Term {
    const open = this.next();
    const items: Term[] = [];
    while (!this.isPunct("]")) {
      items.push(this.term());
      if (this.isPunct(",")) this.i++;
      else if (!this.isPunct("]")) throw this.unexpected(this.need("`,` or `]`"), "`,` or `]`");
    }
    const close = this.next();
    return { k: "array", items, span: { start: open.start, end: close.end } };
  }

  private parenAggregate(): Term {
    const open = this.next();
    const agg = this.aggregate();
    const close = this.expectPunct(")", "`)` after the aggregate");
    return { ...agg, span: { start: open.start, end: close.end } };
  }

  private aggregate(): Term {
    const kw = this.next();
    const target = kw.value === "sum" ? this.slot() : null;
    this.expectIdentValue("for", `\`for\` and the aggregation domain, e.g. \`${kw.value}${target ? ` ${target.value}` : ""} for (t: Timepoint). where …\``);
    const binders = [this.binder()];
    while (this.isPunct(",")) {
      this.i++;
      binders.push(this.binder());
    }
    this.expectPunct(".", "`.` after the aggregation domain");
    this.expectIdentValue("where", "`where` and the condition to aggregate over");
    const body = this.condition();
    const s = { start: kw.start, end: body.span.end };
    return target ? { k: "sum", target: target.value, binders, body, span: s } : { k: "count", binders, body, span: s };
  }

  private binder(): Binder {
    const open = this.expectPunct("(", "`(` to open a typed binder such as `(t: Timepoint)`");
    const name = this.slot();
    this.expectPunct(":", "`:` and the binder's type");
    const type = [this.expectIdent("a type such as Long, String or Timepoint").value];
    while (this.isPunct("::")) {
      this.i++;
      type.push(this.expectIdent("a type name").value);
    }
    const close = this.expectPunct(")", "`)` to close the binder");
    return { name: name.value, type, span: { start: open.start, end: close.end } };
  }

  /** A variable name where a binder is expected; sigils are macro-only. */
  private slot(): Token {
    const t = this.need("a variable name");
    if (t.kind === "punct" && (t.value === "?" || t.value === "$")) throw this.sigil();
    if (t.kind !== "ident") throw this.unexpected(t, "a variable name");
    return this.next();
  }

  private dotted(): { names: string[]; end?: number } {
    const names: string[] = [];
    let end: number | undefined;
    while (this.isPunct(".") && this.peek(1)?.kind === "ident") {
      this.i++;
      const n = this.next();
      names.push(n.value);
      end = n.end;
    }
    return { names, end };
  }

  // ── windows ──

  private within(operator: string): Window {
    const kw = this.peek();
    if (!kw || kw.kind !== "ident" || kw.value !== "within") {
      throw new DogwoodSyntaxError(`\`${operator}\` needs a window.`, kw ?? this.endSpan(), `Write \`${operator} within 1h …\`; every temporal operator looks back a bounded time.`, "dogwood-window");
    }
    this.i++;
    const amount = this.peek();
    if (amount?.kind === "punct" && amount.value === "?") throw this.sigil();
    if (!amount || amount.kind !== "number") {
      throw new DogwoodSyntaxError("Expected a window such as `1h`, `30m`, `45s` or `7d`.", amount ?? this.endSpan(), "A window is a whole number followed by s, m, h or d.", "dogwood-duration");
    }
    this.i++;
    const unit = this.peek();
    if (unit?.kind === "punct" && unit.value === "." && this.peek(1)?.kind === "number") {
      const bad = { start: amount.start, end: (this.peek(2)?.end ?? this.peek(1)!.end) };
      throw new DogwoodSyntaxError(`\`${this.text.slice(bad.start, bad.end)}\` is not a window: the amount is a whole number.`, bad, "Use a smaller unit instead, e.g. `90m` for an hour and a half.", "dogwood-duration");
    }
    if (!unit || unit.kind !== "ident") {
      throw new DogwoodSyntaxError(`\`${amount.value}\` has no unit.`, amount, "Add one of s, m, h or d, e.g. `1h`.", "dogwood-duration");
    }
    const written = `${amount.value}${unit.value}`;
    if (!(unit.value in UNIT_SECONDS)) {
      throw new DogwoodSyntaxError(`\`${written}\` is not a window.`, { start: amount.start, end: unit.end }, "The units are s, m, h and d (no weeks, months or years), e.g. `30m`, `24h`, `7d`.", "dogwood-duration");
    }
    if (unit.start !== amount.end) {
      this.warnings.push({ severity: "warning", code: "dogwood-duration", message: `Write the window as \`${written}\`, without a space.`, span: { start: amount.start, end: unit.end } });
    }
    this.i++;
    const u = unit.value as TimeUnit;
    return { amount: Number(amount.value), unit: u, seconds: Number(amount.value) * UNIT_SECONDS[u], span: { start: amount.start, end: unit.end } };
  }

  // ── helpers ──

  private predicateAhead(): boolean {
    let j = this.i;
    while (this.toks[j]?.kind === "ident" && this.toks[j + 1]?.value === "::") {
      const after = this.toks[j + 2];
      if (after?.kind === "string") return this.toks[j + 3]?.value === "::" && this.toks[j + 4]?.kind === "ident";
      j += 2;
    }
    return false;
  }

  private isAggregate(offset: number): boolean {
    const t = this.peek(offset);
    return t?.kind === "ident" && (t.value === "count" || t.value === "sum");
  }

  private cmpOp(): CmpOp | null {
    const t = this.peek();
    return t?.kind === "punct" && (CMP_OPS as string[]).includes(t.value) ? (t.value as CmpOp) : null;
  }

  private peek(offset = 0): Token | undefined {
    return this.toks[this.i + offset];
  }

  private next(): Token {
    return this.toks[this.i++];
  }

  private need(what: string): Token {
    const t = this.peek();
    if (!t) throw new DogwoodSyntaxError(`The temporal block ends where ${what} was expected.`, this.endSpan());
    return t;
  }

  private isPunct(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === "punct" && t.value === value;
  }

  private isIdent(value: string): boolean {
    const t = this.peek();
    return t?.kind === "ident" && t.value === value;
  }

  private expectPunct(value: string, what: string): Token {
    const t = this.need(what);
    if (t.kind !== "punct" || t.value !== value) throw this.unexpected(t, what);
    return this.next();
  }

  private expectIdent(what: string): Token {
    const t = this.need(what);
    if (t.kind !== "ident") throw this.unexpected(t, what);
    return this.next();
  }

  private expectIdentValue(value: string, what: string): Token {
    const t = this.need(what);
    if (t.kind !== "ident" || t.value !== value) throw this.unexpected(t, what);
    return this.next();
  }

  private endSpan(): Span {
    return { start: Math.max(this.body.start, this.body.end - 1), end: this.body.end };
  }

  private unexpected(t: Token | Span, what: string): DogwoodSyntaxError {
    const written = this.text.slice(t.start, t.end);
    return new DogwoodSyntaxError(`Unexpected \`${written}\`; expected ${what}.`, { start: t.start, end: t.end });
  }

  private unknownOperator(t: Token): DogwoodSyntaxError {
    const known = TEMPORAL_OPERATORS.map((o) => `\`${o}\``).join(", ");
    const hint = FOREIGN_OPERATORS.includes(t.value) && t.value !== "within" ? ` (\`${t.value}\` is not one of them)` : "";
    return new DogwoodSyntaxError(`Unknown temporal operator \`${t.value}\`.`, span(t), `Dogwood's temporal operators are ${known}${hint}: \`formerly within 1h P\`, \`previous within 1h P\`, \`L since within 1h R\`.`, "dogwood-unknown-operator");
  }

  private macro(t: Token): DogwoodSyntaxError {
    return new DogwoodSyntaxError(`\`${t.value}(…)\` is a macro call; the console does not expand macros.`, span(t), "Write the condition out in full to have it checked and simulated here.", "dogwood-macro");
  }

  private sigil(): DogwoodSyntaxError {
    const t = this.peek()!;
    const name = this.peek(1);
    return new DogwoodSyntaxError(`\`${t.value}${name?.value ?? ""}\` is a macro parameter, legal only inside a macro definition.`, { start: t.start, end: name?.end ?? t.end }, undefined, "dogwood-macro");
  }
}

function span(t: Span): Span {
  return { start: t.start, end: t.end };
}
