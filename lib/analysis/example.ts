/**
 * A solver model → the call it stands for: the principal (sub, claims) and JSON arguments that
 * satisfy the tool's input schema. Values the policies never read get plain defaults that satisfy
 * the schema; optional arguments and claims the model does not need are left out.
 */
import type { CedarType } from "@/lib/cedar/cedar-types";
import type { Domain, InputNode, JsonSchemaNode } from "./domain";
import { decimalText, safeRegex, scaledDecimal } from "./json-values";
import type { Assignment } from "./problem";
import { findWitness } from "./strings";
import type { ExampleCall } from "./types";

/**
 * `faithful` is false when some value of the model has no JSON form that the gateway turns back into
 * it (a decimal beyond double precision): such a call may legitimately fail the guard.
 */
export function buildCall(domain: Domain, a: Assignment): { call: ExampleCall; faithful: boolean } {
  const scope = domain.scope;
  const pid = domain.strings.find((s) => s.path === "principal.sub");
  const sub = scope.principal?.sub ?? (pid ? a.strings.get(pid.name) : undefined) ?? "agent";
  const claims: Record<string, string> = {};
  if (scope.principal) Object.assign(claims, scope.principal.tags);
  else
    for (const [key, tag] of domain.principalTags) {
      if (tag.present === "false" || a.values.get(tag.present) !== true) continue;
      const s = domain.strings.find((x) => x.path === `tag:${key}`);
      claims[key] = (s && a.strings.get(s.name)) ?? "";
    }
  const builder = new ArgumentBuilder(domain, a);
  const args = builder.record("", scope.inputType, scope.inputSchema);
  const principal =
    scope.principalKind === "IamEntity"
      ? { type: "IamEntity" as const, sub }
      : { type: "OAuthUser" as const, sub, ...(Object.keys(claims).length ? { claims } : {}) };
  return { call: { principal, arguments: (args ?? {}) as Record<string, unknown> }, faithful: builder.faithful };
}

class ArgumentBuilder {
  faithful = true;

  constructor(
    private readonly d: Domain,
    private readonly a: Assignment,
  ) {}

  record(path: string, t: CedarType, schema: JsonSchemaNode | undefined): Record<string, unknown> | undefined {
    const node = this.d.nodes.get(path);
    const attrs = t.kind === "record" || t.kind === "entity" ? t.attributes : {};
    const props = (schema?.properties ?? {}) as Record<string, JsonSchemaNode>;
    const required = new Set(Array.isArray(schema?.required) ? (schema.required as string[]) : []);
    const out: Record<string, unknown> = {};
    const presence = node && (node.kind === "record" || node.kind === "entity") ? node.presence : new Map<string, string>();
    for (const [name, attr] of Object.entries(attrs)) {
      const at = path ? `${path}.${name}` : name;
      const flag = presence.get(name);
      const include = attr.required || (flag !== undefined && this.a.values.get(flag) === true);
      if (!include) continue;
      out[name] = this.value(at, attr.type, props[name]);
    }
    // Fields the Cedar schema leaves out (untyped, null-only) can still be required by the tool.
    for (const name of required) if (!(name in out) && !(name in attrs)) out[name] = defaultFor(props[name]);
    if (node?.kind === "entity")
      for (const [key, tag] of node.tags) {
        if (this.a.values.get(tag.present) !== true || key in out) continue;
        const tagType = t.kind === "entity" ? t.tags : undefined;
        const extra = schema && typeof schema.additionalProperties === "object" ? (schema.additionalProperties as JsonSchemaNode) : undefined;
        out[key] = tagType ? this.value(tag.path, tagType, extra) : defaultFor(extra);
      }
    return out;
  }

  private value(path: string, t: CedarType, schema: JsonSchemaNode | undefined): unknown {
    const node = this.d.nodes.get(path);
    if (!node) return t.kind === "record" || t.kind === "entity" ? this.record(path, t, schema) : defaultFor(schema, t);
    return this.fromNode(node, path, t, schema);
  }

  private fromNode(node: InputNode, path: string, t: CedarType, schema: JsonSchemaNode | undefined): unknown {
    switch (node.kind) {
      case "String":
        return this.a.strings.get(node.name) ?? defaultFor(schema, t);
      case "enum": {
        const code = this.a.values.get(node.name);
        return typeof code === "bigint" ? this.d.literals.list[Number(code)] : node.values[0];
      }
      case "Long": {
        const v = this.a.values.get(node.name);
        return typeof v === "bigint" ? Number(v) : defaultFor(schema, t);
      }
      case "decimal": {
        const v = this.a.values.get(node.name);
        if (typeof v !== "bigint") return defaultFor(schema, t);
        const n = decimalNumber(v, schema);
        if (scaledDecimal(n) !== v) this.faithful = false;
        return n;
      }
      case "Bool": {
        const v = this.a.values.get(node.name);
        return typeof v === "boolean" ? v : false;
      }
      case "set": {
        const element = t.kind === "set" ? t.element : ({ kind: "String" } as CedarType);
        const items = schema && typeof schema.items === "object" ? (schema.items as JsonSchemaNode) : undefined;
        const seen = new Set<string>();
        const out: unknown[] = [];
        for (const slot of node.slots) {
          if (this.a.values.get(slot.present) !== true) continue;
          const v = this.value(slot.path, element, items);
          const key = JSON.stringify(v);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(v);
        }
        // A JSON array may repeat an element; Cedar's set will not see the repeats.
        const minItems = typeof schema?.minItems === "number" ? schema.minItems : 0;
        while (out.length > 0 && out.length < minItems) out.push(out[0]);
        return out;
      }
      case "record":
      case "entity":
        return this.record(path, t, schema);
    }
  }
}

/**
 * A decimal as the JSON number the example sends. The domain's bounds were widened by one unit of
 * the last place, so a value just outside the schema's bounds moves inside while truncating to the
 * same decimal when it can.
 */
function decimalNumber(v: bigint, schema: JsonSchemaNode | undefined): number {
  let n = Number(decimalText(v));
  const min = typeof schema?.minimum === "number" ? schema.minimum : undefined;
  const max = typeof schema?.maximum === "number" ? schema.maximum : undefined;
  if (min !== undefined && n < min) n = min;
  if (max !== undefined && n > max) n = max;
  return n;
}

/** A value the tool's schema accepts, for arguments no policy reads. */
export function defaultFor(schema: JsonSchemaNode | undefined, t?: CedarType): unknown {
  if (!schema) return t?.kind === "Long" ? 1 : t?.kind === "Bool" ? false : t?.kind === "String" ? "a" : null;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if ("const" in schema) return schema.const;
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((x) => x !== "null") : schema.type;
  const num = (k: string) => (typeof schema[k] === "number" ? (schema[k] as number) : undefined);
  switch (type) {
    case "integer": {
      const lo = num("minimum") ?? (num("exclusiveMinimum") !== undefined ? Math.floor(num("exclusiveMinimum")!) + 1 : undefined);
      const hi = num("maximum") ?? (num("exclusiveMaximum") !== undefined ? Math.ceil(num("exclusiveMaximum")!) - 1 : undefined);
      return Math.ceil(lo !== undefined && lo > 1 ? lo : hi !== undefined && hi < 1 ? hi : 1);
    }
    case "number": {
      const lo = num("minimum") ?? num("exclusiveMinimum");
      const hi = num("maximum") ?? num("exclusiveMaximum");
      return lo !== undefined && lo >= 1 ? lo + (num("exclusiveMinimum") !== undefined ? 1 : 0) : hi !== undefined && hi <= 1 ? hi - (num("exclusiveMaximum") !== undefined ? 1 : 0) : 1;
    }
    case "boolean":
      return false;
    case "string": {
      const pattern = typeof schema.pattern === "string" ? safeRegex(schema.pattern) : undefined;
      const w = findWitness({ must: [], mustNot: [], notIn: new Set(), minLength: Math.max(1, num("minLength") ?? 0), maxLength: num("maxLength") ?? Infinity, accept: pattern ? (s) => pattern.test(s) : undefined });
      return w.value ?? "a";
    }
    case "array": {
      const items = typeof schema.items === "object" && !Array.isArray(schema.items) ? (schema.items as JsonSchemaNode) : undefined;
      const n = num("minItems") ?? 0;
      return Array.from({ length: n }, () => defaultFor(items));
    }
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, JsonSchemaNode>;
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      return Object.fromEntries(required.map((k) => [k, defaultFor(props[k])]));
    }
    case "null":
      return null;
    default:
      return t?.kind === "Long" ? 1 : null;
  }
}
