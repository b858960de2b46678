/**
 * One diagnostic shape for the editor, the API and the drafter's repair loop. Positions are 1-based
 * lines and UTF-16 columns (what Monaco's `IMarkerData` expects); cedar-wasm reports UTF-8 byte
 * offsets into the whole text, so every position goes through `byteOffsetToPosition`.
 */
import type { DetailedError } from "./cedar-api";

export interface Diagnostic {
  severity: "error" | "warning";
  code?: string;
  message: string;
  help?: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  policyId?: string;
}

export interface Position {
  line: number;
  column: number;
}

/**
 * Maps UTF-8 byte offsets to UTF-16 line/column positions for one text. Built once per text so a
 * document with many diagnostics is scanned once.
 */
export class OffsetMapper {
  /** byteStarts[i] = UTF-8 offset of the first byte of line i+1; utf16Starts likewise in UTF-16 units. */
  private readonly byteStarts: number[] = [0];
  private readonly utf16Starts: number[] = [0];
  private readonly totalBytes: number;

  constructor(private readonly text: string) {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        bytes += 4; // a surrogate pair is one 4-byte code point
        i++;
      } else bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      if (c === 0x0a) {
        this.byteStarts.push(bytes);
        this.utf16Starts.push(i + 1);
      }
    }
    this.totalBytes = bytes;
  }

  position(byteOffset: number): Position {
    const offset = Math.max(0, Math.min(byteOffset, this.totalBytes));
    let lo = 0;
    let hi = this.byteStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.byteStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    let bytes = this.byteStarts[lo];
    let i = this.utf16Starts[lo];
    // Walk the line; stop before a code point the offset lands inside (never split a surrogate pair).
    while (i < this.text.length && this.text.charCodeAt(i) !== 0x0a) {
      const c = this.text.charCodeAt(i);
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < this.text.length;
      const size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      if (bytes + size > offset) break;
      bytes += size;
      i += pair ? 2 : 1;
    }
    return { line: lo + 1, column: i - this.utf16Starts[lo] + 1 };
  }

  /** UTF-16 index into the text (for `String.slice`) of a UTF-8 byte offset. */
  index(byteOffset: number): number {
    const p = this.position(byteOffset);
    return this.utf16Starts[p.line - 1] + p.column - 1;
  }
}

export function byteOffsetToPosition(text: string, byteOffset: number): Position {
  return new OffsetMapper(text).position(byteOffset);
}

/** UTF-8 length of a string, to turn a UTF-16 index into the byte offset cedar-wasm would report. */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * Converts one cedar-wasm error. `baseByte` shifts offsets reported against a substring (one policy
 * validated alone) back into the whole document. Errors without a location cover the first line,
 * so they still show up in the editor.
 */
export function toDiagnostic(
  error: DetailedError,
  mapper: OffsetMapper,
  extra: { severity?: Diagnostic["severity"]; policyId?: string; baseByte?: number } = {},
): Diagnostic {
  const loc = error.sourceLocations?.[0];
  const base = extra.baseByte ?? 0;
  const start = mapper.position(base + (loc?.start ?? 0));
  const end = loc ? mapper.position(base + Math.max(loc.end, loc.start)) : { line: start.line, column: start.column + 1 };
  const severity = extra.severity ?? (error.severity === "warning" || error.severity === "advice" ? "warning" : "error");
  const d: Diagnostic = {
    severity,
    message: error.message,
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.line === start.line && end.column <= start.column ? start.column + 1 : end.column,
  };
  if (error.code) d.code = error.code;
  // Parse errors carry their "expected …" hint as the label, not as help.
  const help = error.help ?? loc?.label ?? error.related?.find((r) => r.help)?.help ?? undefined;
  if (help) d.help = help;
  if (extra.policyId) d.policyId = extra.policyId;
  return d;
}

/** Document order, so a problem list reads top to bottom. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.startLine - b.startLine || a.startColumn - b.startColumn,
  );
}
