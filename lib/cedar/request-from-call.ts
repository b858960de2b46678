/**
 * The Cedar request AgentCore builds for one MCP `tools/call`, computed from the schema JSON alone
 * (so it runs in the browser worker, where the Node-only generator cannot). Arguments are typed per
 * the schema: numbers declared decimal become decimal extension values, enum strings become enum
 * entity references, objects with additionalProperties become tag entities. A differential test
 * keeps this in step with the generator's `generateRequest`.
 */
import {
  ACTION_TYPE,
  GATEWAY_TYPE,
  NS,
  principalType,
  type CedarContext,
  type CedarValueJson,
  type EntityJson,
  type PrincipalKind,
  type SchemaJson,
} from "./cedar-api";
import { inputTypeOf, type CedarType } from "./cedar-types";

/** What a request needs of its principal; a call's principal (lib/mcp/principal.ts) fits it. */
export interface RequestPrincipal {
  type?: PrincipalKind;
  /** JWT `sub` for OAuthUser; the caller's IAM ARN for IamEntity. */
  sub: string;
  claims?: Record<string, unknown>;
}

export interface CallInput {
  principal: RequestPrincipal;
  toolName: string;
  args: unknown;
  gatewayArn: string;
  schemaJson: SchemaJson<string> | Record<string, unknown>;
}

export interface EntityRef {
  type: string;
  id: string;
}

export interface CedarRequest {
  principal: EntityRef;
  action: EntityRef;
  resource: EntityRef;
  context: CedarContext;
  entities: EntityJson[];
}

export type BuiltRequest =
  | { ok: true; request: CedarRequest; /** Arguments the schema has no place for (dropped). */ warnings: string[] }
  | { ok: false; error: string; path?: string };

/** Cedar's decimal: at most 4 fractional digits, within ±922337203685477.5807. */
const DECIMAL_MAX_INT = 922337203685477n;

class ArgError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

export function buildRequest(input: CallInput): BuiltRequest {
  const kind = input.principal.type ?? "OAuthUser";
  const inputType = inputTypeOf(input.schemaJson, NS, input.toolName);
  if (!inputType) return { ok: false, error: `The tool "${input.toolName}" is not in this gateway's schema.` };

  const entities: EntityJson[] = [principalEntity(kind, input.principal)];
  const warnings: string[] = [];
  const args = input.args === undefined || input.args === null ? {} : input.args;
  let value: CedarValueJson;
  try {
    value = toCedar(inputType, args, "input", { entities, warnings });
  } catch (e) {
    if (e instanceof ArgError) return { ok: false, error: e.message, path: e.path };
    throw e;
  }
  return {
    ok: true,
    warnings,
    request: {
      principal: { type: principalType(kind), id: input.principal.sub },
      action: { type: ACTION_TYPE, id: input.toolName },
      resource: { type: GATEWAY_TYPE, id: input.gatewayArn },
      context: { input: value },
      entities,
    },
  };
}

/**
 * Claims become String tags (the schema declares `tags String`). Strings pass through; numbers and
 * booleans are printed; arrays of scalars are space-joined like the OAuth `scope` claim, so
 * `principal.getTag("groups") like "*admin*"` works; anything else is JSON. AgentCore's docs only
 * show string claims, so the non-string cases are our choice.
 */
export function claimToTag(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => ["string", "number", "boolean"].includes(typeof v))) return value.join(" ");
  return JSON.stringify(value) ?? "";
}

export function principalEntity(kind: PrincipalKind, p: RequestPrincipal): EntityJson {
  const entity: EntityJson = { uid: { type: principalType(kind), id: p.sub }, attrs: { id: p.sub }, parents: [] };
  // IamEntity has no tags in AgentCore's schema; sending them would fail request validation.
  if (kind === "OAuthUser") {
    entity.tags = {};
    for (const [k, v] of Object.entries(p.claims ?? {})) if (v !== undefined && v !== null) entity.tags[k] = claimToTag(v);
  }
  return entity;
}

/** JSON number → Cedar decimal literal, truncated (not rounded) to 4 places as AgentCore does. */
export function toDecimalLiteral(n: number | string): string | null {
  let s: string;
  if (typeof n === "string") {
    if (!/^-?\d+(\.\d+)?$/.test(n.trim())) return null;
    s = n.trim();
  } else {
    if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return null;
    s = String(n);
    if (/e/i.test(s)) s = n.toFixed(20);
  }
  const negative = s.startsWith("-");
  const [int, frac = ""] = s.replace(/^-/, "").split(".");
  // Always four places, as the MCP generator prints them; Cedar compares decimals by value anyway.
  const digits = frac.slice(0, 4).padEnd(4, "0");
  if (BigInt(int) > DECIMAL_MAX_INT) return null;
  const out = `${BigInt(int).toString()}.${digits}`;
  return negative && out !== "0.0000" ? `-${out}` : out;
}

interface Acc {
  entities: EntityJson[];
  warnings: string[];
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`;
}

function toCedar(t: CedarType, v: unknown, path: string, acc: Acc): CedarValueJson {
  const fail = (expected: string): never => {
    throw new ArgError(`${path.replace(/^input\.?/, "") || "input"}: expected ${expected}, got ${describe(v)}`, path);
  };
  switch (t.kind) {
    case "String":
      return typeof v === "string" ? v : fail("a string");
    case "Long":
      return typeof v === "number" && Number.isSafeInteger(v) ? v : fail("an integer");
    case "Bool":
      return typeof v === "boolean" ? v : fail("a boolean");
    case "extension": {
      if (t.name === "decimal") {
        const lit = typeof v === "number" || typeof v === "string" ? toDecimalLiteral(v) : null;
        return lit === null ? fail("a number within Cedar's decimal range") : { __extn: { fn: "decimal", arg: lit } };
      }
      return typeof v === "string" ? { __extn: { fn: t.name, arg: v } } : fail(`a ${t.name} string`);
    }
    case "set":
      return Array.isArray(v) ? v.map((el, i) => toCedar(t.element, el, `${path}[${i}]`, acc)) : fail("an array");
    case "enum":
      return typeof v === "string" && t.values.includes(v) ? { __entity: { type: t.entityType, id: v } } : fail(`one of ${t.values.map((x) => JSON.stringify(x)).join(", ")}`);
    case "record":
      if (typeof v !== "object" || v === null || Array.isArray(v)) return fail("an object");
      return record(t.attributes, v as Record<string, unknown>, path, acc, false);
    case "entity": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return fail("an object");
      const obj = v as Record<string, unknown>;
      const attrs = record(t.attributes, obj, path, acc, Boolean(t.tags));
      const entity: EntityJson = { uid: { type: t.entityType, id: path }, attrs, parents: [] };
      if (t.tags) {
        entity.tags = {};
        for (const [k, tv] of Object.entries(obj)) if (!(k in t.attributes)) entity.tags[k] = toCedar(t.tags, tv, `${path}.${k}`, acc);
      }
      acc.entities.push(entity);
      return { __entity: { type: t.entityType, id: path } };
    }
    case "opaque": {
      // e.g. AgentCore::Number when numbersAsDecimal is off: an entity policies can only compare by identity.
      const id = typeof v === "string" ? v : JSON.stringify(v) ?? "";
      if (!acc.entities.some((e) => "type" in e.uid && e.uid.type === t.name && e.uid.id === id))
        acc.entities.push({ uid: { type: t.name, id }, attrs: {}, parents: [] });
      return { __entity: { type: t.name, id } };
    }
  }
}

function record(
  attrs: Record<string, { type: CedarType; required: boolean }>,
  obj: Record<string, unknown>,
  path: string,
  acc: Acc,
  extraAreTags: boolean,
): Record<string, CedarValueJson> {
  const out: Record<string, CedarValueJson> = {};
  for (const [k, a] of Object.entries(attrs)) {
    const v = obj[k];
    const p = `${path}.${k}`;
    // JSON null means "absent" for nullable fields (Cedar has no null; the attribute is optional).
    if (v === undefined || v === null) {
      if (a.required) throw new ArgError(`${p.replace(/^input\./, "")}: required argument is missing`, p);
      continue;
    }
    out[k] = toCedar(a.type, v, p, acc);
  }
  if (!extraAreTags)
    for (const k of Object.keys(obj))
      if (!(k in attrs)) acc.warnings.push(`${`${path}.${k}`.replace(/^input\./, "")}: not in the schema, so policies cannot see it`);
  return out;
}
