/**
 * A tool's input schema as form fields, and a tools/call body read as form values and written back.
 * The body text stays the one source of truth: the form is a view of it, offered only when the
 * view loses nothing (no unknown keys, no values a field cannot show, nothing beside the arguments).
 */
import { toolsCall } from "./tool-call";

type Schema = { [key: string]: unknown };

interface FieldBase {
  key: string;
  /** Keys from the arguments' root, e.g. ["shippingAddress", "city"]. */
  path: string[];
  required: boolean;
  description?: string;
}

/** One enum member: its value, and its label in a select (strings as they are, the rest as JSON). */
export interface EnumOption {
  value: string | number | boolean | null;
  label: string;
}

export type FormField =
  | (FieldBase & { kind: "string"; format?: string })
  | (FieldBase & { kind: "number"; integer: boolean })
  | (FieldBase & { kind: "boolean" })
  | (FieldBase & { kind: "enum"; options: EnumOption[] })
  | (FieldBase & { kind: "object"; fields: FormField[]; extraKeys: boolean })
  /** Arrays, unions, free-form maps and untyped values: edited as JSON text. */
  | (FieldBase & { kind: "json" });

/** The form of an object schema; `extraKeys` says whether keys outside `fields` are allowed. */
export interface ArgumentForm {
  fields: FormField[];
  extraKeys: boolean;
}

const MAX_DEPTH = 6;

export function argumentForm(schema: Schema | undefined): ArgumentForm {
  const s = schema ?? {};
  return { fields: objectFields(s, [], 0), extraKeys: s.additionalProperties !== false };
}

function objectFields(schema: Schema, path: string[], depth: number): FormField[] {
  const props = isObject(schema.properties) ? (schema.properties as Record<string, unknown>) : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === "string") : []);
  return Object.entries(props).map(([key, child]) => fieldOf(key, isObject(child) ? (child as Schema) : {}, [...path, key], required.has(key), depth + 1));
}

function fieldOf(key: string, schema: Schema, path: string[], required: boolean, depth: number): FormField {
  const base: FieldBase = { key, path, required, ...(typeof schema.description === "string" ? { description: schema.description } : {}) };
  if (Array.isArray(schema.enum) && schema.enum.length) {
    const scalar = schema.enum.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));
    if (scalar) return { ...base, kind: "enum", options: (schema.enum as EnumOption["value"][]).map((value) => ({ value, label: typeof value === "string" ? value : JSON.stringify(value) })) };
    return { ...base, kind: "json" };
  }
  if ("const" in schema || schema.oneOf || schema.anyOf || schema.allOf || schema.$ref || schema.not) return { ...base, kind: "json" };
  const type = singleType(schema);
  switch (type) {
    case "string":
      return { ...base, kind: "string", ...(typeof schema.format === "string" ? { format: schema.format } : {}) };
    case "integer":
    case "number":
      return { ...base, kind: "number", integer: type === "integer" };
    case "boolean":
      return { ...base, kind: "boolean" };
    case "object":
      // A map with no named properties has nothing to lay out as fields.
      if (!isObject(schema.properties) || Object.keys(schema.properties as object).length === 0 || depth > MAX_DEPTH) return { ...base, kind: "json" };
      return { ...base, kind: "object", fields: objectFields(schema, path, depth), extraKeys: schema.additionalProperties !== false };
    default:
      return { ...base, kind: "json" };
  }
}

/** The schema's one type: named, or implied by `properties`; none for unions (nullable ones included) and untyped values. */
function singleType(schema: Schema): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.length === 1 && typeof schema.type[0] === "string" ? schema.type[0] : undefined;
  return isObject(schema.properties) ? "object" : undefined;
}

/** Why the form cannot show `args` without losing something, or null when it can. */
export function formProblem(form: ArgumentForm, args: Record<string, unknown>): string | null {
  return objectProblem(form.fields, args, "");
}

function objectProblem(fields: FormField[], value: Record<string, unknown>, prefix: string): string | null {
  const known = new Set(fields.map((f) => f.key));
  const extra = Object.keys(value).find((k) => !known.has(k));
  if (extra !== undefined) return `"${prefix}${extra}" is not in the tool's input schema`;
  for (const f of fields) {
    const problem = valueProblem(f, value[f.key], `${prefix}${f.key}`);
    if (problem) return problem;
  }
  return null;
}

function valueProblem(f: FormField, v: unknown, at: string): string | null {
  if (v === undefined) return null;
  switch (f.kind) {
    case "string":
      if (typeof v !== "string") return `"${at}" is ${describe(v)}, not a string`;
      // An empty optional field is read as absent, so an explicit "" would be lost.
      return v === "" && !f.required ? `"${at}" is an empty string, which the form shows as not set` : null;
    case "number":
      if (typeof v !== "number" || !Number.isFinite(v)) return `"${at}" is ${describe(v)}, not a number`;
      return f.integer && !Number.isInteger(v) ? `"${at}" is ${v}, not an integer` : null;
    case "boolean":
      return typeof v === "boolean" ? null : `"${at}" is ${describe(v)}, not true or false`;
    case "enum":
      return f.options.some((o) => o.value === v) ? null : `"${at}" is ${describe(v)}, not one of its choices`;
    case "object":
      if (!isObject(v)) return `"${at}" is ${describe(v)}, not an object`;
      if (!f.required && Object.keys(v as object).length === 0) return `"${at}" is an empty object, which the form shows as not set`;
      return objectProblem(f.fields, v as Record<string, unknown>, `${at}.`);
    case "json":
      return null;
  }
}

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : typeof v === "object" ? "an object" : String(v));

/**
 * `args` with the value at `path` set, or removed when `value` is undefined. Optional objects left
 * empty are removed too, so clearing a nested fieldset leaves the arguments as they were before it.
 */
export function withValue(form: ArgumentForm, args: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  return setIn(form.fields, args, path, value);
}

function setIn(fields: FormField[], obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  const out = { ...obj };
  let next: unknown = value;
  if (rest.length) {
    const field = fields.find((f) => f.key === key);
    const inner = field?.kind === "object" ? field.fields : [];
    const current = isObject(obj[key]) ? (obj[key] as Record<string, unknown>) : {};
    const child = setIn(inner, current, rest, value);
    next = Object.keys(child).length === 0 && !field?.required ? undefined : child;
  }
  if (next === undefined) delete out[key];
  else out[key] = next;
  return out;
}

/** The value a field's input text stands for: undefined (absent) when cleared, unless the field is a required string. */
export function inputValue(field: FormField, text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text === "" && !(field.kind === "string" && field.required)) return { ok: true, value: undefined };
  switch (field.kind) {
    case "string":
      return { ok: true, value: text };
    case "number": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) return { ok: false, message: "not a number" };
      return field.integer && !Number.isInteger(n) ? { ok: false, message: "not an integer" } : { ok: true, value: n };
    }
    case "boolean":
      return text === "true" || text === "false" ? { ok: true, value: text === "true" } : { ok: false, message: "not true or false" };
    case "enum": {
      const option = field.options[Number(text)];
      return option ? { ok: true, value: option.value } : { ok: false, message: "not one of the choices" };
    }
    case "json":
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        return { ok: false, message: "not JSON yet" };
      }
    case "object":
      return { ok: false, message: "an object is edited through its fields" };
  }
}

/** A value as its field's input shows it (the inverse of `inputValue`). */
export function inputText(field: FormField, value: unknown): string {
  if (value === undefined) return "";
  switch (field.kind) {
    case "string":
    case "number":
    case "boolean":
      return String(value);
    case "enum": {
      const i = field.options.findIndex((o) => o.value === value);
      return i < 0 ? "" : String(i);
    }
    case "json":
      return JSON.stringify(value);
    case "object":
      return "";
  }
}

/** A body the form can show: a plain tools/call whose id and arguments it keeps, of a tool it knows. */
export type FormBody = { ok: true; id: number | string; tool: string; args: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Reads a body as the form sees it. Anything the form would not write back identically (other
 * top-level members, `_meta`, a batch, text that is not JSON) keeps the body in raw JSON.
 */
export function readFormBody(text: string, formOf: (tool: string) => ArgumentForm | undefined): FormBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: "the body is not JSON" };
  }
  if (!isObject(body)) return { ok: false, reason: "the body is not one JSON-RPC request object" };
  const b = body as Record<string, unknown>;
  const other = Object.keys(b).find((k) => !["jsonrpc", "id", "method", "params"].includes(k));
  if (other !== undefined) return { ok: false, reason: `the body has "${other}" beside the call` };
  if (b.jsonrpc !== "2.0" || b.method !== "tools/call") return { ok: false, reason: "the body is not a JSON-RPC 2.0 tools/call" };
  if (typeof b.id !== "number" && typeof b.id !== "string") return { ok: false, reason: "the call has no number or string id" };
  if (!isObject(b.params)) return { ok: false, reason: "the call has no params object" };
  const params = b.params as Record<string, unknown>;
  const extra = Object.keys(params).find((k) => k !== "name" && k !== "arguments");
  if (extra !== undefined) return { ok: false, reason: `the params have "${extra}" beside the tool and its arguments` };
  if (typeof params.name !== "string") return { ok: false, reason: "the call names no tool" };
  const form = formOf(params.name);
  if (!form) return { ok: false, reason: `this gateway has no tool ${params.name.slice(0, 100)}` };
  const args = params.arguments === undefined ? {} : params.arguments;
  if (!isObject(args)) return { ok: false, reason: "the arguments are not an object" };
  const problem = formProblem(form, args as Record<string, unknown>);
  return problem ? { ok: false, reason: problem } : { ok: true, id: b.id, tool: params.name, args: args as Record<string, unknown> };
}

/** The body text the form writes: the same shape the panel always sent, pretty-printed. */
export function formBodyText(tool: string, args: Record<string, unknown>, id: number | string = 1): string {
  return JSON.stringify(toolsCall(tool, args, id), null, 2);
}

const isObject = (v: unknown): boolean => typeof v === "object" && v !== null && !Array.isArray(v);
