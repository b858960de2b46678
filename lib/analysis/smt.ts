/**
 * SMT-LIB 2 terms as text, with the constant folding that keeps formulas small, and a reader for
 * the solver's answers. The encoding produces text so it stays pure (no solver handle while
 * encoding), and one script per query is one call into the solver.
 */

export type Term = string;

/** A solver that evaluates SMT-LIB 2 commands and answers what they print (z3's eval_smtlib2_string). */
export interface Smt {
  eval(script: string): string;
}

export const TRUE: Term = "true";
export const FALSE: Term = "false";

export function and(...xs: Term[]): Term {
  const ys: Term[] = [];
  for (const x of xs) {
    if (x === FALSE) return FALSE;
    if (x !== TRUE && !ys.includes(x)) ys.push(x);
  }
  return ys.length === 0 ? TRUE : ys.length === 1 ? ys[0] : `(and ${ys.join(" ")})`;
}

export function or(...xs: Term[]): Term {
  const ys: Term[] = [];
  for (const x of xs) {
    if (x === TRUE) return TRUE;
    if (x !== FALSE && !ys.includes(x)) ys.push(x);
  }
  return ys.length === 0 ? FALSE : ys.length === 1 ? ys[0] : `(or ${ys.join(" ")})`;
}

export function not(x: Term): Term {
  if (x === TRUE) return FALSE;
  if (x === FALSE) return TRUE;
  const inner = /^\(not ([^()\s]+)\)$/.exec(x);
  return inner ? inner[1] : `(not ${x})`;
}

export function implies(a: Term, b: Term): Term {
  return or(not(a), b);
}

export function ite(c: Term, a: Term, b: Term): Term {
  if (c === TRUE || a === b) return a;
  if (c === FALSE) return b;
  if (a === TRUE && b === FALSE) return c;
  if (a === FALSE && b === TRUE) return not(c);
  return `(ite ${c} ${a} ${b})`;
}

export function int(n: bigint | number): Term {
  const b = BigInt(n);
  return b < 0n ? `(- ${-b})` : `${b}`;
}

/** The value of an integer literal term, or null for anything else. */
export function intValue(t: Term): bigint | null {
  if (/^\d+$/.test(t)) return BigInt(t);
  const m = /^\(- (\d+)\)$/.exec(t);
  return m ? -BigInt(m[1]) : null;
}

export function eq(a: Term, b: Term): Term {
  if (a === b) return TRUE;
  const x = intValue(a);
  const y = intValue(b);
  if (x !== null && y !== null) return x === y ? TRUE : FALSE;
  if ((a === TRUE || a === FALSE) && (b === TRUE || b === FALSE)) return FALSE;
  if (a === TRUE) return b;
  if (b === TRUE) return a;
  if (a === FALSE) return not(b);
  if (b === FALSE) return not(a);
  return `(= ${a} ${b})`;
}

type Cmp = "<" | "<=" | ">" | ">=";
const CMP: Record<Cmp, (x: bigint, y: bigint) => boolean> = { "<": (x, y) => x < y, "<=": (x, y) => x <= y, ">": (x, y) => x > y, ">=": (x, y) => x >= y };

export function cmp(op: Cmp, a: Term, b: Term): Term {
  const x = intValue(a);
  const y = intValue(b);
  if (x !== null && y !== null) return CMP[op](x, y) ? TRUE : FALSE;
  return `(${op} ${a} ${b})`;
}

export function arith(op: "+" | "-" | "*", a: Term, b: Term): Term {
  const x = intValue(a);
  const y = intValue(b);
  if (x !== null && y !== null) return int(op === "+" ? x + y : op === "-" ? x - y : x * y);
  return `(${op} ${a} ${b})`;
}

export function app(fn: string, ...args: Term[]): Term {
  return args.length ? `(${fn} ${args.join(" ")})` : fn;
}

/** A symbol SMT-LIB accepts verbatim (our own names are built from this alphabet). */
export function symbol(base: string): string {
  return base.replace(/[^A-Za-z0-9_.!$%&*+\-/<=>?^~@]/g, "_");
}

export function quoteString(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '""';
    else if (cp >= 0x20 && cp < 0x7f && ch !== "\\") out += ch;
    else out += `\\u{${cp.toString(16)}}`;
  }
  return `"${out}"`;
}

// ---- reading answers -----------------------------------------------------------------------------

export type SExpr = string | SExpr[];

/** Parses the solver's output (several top-level expressions) into nested arrays of atoms. */
export function parseSExprs(text: string): SExpr[] {
  const out: SExpr[] = [];
  const stack: SExpr[][] = [];
  let i = 0;
  const push = (x: SExpr) => (stack.length ? stack[stack.length - 1].push(x) : out.push(x));
  while (i < text.length) {
    const c = text[i];
    if (c === "(") {
      stack.push([]);
      i++;
    } else if (c === ")") {
      const done = stack.pop();
      if (done) push(done);
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '"') {
      let j = i + 1;
      let s = "";
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += text[j++];
      }
      push(`"${s}`); // a leading quote marks a string literal; the rest is its raw content
      i = j + 1;
    } else if (c === "|") {
      const j = text.indexOf("|", i + 1);
      push(text.slice(i + 1, j));
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()]/.test(text[j])) j++;
      push(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** An integer, Boolean or (negated) numeral term from a model, as a bigint / boolean. */
export function readValue(e: SExpr): bigint | boolean | null {
  if (e === "true") return true;
  if (e === "false") return false;
  if (typeof e === "string") return /^\d+$/.test(e) ? BigInt(e) : null;
  if (e.length === 2 && e[0] === "-") {
    const v = readValue(e[1]);
    return typeof v === "bigint" ? -v : null;
  }
  return null;
}

/** Renders a parsed expression back to text, to match model keys against the terms asked for. */
export function showSExpr(e: SExpr): string {
  return typeof e === "string" ? e : `(${e.map(showSExpr).join(" ")})`;
}
