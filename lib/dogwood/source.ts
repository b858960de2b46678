/**
 * Tokens and positions for Dogwood text. Offsets are UTF-16 indices into the text that was
 * tokenized (what `String.slice` and Monaco's `getPositionAt` use); `lineColumn` turns them into
 * 1-based lines and columns. Whitespace and `//` comments separate tokens, as in Cedar.
 */

export interface Span {
  start: number;
  end: number;
}

export type TokenKind = "ident" | "number" | "string" | "punct" | "other";

export interface Token extends Span {
  kind: TokenKind;
  /** Identifier or punctuation as written; for a string, its decoded value; for a number, its digits. */
  value: string;
}

/** Two-character punctuation first, so `::` is never read as two `:`. */
const PUNCT2 = ["::", "&&", "||", "==", "!=", "<=", ">="];
const PUNCT1 = "(){}[],.:;!<>=+-*/%?$@";

export function tokenize(text: string, from = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const to = Math.min(end, text.length);
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 || nl > to ? to : nl + 1;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < to && /[A-Za-z0-9_]/.test(text[i])) i++;
      out.push({ kind: "ident", value: text.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < to && /[0-9]/.test(text[i])) i++;
      out.push({ kind: "number", value: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === '"') {
      i++;
      let value = "";
      while (i < to && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < to) {
          value += unescape(text[i + 1]);
          i += 2;
        } else value += text[i++];
      }
      i = Math.min(i + 1, to);
      out.push({ kind: "string", value, start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (PUNCT2.includes(two)) {
      out.push({ kind: "punct", value: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    out.push({ kind: PUNCT1.includes(c) ? "punct" : "other", value: c, start, end: i + 1 });
    i++;
  }
  return out;
}

function unescape(c: string): string {
  return c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c === "0" ? "\0" : c;
}

/** A 1-based line and UTF-16 column, as Monaco and the console's diagnostics use. */
export interface LineColumn {
  line: number;
  column: number;
}

/** Maps UTF-16 offsets of one text to lines and columns; built once per text. */
export function lineColumns(text: string): (offset: number) => LineColumn {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    const o = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo] + 1 };
  };
}

/** Index of the token that closes the bracket opened at `open` (`(`, `{` or `[`), or -1. */
export function matching(tokens: Token[], open: number): number {
  const pairs: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const close = pairs[tokens[open]?.value];
  if (!close) return -1;
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const v = tokens[i].kind === "punct" ? tokens[i].value : "";
    if (v === tokens[open].value) depth++;
    else if (v === close && --depth === 0) return i;
  }
  return -1;
}
