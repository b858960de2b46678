/**
 * Deterministic random policy sets and calls over a gateway's tools, for differential tests of the
 * solver against cedar-wasm. Values come from small pools that the policies also use, so random
 * calls land on both sides of every comparison.
 */
import { NS } from "@/lib/cedar/cedar-api";
import { inputTypeOf, type CedarType } from "@/lib/cedar/cedar-types";
import type { GatewayFacts } from "@/lib/analysis/replay";
import type { ExampleCall } from "@/lib/analysis/types";

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const LONGS = [-1, 0, 1, 5, 10, 99, 100, 1000, 9007199254740991];
const STRINGS = ["", "a", "b", "ab", "ord-1", "ord-2", "x-admin"];
const PATTERNS = ["a*", "*b", "ord-*", "*admin*", "*"];
const DECIMALS = ["0.5", "1.0", "9.99", "10.0", "-1.5"];
const ROLES = ["admin", "agent", "viewer"];

interface Field {
  /** Cedar path under context.input, e.g. `shippingAddress.city`. */
  path: string;
  /** `has` checks needed before reading it (optional attributes on the way). */
  guards: string[];
  type: CedarType;
}

function fields(t: CedarType, prefix = "", guards: string[] = [], depth = 0): Field[] {
  if (t.kind !== "record" || depth > 2) return [];
  const out: Field[] = [];
  for (const [name, a] of Object.entries(t.attributes)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const g = a.required ? guards : [...guards, `context.input${prefix ? `.${prefix}` : ""} has ${name}`];
    out.push({ path, guards: g, type: a.type });
    out.push(...fields(a.type, path, g, depth + 1));
  }
  return out;
}

function atom(r: Rng, tool: string, schemaJson: Record<string, unknown>): string {
  const input = inputTypeOf(schemaJson, NS, tool);
  const fs = input ? fields(input).filter((f) => f.type.kind !== "record") : [];
  if (fs.length === 0 || r.chance(0.3)) return principalAtom(r);
  const f = r.pick(fs);
  const read = `context.input.${f.path}`;
  let cond: string;
  switch (f.type.kind) {
    case "Long":
      cond = r.chance(0.15) ? `${read} + ${r.pick(LONGS)} ${r.pick(["<", ">="])} ${r.pick(LONGS)}` : `${read} ${r.pick(["<", "<=", ">", ">=", "==", "!="])} ${r.pick(LONGS)}`;
      break;
    case "String":
      cond = r.chance(0.5) ? `${read} like "${r.pick(PATTERNS)}"` : `${read} ${r.pick(["==", "!="])} "${r.pick(STRINGS)}"`;
      break;
    case "Bool":
      cond = r.chance(0.5) ? read : `!${read}`;
      break;
    case "enum":
      cond = `${read} == ${f.type.entityType}::"${r.pick(f.type.values)}"`;
      break;
    case "extension":
      cond = f.type.name === "decimal" ? `${read}.${r.pick(["lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"])}(decimal("${r.pick(DECIMALS)}"))` : "true";
      break;
    case "set":
      cond = f.type.element.kind === "String" ? r.pick([`${read}.contains("${r.pick(STRINGS)}")`, `${read}.containsAny(["${r.pick(STRINGS)}", "${r.pick(STRINGS)}"])`, `${read}.isEmpty()`, `${read}.containsAll(["${r.pick(STRINGS)}"])`]) : `${read}.isEmpty()`;
      break;
    default:
      cond = "true";
  }
  // Sometimes leave out the `has` guard: reading a missing attribute is an error (the policy does not apply).
  return f.guards.length && r.chance(0.8) ? `(${[...f.guards, cond].join(" && ")})` : cond;
}

function principalAtom(r: Rng): string {
  switch (r.int(4)) {
    case 0:
      return `principal.hasTag("role")`;
    case 1:
      return r.chance(0.7) ? `(principal.hasTag("role") && principal.getTag("role") == "${r.pick(ROLES)}")` : `principal.getTag("role") == "${r.pick(ROLES)}"`;
    case 2:
      return `(principal.hasTag("dept") && principal.getTag("dept") like "${r.pick(PATTERNS)}")`;
    default:
      return `principal.id == "${r.pick(["u1", "u2"])}"`;
  }
}

function condition(r: Rng, tool: string, schemaJson: Record<string, unknown>, depth = 0): string {
  if (depth > 1 || r.chance(0.45)) return atom(r, tool, schemaJson);
  const a = condition(r, tool, schemaJson, depth + 1);
  const b = condition(r, tool, schemaJson, depth + 1);
  switch (r.int(4)) {
    case 0:
      return `(${a} && ${b})`;
    case 1:
      return `(${a} || ${b})`;
    case 2:
      return `!(${a})`;
    default:
      return `(if ${a} then ${b} else ${condition(r, tool, schemaJson, depth + 1)})`;
  }
}

export interface RandomPolicy {
  id: string;
  effect: "permit" | "forbid";
  tool: string | null;
  when: string;
  logOnly: boolean;
}

export function randomPolicy(r: Rng, gateway: GatewayFacts, id: string): RandomPolicy {
  const tool = r.chance(0.85) ? r.pick(gateway.tools).name : null;
  return { id, effect: r.chance(0.7) ? "permit" : "forbid", tool, when: condition(r, tool ?? gateway.tools[0].name, gateway.schemaJson), logOnly: r.chance(0.1) };
}

export function policyText(p: RandomPolicy): string {
  const scope = p.tool ? `action == AgentCore::Action::"${p.tool}"` : `action in AgentCore::Action::"CallTool"`;
  return `@id("${p.id}")\n${p.logOnly ? '@enforcement_mode("LOG_ONLY")\n' : ""}${p.effect}(principal, ${scope}, resource) when { ${p.when} };`;
}

/** A variant of a set: a policy changed, added, removed or untouched (so some pairs are equivalent). */
export function mutate(r: Rng, gateway: GatewayFacts, set: RandomPolicy[]): RandomPolicy[] {
  const out = set.map((p) => ({ ...p }));
  switch (r.int(6)) {
    case 0:
      return out;
    case 1:
      if (out.length) out.splice(r.int(out.length), 1);
      return out;
    case 2:
      return [...out, randomPolicy(r, gateway, `added${r.int(1000)}`)];
    case 3: {
      if (!out.length) return out;
      const i = r.int(out.length);
      // Same meaning, different text: the solver must see through it.
      out[i] = { ...out[i], when: `!(!(${out[i].when})) && true` };
      return out;
    }
    case 4: {
      if (!out.length) return out;
      const i = r.int(out.length);
      out[i] = { ...out[i], when: out[i].when.replace(/\b(1000|100|10|5)\b/, (m) => String(Number(m) + 1)) };
      return out;
    }
    default: {
      if (!out.length) return out;
      const i = r.int(out.length);
      out[i] = { ...out[i], when: `(${out[i].when}) && ${atom(r, out[i].tool ?? gateway.tools[0].name, gateway.schemaJson)}` };
      return out;
    }
  }
}

// ---- random calls ------------------------------------------------------------------------------

type Schema = Record<string, unknown>;

function valueFor(r: Rng, schema: Schema | undefined, depth: number): unknown {
  if (!schema || depth > 4) return null;
  if (Array.isArray(schema.enum) && schema.enum.length) return r.pick(schema.enum);
  if ("const" in schema) return schema.const;
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== "null") : schema.type;
  switch (type) {
    case "integer":
      return r.chance(0.5) ? r.pick(LONGS) : r.pick(LONGS) + r.pick([-1, 1]);
    case "number":
      return Number(r.pick(DECIMALS)) + r.pick([0, 0, 0.0001, -0.0001, 0.00001]);
    case "boolean":
      return r.chance(0.5);
    case "string":
      return r.pick([...STRINGS, "ord-", "admin", "zz"]);
    case "array": {
      const items = typeof schema.items === "object" && !Array.isArray(schema.items) ? (schema.items as Schema) : undefined;
      return Array.from({ length: r.int(3) }, () => valueFor(r, items, depth + 1));
    }
    case "object":
    case undefined: {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(props)) if (required.has(k) || r.chance(0.6)) out[k] = valueFor(r, s, depth + 1);
      if (schema.additionalProperties && typeof schema.additionalProperties === "object" && r.chance(0.5)) out[r.pick(["env", "team"])] = valueFor(r, schema.additionalProperties as Schema, depth + 1);
      return out;
    }
    default:
      return null;
  }
}

export function randomCall(r: Rng, gateway: GatewayFacts, tool: string): ExampleCall {
  const def = gateway.tools.find((t) => t.name === tool)!;
  const claims: Record<string, string> = {};
  if (r.chance(0.6)) claims.role = r.pick([...ROLES, "other"]);
  if (r.chance(0.4)) claims.dept = r.pick([...STRINGS, "admin"]);
  const sub = r.pick(["u1", "u2", "u3"]);
  const principal = gateway.principalKind === "IamEntity" ? { type: "IamEntity" as const, sub } : { type: "OAuthUser" as const, sub, claims };
  return { principal, arguments: valueFor(r, def.inputSchema, 0) as Record<string, unknown> };
}
