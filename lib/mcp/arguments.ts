/**
 * Checks a tool call's arguments against the tool's JSON Schema, the subset tools actually use
 * (type, required, properties, additionalProperties, items, enum, const, ranges, lengths, pattern).
 * Pure and small on purpose: the gateway answers -32602 with the first issue's message.
 */

export interface ArgumentIssue {
  /** JSON path from the arguments' root, e.g. `shippingAddress.country` or `items[0].sku`; "" for the root. */
  path: string;
  message: string;
}

type Schema = { [key: string]: unknown };

const MAX_ISSUES = 20;

export function checkArguments(schema: Schema | undefined, args: unknown): ArgumentIssue[] {
  const issues: ArgumentIssue[] = [];
  if (!schema || typeof schema !== "object") return issues;
  check(schema, args, "", issues);
  return issues;
}

/** One line for a human: `Invalid arguments for tool X: amount: expected integer, got string "5"`. */
export function describeIssues(tool: string, issues: ArgumentIssue[]): string {
  const parts = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return `Invalid arguments for tool ${tool}: ${parts.join("; ")}${more}`;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function matchesType(expected: string, v: unknown): boolean {
  const actual = typeOf(v);
  if (expected === "number") return actual === "number" || actual === "integer";
  return expected === actual;
}

function show(v: unknown): string {
  const t = typeOf(v);
  if (t === "null") return "null";
  if (t === "object") return "object";
  if (t === "array") return "array";
  const s = JSON.stringify(v);
  return `${t === "integer" || t === "number" ? "number" : t} ${s.length > 40 ? `${s.slice(0, 37)}…` : s}`;
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function check(schema: Schema, v: unknown, path: string, issues: ArgumentIssue[]): void {
  if (issues.length >= MAX_ISSUES) return;
  const add = (message: string, at = path) => issues.push({ path: at, message });

  const type = schema.type;
  if (typeof type === "string" || Array.isArray(type)) {
    const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
    if (types.length > 0 && !types.some((t) => matchesType(t, v))) {
      add(`expected ${types.join(" or ")}, got ${show(v)}`);
      return;
    }
  }

  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, v))) {
    add(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${JSON.stringify(v)}`);
    return;
  }
  if ("const" in schema && !deepEqual(schema.const, v)) {
    add(`must be ${JSON.stringify(schema.const)}`);
    return;
  }

  if (typeof v === "number") {
    if (typeof schema.minimum === "number" && v < schema.minimum) add(`must be ≥ ${schema.minimum}`);
    if (typeof schema.maximum === "number" && v > schema.maximum) add(`must be ≤ ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === "number" && v <= schema.exclusiveMinimum) add(`must be > ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === "number" && v >= schema.exclusiveMaximum) add(`must be < ${schema.exclusiveMaximum}`);
  }

  if (typeof v === "string") {
    const length = [...v].length;
    if (typeof schema.minLength === "number" && length < schema.minLength) add(`must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === "number" && length > schema.maxLength) add(`must have at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === "string") {
      let re: RegExp | undefined;
      try {
        re = new RegExp(schema.pattern, "u");
      } catch {
        re = undefined; // a bad pattern in a tool schema is the tool's problem, not the caller's
      }
      if (re && !re.test(v)) add(`must match the pattern ${schema.pattern}`);
    }
  }

  if (Array.isArray(v)) {
    if (typeof schema.minItems === "number" && v.length < schema.minItems) add(`must have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === "number" && v.length > schema.maxItems) add(`must have at most ${schema.maxItems} items`);
    if (schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
      v.forEach((item, i) => check(schema.items as Schema, item, join(path, i), issues));
    }
  }

  if (typeOf(v) === "object") {
    const obj = v as Record<string, unknown>;
    const props = (schema.properties && typeof schema.properties === "object" ? schema.properties : {}) as Record<string, Schema>;
    if (Array.isArray(schema.required)) {
      for (const key of schema.required) {
        if (typeof key === "string" && !(key in obj)) add("is required", join(path, key));
      }
    }
    for (const [key, value] of Object.entries(obj)) {
      const sub = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
      if (sub && typeof sub === "object") check(sub, value, join(path, key), issues);
      else if (schema.additionalProperties === false) add("is not a property of this object", join(path, key));
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        check(schema.additionalProperties as Schema, value, join(path, key), issues);
      }
    }
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
