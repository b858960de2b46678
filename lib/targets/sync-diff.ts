/**
 * What a re-sync of an MCP server target changes, before the user accepts it: tools added,
 * removed, and whose input schema changed (field by field), and which policies of a Cedar
 * document the change breaks — those naming a tool that no longer exists, or reading a
 * `context.input` field whose type changed, that disappeared or that became optional. Pure.
 */
import { ACTION_TYPE, type CedarApi, type PolicyJson } from "@/lib/cedar/cedar-api";
import { splitPolicies } from "@/lib/cedar/policy-parts";
import type { JsonSchema } from "@/lib/agentcore/types";
import { isRecord } from "./json-text";

export interface FieldChange {
  /** Under `context.input`: `amount`, `customer.tier`, `items[].sku` (`[]`: the elements of an array). */
  path: string;
  change: "added" | "removed" | "type-changed" | "now-optional" | "now-required";
  /** Declared types, e.g. `integer`, `string enum(gold|silver)`, `array<string>`. */
  from?: string;
  to?: string;
}

export interface ToolChange {
  name: string;
  /** Empty when only descriptions or constraints changed. */
  fields: FieldChange[];
}

export interface ToolsDiff {
  added: string[];
  removed: string[];
  changed: ToolChange[];
}

interface NamedSchema {
  name: string;
  inputSchema: JsonSchema;
}

export function diffTools(before: readonly NamedSchema[], after: readonly NamedSchema[]): ToolsDiff {
  const old = new Map(before.map((t) => [t.name, t]));
  const now = new Map(after.map((t) => [t.name, t]));
  const changed: ToolChange[] = [];
  for (const [name, tool] of now) {
    const prev = old.get(name);
    if (prev && canonical(prev.inputSchema) !== canonical(tool.inputSchema)) changed.push({ name, fields: diffFields(prev.inputSchema, tool.inputSchema) });
  }
  return { added: [...now.keys()].filter((n) => !old.has(n)), removed: [...old.keys()].filter((n) => !now.has(n)), changed };
}

interface FieldInfo {
  type: string;
  required: boolean;
}

function fieldsOf(schema: unknown, prefix = "", out = new Map<string, FieldInfo>(), depth = 0): Map<string, FieldInfo> {
  if (!isRecord(schema) || depth > 32) return out;
  const required = Array.isArray(schema.required) ? schema.required : [];
  if (isRecord(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      const path = prefix ? `${prefix}.${name}` : name;
      out.set(path, { type: typeOf(sub), required: required.includes(name) });
      walkInto(sub, path, out, depth);
    }
  }
  return out;
}

function walkInto(sub: unknown, path: string, out: Map<string, FieldInfo>, depth: number) {
  if (!isRecord(sub)) return;
  fieldsOf(sub, path, out, depth + 1);
  if (isRecord(sub.items)) {
    out.set(`${path}[]`, { type: typeOf(sub.items), required: true });
    walkInto(sub.items, `${path}[]`, out, depth + 1);
  }
}

function typeOf(schema: unknown): string {
  if (!isRecord(schema)) return schema === false ? "never" : "any";
  const types = (Array.isArray(schema.type) ? [...schema.type].map(String).sort() : schema.type !== undefined ? [String(schema.type)] : []).join("|");
  const union = ["anyOf", "oneOf"].flatMap((k) => (Array.isArray(schema[k]) ? [`${k}(${(schema[k] as unknown[]).map(typeOf).sort().join("|")})`] : []));
  const base = [types, ...union].filter(Boolean).join(" ") || "any";
  const withItems = base === "array" && isRecord(schema.items) ? `array<${typeOf(schema.items)}>` : base;
  return Array.isArray(schema.enum) ? `${withItems} enum(${schema.enum.map((v) => JSON.stringify(v)).sort().join("|")})` : withItems;
}

function diffFields(before: unknown, after: unknown): FieldChange[] {
  const old = fieldsOf(before);
  const now = fieldsOf(after);
  const changes: FieldChange[] = [];
  for (const [path, o] of old) {
    const n = now.get(path);
    if (!n) changes.push({ path, change: "removed", from: o.type });
    else if (n.type !== o.type) changes.push({ path, change: "type-changed", from: o.type, to: n.type });
    else if (n.required !== o.required) changes.push({ path, change: n.required ? "now-required" : "now-optional", from: o.type, to: n.type });
  }
  for (const [path, n] of now) if (!old.has(path)) changes.push({ path, change: "added", to: n.type });
  // A field under one that was added, removed or retyped changes with it: say it once, at the top.
  const tops = changes.filter((c) => c.change === "added" || c.change === "removed" || c.change === "type-changed").map((c) => segments(c.path));
  return changes.filter((c) => !tops.some((t) => t.length < segments(c.path).length && isPrefix(t, segments(c.path))));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  return JSON.stringify(value);
}

const segments = (path: string) => (path === "" ? [] : path.replace(/\[\]/g, ".[]").split("."));
const isPrefix = (a: string[], b: string[]) => a.length <= b.length && a.every((s, i) => s === b[i]);

export type AffectedReason =
  | { kind: "tool-removed"; tool: string }
  | { kind: "field-changed"; tool: string; path: string; change: FieldChange["change"]; from?: string; to?: string };

export interface AffectedPolicy {
  /** The policy's `@id`, or `policy<N>` by position when it has none. */
  policyId: string;
  startLine: number;
  reasons: AffectedReason[];
  /** One line per reason, for people. */
  messages: string[];
  /** Cedar could not parse it (e.g. a Dogwood policy); tools and fields were read from its text. */
  readFromText?: true;
}

const BREAKING: ReadonlySet<FieldChange["change"]> = new Set(["removed", "type-changed", "now-optional"]);

/**
 * The policies of `policyText` (a draft or the published set) that the sync would break. Tool names
 * in policies are MCP names, so the diff's bare names are prefixed with `<targetName>___`.
 */
export function affectedPolicies(cedar: Pick<CedarApi, "policyToJson">, policyText: string, targetName: string, diff: ToolsDiff): AffectedPolicy[] {
  const mcp = (tool: string) => `${targetName}___${tool}`;
  const removed = new Set(diff.removed.map(mcp));
  const changed = diff.changed.map((c) => ({ tool: mcp(c.name), fields: c.fields.filter((f) => BREAKING.has(f.change)) })).filter((c) => c.fields.length > 0);
  if (removed.size === 0 && changed.length === 0) return [];

  const out: AffectedPolicy[] = [];
  for (const part of splitPolicies(cedar, policyText).parts) {
    const json = part.parseError ? null : jsonOf(cedar, part.text);
    const reads = json ? readsOf(json) : readsFromText(part.text);
    const scope = part.parseError ? reads.actions : part.actions;
    const reasons: AffectedReason[] = [];
    for (const tool of new Set([...(part.actions ?? []), ...reads.actions])) if (removed.has(tool)) reasons.push({ kind: "tool-removed", tool });
    for (const c of changed) {
      if (scope !== null && scope.length > 0 && !scope.includes(c.tool)) continue;
      for (const f of c.fields) {
        const changedAt = segments(f.path);
        if (reads.inputs.some((r) => isPrefix(segments(r), changedAt) || isPrefix(changedAt, segments(r)))) {
          reasons.push({ kind: "field-changed", tool: c.tool, path: f.path, change: f.change, from: f.from, to: f.to });
        }
      }
    }
    if (reasons.length === 0) continue;
    out.push({ policyId: part.id, startLine: part.startLine, reasons, messages: reasons.map(describeReason), ...(json ? {} : { readFromText: true as const }) });
  }
  return out;
}

export function describeReason(r: AffectedReason): string {
  if (r.kind === "tool-removed") return `names ${r.tool}, which the server no longer lists.`;
  const field = `context.input.${r.path}`;
  switch (r.change) {
    case "removed":
      return `reads ${field}, which ${r.tool} no longer has.`;
    case "type-changed":
      return `reads ${field}, whose type in ${r.tool} changes from ${r.from} to ${r.to}.`;
    default:
      return `reads ${field}, which becomes optional in ${r.tool}: reading it needs a \`has\` check.`;
  }
}

function jsonOf(cedar: Pick<CedarApi, "policyToJson">, text: string): PolicyJson | null {
  try {
    const answer = cedar.policyToJson(text);
    return answer.type === "success" ? answer.json : null;
  } catch {
    return null;
  }
}

interface Reads {
  /** Tool actions named anywhere (scope or conditions). */
  actions: string[];
  /** `context.input` paths read; "" is the whole input. */
  inputs: string[];
}

function readsOf(json: PolicyJson): Reads {
  const reads: Reads = { actions: [], inputs: [] };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isRecord(node)) return;
    const entity = isRecord(node.__entity) ? node.__entity : null;
    if (entity && entity.type === ACTION_TYPE && typeof entity.id === "string") reads.actions.push(entity.id);
    // The outermost access of a chain is the field read (`context.input` alone: the whole input);
    // the chain's inner steps are not reads of their own.
    const read = isRecord(node["."]) ? inputPath(node) : isRecord(node.has) ? hasPath(node.has) : null;
    if (read !== null) {
      reads.inputs.push(read.join("."));
      return;
    }
    for (const v of Object.values(node)) visit(v);
  };
  visit(json.conditions);
  visit(json.action);
  return reads;
}

function hasPath(has: Record<string, unknown>): string[] | null {
  const base = inputPath(has.left);
  return base === null ? null : [...base, ...(Array.isArray(has.attr) ? has.attr : [has.attr]).map(String)];
}

const isContext = (node: unknown) => isRecord(node) && node.Var === "context";

/** The attributes after `context.input` in an access chain, or null when it does not start there. */
function inputPath(node: unknown): string[] | null {
  const attrs: string[] = [];
  let cur = node;
  while (isRecord(cur) && isRecord(cur["."])) {
    const step = cur["."] as Record<string, unknown>;
    attrs.unshift(String(step.attr));
    cur = step.left;
  }
  if (!isContext(cur) || attrs[0] !== "input") return null;
  return attrs.slice(1);
}

function readsFromText(text: string): Reads {
  const code = text.replace(/\/\/[^\n]*/g, "");
  return {
    actions: [...code.matchAll(/Action::"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]),
    inputs: [...code.matchAll(/context\.input((?:\.[A-Za-z_][A-Za-z0-9_]*)*)/g)].map((m) => m[1].replace(/^\./, "")),
  };
}
