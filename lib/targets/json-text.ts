/**
 * Reading a pasted or uploaded document: size first (so a huge paste is refused before it is
 * parsed), then JSON with the line and column of the first mistake. Pure.
 */
import { byteLength, formatBytes } from "./limits";
import type { TargetProblem } from "./problems";

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: TargetProblem };

export function checkSize(text: string, maxBytes: number, what: string, help?: string): TargetProblem | null {
  // Each UTF-16 unit is at most 3 UTF-8 bytes: a short text needs no counting.
  if (text.length * 3 <= maxBytes) return null;
  const size = byteLength(text);
  if (size <= maxBytes) return null;
  return { severity: "error", message: `${what} is ${formatBytes(size)}; AgentCore accepts at most ${formatBytes(maxBytes)} inline.`, help };
}

export function parseJsonText(text: string, what: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(detail);
    const where = at ? ` (line ${lineColumn(text, Number(at[1]))})` : "";
    return { ok: false, problem: { severity: "error", message: `${what} is not valid JSON${where}: ${detail}` } };
  }
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      start = i + 1;
    }
  }
  return `${line}, column ${offset - start + 1}`;
}
