/**
 * Cedar schema for a gateway's tools, built with Cedar's own MCP schema generator so the shape is
 * AgentCore's (one action per tool in `CallTool` → `Mcp`, `context: { input: <Tool>Input }`).
 * The generator loads its wasm from disk, so this module is server-only; the browser receives
 * `json`/`text` from the server.
 */
import "server-only";
import * as generator from "@cedar-policy/mcp-schema-generator-wasm";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import type { Tool } from "@/lib/agentcore/types";
import { AppError } from "@/lib/errors";
import { NS, type PrincipalKind, type SchemaJson } from "./cedar-api";
import { inputTypeOf, typeToString, type CedarType } from "./cedar-types";
import { identifierFor, isCedarIdentifier, prepareToolInput, type FieldDoc } from "./json-schema-prep";

export type { FieldDoc } from "./json-schema-prep";

export interface SchemaOptions {
  principal: PrincipalKind;
  /** JSON number → decimal (AgentCore's documented mapping); off → an opaque `Number` entity. */
  numbersAsDecimal: boolean;
  /** Nested objects → records (AgentCore's documented mapping); off → entities. */
  objectsAsRecords: boolean;
}

export const DEFAULT_SCHEMA_OPTIONS: SchemaOptions = { principal: "OAuthUser", numbersAsDecimal: true, objectsAsRecords: true };

export interface ToolSchemaDoc {
  tool: string;
  fields: FieldDoc[];
  notes: string[];
}

export interface SchemaNote {
  tool: string;
  /** Field path, absent for a note about the whole tool. */
  path?: string;
  message: string;
}

export interface GeneratedSchema {
  /** Cedar schema syntax, for people and the editor. */
  text: string;
  /** Cedar JSON schema, for validation and authorization (cedar-wasm accepts it directly). */
  json: SchemaJson<string>;
  fields: ToolSchemaDoc[];
  notes: SchemaNote[];
}

export function schemaStub(principal: SchemaOptions["principal"]): string {
  const principalDecl =
    principal === "IamEntity" ? "@mcp_principal entity IamEntity = { id: String };" : "@mcp_principal entity OAuthUser = { id: String } tags String;";
  return `namespace ${NS} { ${principalDecl} @mcp_resource entity Gateway; action "Mcp"; @mcp_action action "CallTool" in ["Mcp"]; }`;
}

interface Prepared {
  tool: Tool;
  /** The name the generator sees: tool names with `-` or `.` are not identifiers and break it. */
  safeName: string;
  renames: Map<string, string>;
  fields: FieldDoc[];
  notes: string[];
  inputSchema: Record<string, unknown>;
}

export function generateSchema(tools: Tool[], options: SchemaOptions = DEFAULT_SCHEMA_OPTIONS): GeneratedSchema {
  const stub = schemaStub(options.principal);
  const config = JSON.stringify({ numbersAsDecimal: options.numbersAsDecimal, objectsAsRecords: options.objectsAsRecords });
  const prepared = prepare(tools, options);

  let result = run(stub, prepared, config);
  if (!result.ok) {
    // Find the tools the generator rejects and give each an empty input instead of failing the gateway.
    for (const p of prepared) {
      const alone = run(stub, [p], config);
      if (alone.ok) continue;
      p.inputSchema = { type: "object", properties: {} };
      p.fields = p.fields.map((f) => ({ ...f, cedarType: null }));
      p.notes.push(`The schema generator rejected this tool's input (${alone.error}); its input is an empty record.`);
    }
    result = run(stub, prepared, config);
    if (!result.ok) throw new AppError("validation-failed", `Could not generate a Cedar schema for these tools: ${result.error}`);
  }

  const json = result.json;
  for (const p of prepared) restoreNames(json, p);
  const text = cedar.schemaToText(json);
  if (text.type !== "success") throw new AppError("validation-failed", "The generated Cedar schema could not be printed.", text.errors);

  const docs = prepared.map((p) => ({ tool: p.tool.name, fields: fillTypes(json, p), notes: p.notes }));
  const notes: SchemaNote[] = docs.flatMap((d) => [
    ...d.notes.map((message) => ({ tool: d.tool, message })),
    ...d.fields.filter((f) => f.note).map((f) => ({ tool: d.tool, path: f.path, message: f.note! })),
  ]);
  return { text: text.text, json, fields: docs, notes };
}

function prepare(tools: Tool[], options: SchemaOptions): Prepared[] {
  const taken = new Set<string>();
  const seen = new Set<string>();
  const out: Prepared[] = [];
  for (const tool of tools) {
    if (seen.has(tool.name)) continue; // a gateway cannot list one name twice; keep the first
    seen.add(tool.name);
    const prep = prepareToolInput(tool.inputSchema, options);
    const safeName = isCedarIdentifier(tool.name) && !taken.has(tool.name) ? tool.name : identifierFor(tool.name, taken);
    taken.add(safeName);
    out.push({ tool, safeName, renames: prep.renames, fields: prep.fields, notes: prep.notes, inputSchema: prep.schema });
  }
  return out;
}

function run(stub: string, prepared: Prepared[], config: string): { ok: true; json: SchemaJson<string> } | { ok: false; error: string } {
  const toolsJson = JSON.stringify(prepared.map((p) => ({ name: p.safeName, description: p.tool.description ?? "", inputSchema: p.inputSchema })));
  try {
    const r = JSON.parse(generator.generateSchema(stub, toolsJson, config)) as { isOk: boolean; schemaJson: string | null; error: string | null };
    if (!r.isOk || !r.schemaJson) return { ok: false, error: r.error ?? "unknown generator error" };
    return { ok: true, json: JSON.parse(r.schemaJson) as SchemaJson<string> };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

type RawNode = { type?: string; element?: RawNode; attributes?: Record<string, RawNode>; shape?: RawNode; tags?: RawNode };

/** Puts the tool's real name back on its action and the real property names back on record attributes. */
function restoreNames(json: SchemaJson<string>, p: Prepared) {
  const root = json[NS];
  if (p.safeName !== p.tool.name && root?.actions?.[p.safeName]) {
    root.actions[p.tool.name] = root.actions[p.safeName];
    delete root.actions[p.safeName];
  }
  if (p.renames.size === 0) return;
  const visit = (node: RawNode | undefined) => {
    if (!node || typeof node !== "object") return;
    if (node.attributes) {
      for (const key of Object.keys(node.attributes)) {
        const original = p.renames.get(key);
        if (original) {
          node.attributes[original] = node.attributes[key];
          delete node.attributes[key];
        }
      }
      Object.values(node.attributes).forEach(visit);
    }
    visit(node.element);
    visit(node.shape);
    visit(node.tags);
  };
  const owned = (ns: string) => ns.startsWith(`${NS}::${p.safeName}::`);
  visit(root?.commonTypes?.[`${p.safeName}Input`] as RawNode | undefined);
  for (const [ns, def] of Object.entries(json)) {
    if (!owned(ns)) continue;
    Object.values(def.commonTypes ?? {}).forEach((t) => visit(t as RawNode));
    Object.values(def.entityTypes ?? {}).forEach((t) => visit(t as RawNode));
  }
}

function fillTypes(json: SchemaJson<string>, p: Prepared): FieldDoc[] {
  const input = inputTypeOf(json, NS, p.tool.name);
  const byPath = new Map<string, string>();
  const walk = (t: CedarType, path: string) => {
    if (path) byPath.set(path, typeToString(t));
    if (t.kind === "set") walk(t.element, `${path}[]`);
    if (t.kind === "record" || t.kind === "entity")
      for (const [k, a] of Object.entries(t.attributes)) walk(a.type, path ? `${path}.${k}` : k);
  };
  if (input) walk(input, "");
  return p.fields.map((f) => ({ ...f, cedarType: byPath.get(f.path) ?? null }));
}
