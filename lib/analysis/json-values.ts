/**
 * How the gateway's JSON argument rules (the tool's input schema as `checkArguments` reads it, JSON
 * numbers as `buildRequest` converts them) become bounds on solver variables, and back.
 */
import { toDecimalLiteral } from "@/lib/cedar/request-from-call";
import { int, or, type Term } from "./smt";

export type JsonSchemaNode = Record<string, unknown>;

/** JSON integers the gateway accepts (buildRequest requires safe integers). */
export const SAFE_INTEGER = BigInt(Number.MAX_SAFE_INTEGER);
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;
/** Cedar's decimal range, scaled by 10^4. */
export const DECIMAL_MIN = LONG_MIN;
export const DECIMAL_MAX = LONG_MAX;
export const DECIMAL_SCALE = 10_000n;

export function safeRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source, "u");
  } catch {
    return undefined; // checkArguments ignores a pattern it cannot compile, and so do we
  }
}

export function enumValues(schema: JsonSchemaNode | undefined): unknown[] | undefined {
  if (!schema) return undefined;
  if (Array.isArray(schema.enum)) return schema.enum;
  if ("const" in schema) return [schema.const];
  return undefined;
}

/** checkArguments' integer rules, plus JSON numbers being safe integers (buildRequest's rule). */
export function integerBounds(name: string, schema: JsonSchemaNode | undefined): Term[] {
  let lo = -SAFE_INTEGER;
  let hi = SAFE_INTEGER;
  const num = (k: string) => (typeof schema?.[k] === "number" && Number.isFinite(schema[k]) ? (schema[k] as number) : null);
  const min = num("minimum");
  const max = num("maximum");
  const xmin = num("exclusiveMinimum");
  const xmax = num("exclusiveMaximum");
  if (min !== null) lo = max2(lo, BigInt(Math.ceil(min)));
  if (max !== null) hi = min2(hi, BigInt(Math.floor(max)));
  if (xmin !== null) lo = max2(lo, BigInt(Math.floor(xmin)) + 1n);
  if (xmax !== null) hi = min2(hi, BigInt(Math.ceil(xmax)) - 1n);
  const out = [`(>= ${name} ${int(lo)})`, `(<= ${name} ${int(hi)})`];
  const allowed = enumValues(schema)?.filter((v): v is number => typeof v === "number" && Number.isSafeInteger(v));
  if (allowed) out.push(or(...allowed.map((v) => `(= ${name} ${int(v)})`)));
  return out;
}

/**
 * A JSON number v becomes the decimal trunc4(v). The bounds are widened by one unit in the last place
 * so no value the gateway accepts is left out; the example builder picks a v inside the real bounds.
 */
export function decimalBounds(name: string, schema: JsonSchemaNode | undefined): Term[] {
  let lo = DECIMAL_MIN;
  let hi = DECIMAL_MAX;
  const num = (k: string) => (typeof schema?.[k] === "number" && Number.isFinite(schema[k]) ? (schema[k] as number) : null);
  for (const k of ["minimum", "exclusiveMinimum"]) {
    const v = num(k);
    const d = v === null ? null : scaledDecimal(v);
    if (d !== null) lo = max2(lo, d - 1n);
  }
  for (const k of ["maximum", "exclusiveMaximum"]) {
    const v = num(k);
    const d = v === null ? null : scaledDecimal(v);
    if (d !== null) hi = min2(hi, d + 1n);
  }
  const out = [`(>= ${name} ${int(lo)})`, `(<= ${name} ${int(hi)})`];
  const allowed = enumValues(schema)
    ?.filter((v): v is number => typeof v === "number")
    .map(scaledDecimal)
    .filter((v): v is bigint => v !== null);
  if (allowed) out.push(or(...allowed.map((v) => `(= ${name} ${int(v)})`)));
  return out;
}

/** A JSON number as the Cedar decimal the gateway makes of it (truncated to 4 places), scaled by 10^4. */
export function scaledDecimal(v: number | string): bigint | null {
  const lit = toDecimalLiteral(v);
  if (lit === null) return null;
  const negative = lit.startsWith("-");
  const [i, f] = lit.replace("-", "").split(".");
  const n = BigInt(i) * DECIMAL_SCALE + BigInt(f);
  return negative ? -n : n;
}

/** A scaled decimal as a decimal string with 4 places, e.g. 15000 → "1.5000". */
export function decimalText(n: bigint): string {
  const negative = n < 0n;
  const a = negative ? -n : n;
  return `${negative ? "-" : ""}${a / DECIMAL_SCALE}.${(a % DECIMAL_SCALE).toString().padStart(4, "0")}`;
}

const max2 = (a: bigint, b: bigint) => (a > b ? a : b);
const min2 = (a: bigint, b: bigint) => (a < b ? a : b);
