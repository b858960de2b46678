/**
 * Reads a Cedar JSON schema back into a resolved type tree, so the browser can type a tool call's
 * arguments (decimal, enum entities, tag entities) from the schema JSON alone, without the
 * Node-only generator.
 */
import type { SchemaJson } from "./cedar-api";

export type CedarType =
  | { kind: "String" | "Long" | "Bool" }
  | { kind: "extension"; name: string }
  | { kind: "set"; element: CedarType }
  | { kind: "record"; attributes: Record<string, CedarAttribute> }
  | { kind: "enum"; entityType: string; values: string[] }
  /** An entity built from the value: objects with `additionalProperties` (tags) or objectsAsRecords=false. */
  | { kind: "entity"; entityType: string; attributes: Record<string, CedarAttribute>; tags?: CedarType }
  /** A type the schema declares but no JSON value can be converted to (e.g. the opaque AgentCore::Number). */
  | { kind: "opaque"; name: string };

export interface CedarAttribute {
  type: CedarType;
  required: boolean;
}

type RawType = { type?: string; name?: string; element?: RawType; attributes?: Record<string, RawType & { required?: boolean }> };
type Namespace = {
  commonTypes?: Record<string, RawType>;
  entityTypes?: Record<string, { shape?: RawType; tags?: RawType; enum?: string[] }>;
  actions?: Record<string, { appliesTo?: { context?: RawType } }>;
};

const EXTENSIONS = new Set(["decimal", "datetime", "ipaddr", "duration"]);
const PRIMS: Record<string, CedarType> = { String: { kind: "String" }, Long: { kind: "Long" }, Bool: { kind: "Bool" }, Boolean: { kind: "Bool" } };
const MAX_DEPTH = 40;

export function namespaces(schema: SchemaJson<string> | Record<string, unknown>): Record<string, Namespace> {
  return schema as Record<string, Namespace>;
}

/** The type of `context.input` for one tool action, or null when the schema has no such action. */
export function inputTypeOf(schema: SchemaJson<string> | Record<string, unknown>, actionNs: string, actionId: string): CedarType | null {
  const ns = namespaces(schema)[actionNs];
  const ctx = ns?.actions?.[actionId]?.appliesTo?.context;
  if (!ctx) return null;
  const resolved = resolve(schema, actionNs, ctx, 0);
  if (resolved.kind !== "record") return null;
  return resolved.attributes.input?.type ?? null;
}

function split(full: string): [string, string] {
  const i = full.lastIndexOf("::");
  return i < 0 ? ["", full] : [full.slice(0, i), full.slice(i + 2)];
}

function lookup(schema: Record<string, Namespace>, ns: string, name: string, entityOnly: boolean) {
  const candidates: Array<[string, string]> = name.includes("::") ? [split(name)] : [[ns, name], ["", name]];
  for (const [space, base] of candidates) {
    const def = schema[space];
    if (!entityOnly && def?.commonTypes?.[base]) return { common: def.commonTypes[base], ns: space };
    if (def?.entityTypes?.[base]) return { entity: def.entityTypes[base], fullName: space ? `${space}::${base}` : base, ns: space };
  }
  return null;
}

function resolve(schemaIn: SchemaJson<string> | Record<string, unknown>, ns: string, t: RawType, depth: number): CedarType {
  const schema = namespaces(schemaIn);
  if (depth > MAX_DEPTH) return { kind: "opaque", name: "recursive" };
  switch (t.type) {
    case "String":
    case "Long":
    case "Boolean":
      return PRIMS[t.type];
    case "Set":
      return { kind: "set", element: resolve(schemaIn, ns, t.element ?? {}, depth + 1) };
    case "Record":
      return { kind: "record", attributes: attributes(schemaIn, ns, t.attributes, depth) };
    case "Extension":
      return { kind: "extension", name: t.name ?? "" };
    case "Entity":
    case "EntityOrCommon":
      return named(schemaIn, ns, t.name ?? "", t.type === "Entity", depth);
    default:
      return named(schemaIn, ns, t.type ?? "", false, depth);
  }
  function named(s: typeof schemaIn, space: string, name: string, entityOnly: boolean, d: number): CedarType {
    const bare = name.replace(/^__cedar::/, "");
    const found = name.startsWith("__cedar::") ? null : lookup(schema, space, name, entityOnly);
    if (found?.common) return resolve(s, found.ns, found.common, d + 1);
    if (found?.entity) {
      const e = found.entity;
      if (Array.isArray(e.enum)) return { kind: "enum", entityType: found.fullName!, values: e.enum };
      if (!e.shape && !e.tags) return { kind: "opaque", name: found.fullName! };
      const shape = e.shape ? resolve(s, found.ns, e.shape, d + 1) : null;
      return {
        kind: "entity",
        entityType: found.fullName!,
        attributes: shape?.kind === "record" ? shape.attributes : {},
        ...(e.tags ? { tags: resolve(s, found.ns, e.tags, d + 1) } : {}),
      };
    }
    if (PRIMS[bare]) return PRIMS[bare];
    if (EXTENSIONS.has(bare)) return { kind: "extension", name: bare };
    return { kind: "opaque", name };
  }
}

function attributes(schema: SchemaJson<string> | Record<string, unknown>, ns: string, attrs: RawType["attributes"], depth: number) {
  const out: Record<string, CedarAttribute> = {};
  for (const [k, v] of Object.entries(attrs ?? {})) out[k] = { type: resolve(schema, ns, v, depth + 1), required: v.required !== false };
  return out;
}

/** How a type reads in a Cedar schema, for docs and completion hints. */
export function typeToString(t: CedarType): string {
  switch (t.kind) {
    case "String":
    case "Long":
    case "Bool":
      return t.kind;
    case "extension":
      return t.name;
    case "set":
      return `Set<${typeToString(t.element)}>`;
    case "record":
      return "Record";
    case "enum":
      return t.entityType;
    case "entity":
      return t.tags ? `${t.entityType} (tags ${typeToString(t.tags)})` : t.entityType;
    case "opaque":
      return t.name;
  }
}
