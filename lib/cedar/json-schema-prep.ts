/**
 * Rewrites a tool's JSON Schema into the subset the MCP schema generator handles safely, and records
 * a note for every field where Cedar cannot say exactly what the tool declared. The generator errors
 * on some inputs (tuple `items`, empty `enum`, top-level `additionalProperties`, field names that are
 * not Cedar identifiers) and maps others to types no request can populate (`Unknown`, `Null`,
 * `typeChoiceN` records), so we decide those cases here, where a note can explain the decision.
 * See docs/schema-mapping.md for the table this implements.
 */
import type { JsonSchema } from "@/lib/agentcore/types";

export interface FieldDoc {
  /** Dotted path under `context.input` with the tool's own names, `[]` for set elements: `items[].sku`. */
  path: string;
  /** Cedar type as written in a schema (`Long`, `decimal`, `Set<String>`, `{…}`, an enum entity); null when left out. */
  cedarType: string | null;
  required: boolean;
  description?: string;
  enum?: Array<string | number | boolean>;
  /** Set when Cedar could not express the declared type exactly. */
  note?: string;
}

export interface PrepOptions {
  numbersAsDecimal: boolean;
}

export interface PreparedInput {
  /** Generator-safe schema: object root, only types the generator maps to something a request can carry. */
  schema: JsonSchema;
  /** Field docs in declaration order (cedarType filled in later from the generated schema). */
  fields: FieldDoc[];
  /** Tool-level notes (e.g. the root was not an object). */
  notes: string[];
  /** Identifier-safe token → original property name, unique within the tool. */
  renames: Map<string, string>;
}

type Clean = JsonSchema;
interface Normalized {
  schema: Clean | null;
  /** The declared type admits null, so the attribute can only be optional. */
  nullable: boolean;
  notes: string[];
}

const MAX_DEPTH = 24;
/** Words the generator rejects as attribute or type names (found by experiment, see tests). */
const RESERVED = new Set(["is", "like", "has", "then", "else", "in", "if", "true", "false"]);
const RESERVED_TYPE_NAMES = new Set(["Set", "Long", "String", "Bool", "Boolean", "Record", "Entity", "Extension"]);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** String formats the generator turns into extension types; AgentCore documents string → String. */
const EXTENSION_FORMATS: Record<string, string> = {
  "date-time": "datetime",
  date: "datetime",
  duration: "duration",
  ipv4: "ipaddr",
  ipv6: "ipaddr",
  decimal: "decimal",
};

export function isCedarIdentifier(name: string): boolean {
  return IDENT.test(name) && !RESERVED.has(name) && !RESERVED_TYPE_NAMES.has(name) && !name.includes("__cedar");
}

/** Makes `name` a Cedar identifier not in `taken` (and adds it). */
export function identifierFor(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9_]/g, "_").replace(/__cedar/g, "_cedar");
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  if (!isCedarIdentifier(base)) base = `${base}_`;
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}${i}`;
  taken.add(candidate);
  return candidate;
}

const isObj = (v: unknown): v is JsonSchema => typeof v === "object" && v !== null && !Array.isArray(v);

export function prepareToolInput(input: unknown, options: PrepOptions): PreparedInput {
  const fields: FieldDoc[] = [];
  const notes: string[] = [];
  const renames = new Map<string, string>();
  const root = isObj(input) ? input : {};
  if (!isObj(input)) notes.push("inputSchema is not a JSON object; the input is an empty record.");

  const taken = new Set<string>();
  collectNames(root, taken, 0);

  const ctx = { root, options, fields, renames, taken };
  const top = normalize(ctx, root, "", 0, [], true);
  let schema: Clean;
  if (top.schema && top.schema.type === "object") schema = top.schema;
  else {
    schema = { type: "object", properties: {} };
    notes.push(
      `The input is declared as ${describeType(root)}, not an object; Cedar's context.input must be a record, so it is empty and policies cannot look at the arguments.`,
    );
  }
  notes.push(...top.notes.filter((n) => !notes.includes(n)));
  return { schema, fields, notes, renames };
}

interface Ctx {
  root: JsonSchema;
  options: PrepOptions;
  fields: FieldDoc[];
  renames: Map<string, string>;
  taken: Set<string>;
}

/** Every property name in the tool, so renaming tokens never collide with a real field. */
function collectNames(node: unknown, taken: Set<string>, depth: number) {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(node)) return node.forEach((n) => collectNames(n, taken, depth + 1));
  if (!isObj(node)) return;
  if (isObj(node.properties)) for (const k of Object.keys(node.properties)) taken.add(k);
  for (const v of Object.values(node)) collectNames(v, taken, depth + 1);
}

function describeType(node: JsonSchema): string {
  if (Array.isArray(node.type)) return node.type.join(" | ");
  if (typeof node.type === "string") return node.type;
  return "untyped";
}

function resolvePointer(root: JsonSchema, ref: string): unknown {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObj(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Follows `$ref` chains; sibling keywords (description…) stay on top of the target. */
function deref(ctx: Ctx, node: JsonSchema, refs: string[]): { node: JsonSchema | null; refs: string[]; note?: string } {
  let cur = node;
  let stack = refs;
  while (typeof cur.$ref === "string") {
    const ref = cur.$ref;
    if (stack.includes(ref)) return { node: null, refs: stack, note: `recursive reference ${ref} is cut here; Cedar types cannot be recursive` };
    const target = resolvePointer(ctx.root, ref);
    if (!isObj(target)) return { node: null, refs: stack, note: `reference ${ref} cannot be resolved (only local #/… references are)` };
    const { $ref: _ref, ...siblings } = cur;
    void _ref;
    cur = { ...target, ...siblings };
    stack = [...stack, ref];
  }
  return { node: cur, refs: stack };
}

const OMIT = (note: string, nullable = false): Normalized => ({ schema: null, nullable, notes: [note] });
const PRIMITIVES = new Set(["string", "integer", "number", "boolean"]);

function typeOf(node: JsonSchema): string | undefined {
  if (typeof node.type === "string") return node.type;
  if (isObj(node.properties) || node.additionalProperties !== undefined) return "object";
  if (node.items !== undefined) return "array";
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    const kinds = new Set(node.enum.map((v) => (Number.isInteger(v) ? "integer" : typeof v)));
    if (kinds.size === 1) return [...kinds][0] === "number" ? "number" : [...kinds][0];
  }
  if (node.const !== undefined) return Number.isInteger(node.const) ? "integer" : typeof node.const;
  return undefined;
}

function normalize(ctx: Ctx, raw: unknown, path: string, depth: number, refs: string[], isRoot = false): Normalized {
  if (depth > MAX_DEPTH) return OMIT(`nested deeper than ${MAX_DEPTH} levels; left out`);
  if (raw === true || (isObj(raw) && Object.keys(raw).length === 0 && !isRoot))
    return OMIT("accepts any value; Cedar needs one type, so it is left out of the schema");
  if (!isObj(raw)) return OMIT("not a JSON Schema object; left out");
  const d = deref(ctx, raw, refs);
  if (!d.node) return OMIT(`${d.note}; left out`);
  let node = d.node;
  refs = d.refs;
  const notes: string[] = [];
  let nullable = false;

  if (Array.isArray(node.allOf)) {
    const merged = mergeAllOf(ctx, node, refs);
    if (!merged) return OMIT("allOf of non-object schemas cannot be expressed in Cedar; left out");
    node = merged;
    notes.push("allOf: the object alternatives are merged into one record");
  }
  const alternatives = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : null;
  if (alternatives) {
    const kw = Array.isArray(node.oneOf) ? "oneOf" : "anyOf";
    const picked = pickAlternative(ctx, node, alternatives, refs);
    if (!picked.node) return OMIT(`${kw} mixes ${picked.kinds.join(" and ")}; Cedar attributes have one type, so it is left out`, picked.nullable);
    node = picked.node;
    nullable ||= picked.nullable;
    notes.push(`${kw}: ${picked.note}`);
  }
  if (node.const !== undefined && node.enum === undefined) {
    node = { ...node, enum: [node.const] };
    notes.push("const is treated as a one-value enum");
  }
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t) => t !== "null");
    nullable ||= types.length < node.type.length;
    if (types.length === 0) return OMIT("always null; nothing for a policy to check, so it is left out", true);
    const merged = types.every((t) => t === "integer" || t === "number") ? [types.includes("number") ? "number" : "integer"] : [...new Set(types)];
    if (merged.length > 1) return OMIT(`can be ${types.join(" or ")}; Cedar attributes have one type, so it is left out`, nullable);
    node = { ...node, type: merged[0] };
  }
  if (nullable) notes.push("may be null: optional in Cedar (test with `has` before use)");

  // A root with no type is how many tools say "an object of these properties".
  const type = typeOf(node) ?? (isRoot ? "object" : undefined);
  if (type === "null") return OMIT("always null; nothing for a policy to check, so it is left out", true);
  if (type === undefined) return OMIT("has no type; Cedar needs one, so it is left out", nullable);

  const out = (schema: Clean): Normalized => ({ schema, nullable, notes });
  if (PRIMITIVES.has(type)) return out(primitive(ctx, node, type, notes));
  if (type === "array") {
    let items = node.items;
    if (Array.isArray(items)) {
      if (items.length === 0) return OMIT("tuple with no item schemas; left out", nullable);
      notes.push("tuple items: Cedar sets have one element type; the first item schema is used");
      items = items[0];
    }
    if (items === undefined) return OMIT("array without `items`; Cedar sets need an element type, so it is left out", nullable);
    const el = normalize(ctx, items, `${path}[]`, depth + 1, refs);
    if (!el.schema) return OMIT(`array elements: ${el.notes.join("; ")}`, nullable);
    if (el.notes.length) notes.push(`elements: ${el.notes.join("; ")}`);
    return out({ type: "array", items: el.schema });
  }
  if (type === "object") return out(objectSchema(ctx, node, path, depth, refs, notes, isRoot));
  return OMIT(`type "${type}" is not JSON Schema; left out`, nullable);
}

function primitive(ctx: Ctx, node: JsonSchema, type: string, notes: string[]): Clean {
  const schema: Clean = { type };
  if (typeof node.format === "string" && type === "string") {
    const ext = EXTENSION_FORMATS[node.format];
    notes.push(
      ext
        ? `format "${node.format}" stays String (AgentCore maps string → String; the generator alone would make it ${ext}); compare as text`
        : `format "${node.format}" is not checked by Cedar; it is a plain String`,
    );
  }
  if (type === "number")
    notes.push(
      ctx.options.numbersAsDecimal
        ? 'number → decimal (Cedar has no floats; values are truncated to 4 decimal places); compare with .lessThan(decimal("…"))'
        : "number → the opaque entity AgentCore::Number (numbersAsDecimal is off); policies cannot compare it",
    );
  if (Array.isArray(node.enum)) {
    if (type === "string") {
      const values = [...new Set(node.enum.filter((v): v is string => typeof v === "string"))];
      if (values.length > 0) {
        schema.enum = values;
        if (values.length < node.enum.length) notes.push("non-string enum values are dropped");
      } else notes.push("empty enum; treated as a plain String");
    } else if (node.enum.length > 0) {
      notes.push(`enum of ${type}s: Cedar enums are strings only, so the allowed values (${node.enum.join(", ")}) are not enforced`);
    }
  }
  return schema;
}

function objectSchema(ctx: Ctx, node: JsonSchema, path: string, depth: number, refs: string[], notes: string[], isRoot: boolean): Clean {
  const props = isObj(node.properties) ? node.properties : {};
  const required = new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === "string") : []);
  const properties: Record<string, Clean> = {};
  const requiredOut: string[] = [];
  for (const [name, child] of Object.entries(props)) {
    const fieldPath = path ? `${path}.${name}` : name;
    const doc: FieldDoc = { path: fieldPath, cedarType: null, required: false };
    if (isObj(child) && typeof child.description === "string") doc.description = child.description;
    ctx.fields.push(doc);
    const n = normalize(ctx, child, fieldPath, depth + 1, refs);
    if (n.notes.length) doc.note = n.notes.join("; ");
    if (!n.schema) continue;
    if (Array.isArray(n.schema.enum)) doc.enum = n.schema.enum as string[];
    const key = isCedarIdentifier(name) ? name : identifierFor(name, ctx.taken);
    if (key !== name) {
      ctx.renames.set(key, name);
      const hint = `not a Cedar identifier: write ${cedarPath(fieldPath)}`;
      doc.note = doc.note ? `${doc.note}; ${hint}` : hint;
    }
    properties[key] = n.schema;
    doc.required = required.has(name) && !n.nullable;
    if (doc.required) requiredOut.push(key);
  }
  const schema: Clean = { type: "object", properties };
  if (requiredOut.length) schema.required = requiredOut;

  const extra = node.additionalProperties;
  if (isObj(extra) && Object.keys(extra).length > 0) {
    if (isRoot) {
      notes.push("additionalProperties at the top level cannot be expressed (context.input is a record); extra arguments are not visible to policies");
    } else {
      const tag = normalize(ctx, extra, `${path}.*`, depth + 1, refs);
      if (tag.schema) {
        schema.additionalProperties = tag.schema;
        notes.push(`additionalProperties → an entity whose extra keys are tags: use ${cedarPath(path)}.hasTag("key") && ${cedarPath(path)}.getTag("key")`);
      } else notes.push(`additionalProperties (${tag.notes.join("; ")}); extra keys are not visible to policies`);
    }
  } else if (extra === true || (isObj(extra) && Object.keys(extra).length === 0)) {
    notes.push("additionalProperties: any extra keys are not visible to policies");
  }
  return schema;
}

function cedarPath(path: string): string {
  return `context.input${path
    .split(".")
    .map((p) => (isCedarIdentifier(p) ? `.${p}` : `["${p}"]`))
    .join("")}`;
}

function mergeAllOf(ctx: Ctx, node: JsonSchema, refs: string[]): JsonSchema | null {
  const { allOf, ...rest } = node;
  const parts = [rest, ...(allOf as unknown[])].map((p) => (isObj(p) ? deref(ctx, p, refs).node : null));
  if (parts.some((p) => p === null)) return null;
  const real = (parts as JsonSchema[]).filter((p) => Object.keys(p).some((k) => k !== "description" && k !== "title"));
  if (real.length <= 1) return { ...rest, ...(real[0] ?? {}) };
  if (!real.every((p) => typeOf(p) === "object")) return null;
  const merged: JsonSchema = { ...rest, type: "object", properties: {}, required: [] };
  for (const p of real) {
    Object.assign(merged.properties as JsonSchema, isObj(p.properties) ? p.properties : {});
    (merged.required as string[]).push(...(Array.isArray(p.required) ? (p.required as string[]) : []));
    if (p.additionalProperties !== undefined) merged.additionalProperties = p.additionalProperties;
  }
  return merged;
}

function pickAlternative(
  ctx: Ctx,
  node: JsonSchema,
  alts: unknown[],
  refs: string[],
): { node: JsonSchema | null; nullable: boolean; note: string; kinds: string[] } {
  const { oneOf: _o, anyOf: _a, ...rest } = node;
  void _o;
  void _a;
  const resolved = alts.map((a) => (isObj(a) ? deref(ctx, a, refs).node : null)).filter((a): a is JsonSchema => a !== null);
  const nonNull = resolved.filter((a) => !(a.type === "null" || (Array.isArray(a.type) && a.type.every((t) => t === "null"))));
  const nullable = nonNull.length < resolved.length;
  const kinds = [...new Set(nonNull.map((a) => typeOf(a) ?? "untyped"))];
  if (nonNull.length === 0) return { node: null, nullable, note: "", kinds: ["null"] };
  if (nonNull.length === 1) return { node: { ...rest, ...nonNull[0] }, nullable, note: "the only non-null alternative is used", kinds };
  if (kinds.length === 1 && kinds[0] === "object") {
    const properties: JsonSchema = {};
    for (const a of nonNull) Object.assign(properties, isObj(a.properties) ? a.properties : {});
    return { node: { ...rest, type: "object", properties }, nullable, note: "object alternatives are merged into one record with every attribute optional", kinds };
  }
  const numeric = kinds.every((k) => k === "integer" || k === "number");
  if (kinds.length === 1 || numeric) {
    const type = numeric && kinds.includes("number") ? "number" : kinds[0];
    const enums = nonNull.every((a) => Array.isArray(a.enum) || a.const !== undefined)
      ? [...new Set(nonNull.flatMap((a) => (Array.isArray(a.enum) ? a.enum : [a.const])))]
      : undefined;
    return { node: { ...rest, type, ...(enums ? { enum: enums } : {}) }, nullable, note: `every alternative is a ${type}, so it is one ${type}`, kinds };
  }
  return { node: null, nullable, note: "", kinds };
}
