/**
 * OpenAPI target → tools, as AgentCore builds them: one tool per operation, named by its
 * `operationId`. Operations without an operationId are not tools (the guide: "The OpenAPI
 * specification must include operationId fields for all operations that you want to expose as
 * tools"); they are listed, with why, in `operations` and `problems`.
 *
 * The tool's input schema (the guide does not spell it out; docs/targets.md says what is ours):
 * one property per path, query and header parameter, under its own name, required when the
 * parameter is (path parameters always), and the request body under `body`. Features the guide
 * lists as unsupported are reported per operation and kept as written. Pure.
 */
import type { JsonSchema } from "@/lib/agentcore/types";
import { readOpenApiDocument } from "./openapi-document";
import { createRefResolver, describeRefIssue, ExpansionTooLarge, type RefIssue, type RefResolver } from "./openapi-refs";
import { fieldPath } from "./problems";
import { checkToolDefinitions, type CheckedTools } from "./tool-definition";
import { isRecord } from "./json-text";

export interface OpenApiOperation {
  method: string;
  path: string;
  operationId: string | null;
  /** The tool this operation became, or null (the reason is in `problems`). */
  tool: string | null;
  /** What AgentCore does not support in this operation, one line each. */
  unsupported: string[];
}

export interface OpenApiTools extends CheckedTools {
  operations: OpenApiOperation[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const SUPPORTED_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch"]);
const BODY_MEDIA = ["application/json", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data"];
const DEFAULT_STYLE: Record<string, string> = { path: "simple", query: "form", header: "simple" };
/** Headers OpenAPI says a parameter definition cannot describe (they are ignored). */
const RESERVED_HEADERS = new Set(["accept", "content-type", "authorization"]);
/** Schema nodes one operation, and the whole document, may expand to. */
const NODES_PER_OPERATION = 20_000;
const NODES_PER_DOCUMENT = 300_000;
const BODY_PROPERTY = "body";

export function toolsFromOpenApi(input: unknown, options: { targetName?: string } = {}): OpenApiTools {
  const read = readOpenApiDocument(input);
  const problems = [...read.problems];
  if (!read.document) return { tools: [], operations: [], problems };
  const { doc } = read.document;
  const refs = createRefResolver(doc);
  const budget = { left: NODES_PER_DOCUMENT };
  const paths = isRecord(doc.paths) ? doc.paths : {};

  const operations: OpenApiOperation[] = [];
  const definitions: unknown[] = [];
  const opOfTool: OpenApiOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemIssues: RefIssue[] = [];
    const item = refs.follow(rawItem, itemIssues);
    if (!isRecord(item)) {
      problems.push({ severity: "warning", field: fieldPath("paths", path), message: itemIssues.map(describeRefIssue).join(" ") || "A path item is an object of operations." });
      continue;
    }
    for (const method of METHODS) {
      if (!isRecord(item[method])) continue;
      const op = item[method] as Record<string, unknown>;
      const at = fieldPath(fieldPath("paths", path), method);
      const label = `${method.toUpperCase()} ${path}`;
      const operationId = typeof op.operationId === "string" && op.operationId !== "" ? op.operationId : null;
      const entry: OpenApiOperation = { method: method.toUpperCase(), path, operationId, tool: null, unsupported: [] };
      operations.push(entry);
      const skip = (message: string) => problems.push({ severity: "warning", field: at, message: `${label} is not a tool: ${message}` });
      if (!operationId) {
        skip("it has no operationId, and AgentCore exposes only operations with an operationId.");
        continue;
      }
      if (!SUPPORTED_METHODS.has(method)) {
        skip("AgentCore does not support the TRACE method.");
        continue;
      }
      const built = buildInput(refs, budget, path, item, op, entry.unsupported);
      if ("skip" in built) {
        skip(built.skip);
        continue;
      }
      for (const line of entry.unsupported) problems.push({ severity: "warning", field: at, message: `${label}: ${line}` });
      const twin = opOfTool.find((o) => o.operationId === operationId);
      if (twin) {
        problems.push({
          severity: "error",
          field: fieldPath(at, "operationId"),
          message: `${label} has the operationId "${operationId}" of ${twin.method} ${twin.path}; operationIds are unique in a document, and tool names in a target.`,
        });
        continue;
      }
      const description = [op.description, op.summary].find((d): d is string => typeof d === "string" && d.trim() !== "") ?? label;
      definitions.push({ name: operationId, description, inputSchema: built.schema });
      opOfTool.push(entry);
    }
  }

  if (definitions.length === 0) {
    if (Object.keys(paths).length > 0) problems.push({ severity: "error", field: "paths", message: "No operation can become a tool." });
    return { tools: [], operations, problems };
  }
  const checked = checkToolDefinitions(definitions, { dialect: "openapi", targetName: options.targetName });
  for (const { tool, ...p } of checked.problems) {
    // A tool's position means nothing in a document: point at its operation instead.
    const op = tool ? opOfTool[tool.index] : undefined;
    const field = op ? [fieldPath(fieldPath("paths", op.path), op.method.toLowerCase()), p.field].filter(Boolean).join(" → ") : p.field;
    problems.push({ ...p, field });
  }
  const accepted = new Set(checked.tools.map((t) => t.name));
  for (const op of opOfTool) if (op.operationId && accepted.has(op.operationId)) op.tool = op.operationId;
  return { tools: checked.tools, operations, problems };
}

type Built = { schema: JsonSchema } | { skip: string };

function buildInput(
  refs: RefResolver,
  documentBudget: { left: number },
  path: string,
  item: Record<string, unknown>,
  op: Record<string, unknown>,
  unsupported: string[],
): Built {
  const issues: RefIssue[] = [];
  const budget = { left: Math.min(NODES_PER_OPERATION, documentBudget.left) };
  const granted = budget.left;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const locationOf = new Map<string, string>();
  try {
    for (const param of mergedParameters(refs, item, op, issues)) {
      const name = typeof param.name === "string" ? param.name : null;
      const where = typeof param.in === "string" ? param.in : null;
      if (!name || !where) continue;
      if (where === "cookie") {
        unsupported.push(`cookie parameter "${name}" (AgentCore does not support cookie parameters); it is not part of the tool.`);
        continue;
      }
      if (!(where in DEFAULT_STYLE)) continue;
      if (where === "header" && RESERVED_HEADERS.has(name.toLowerCase())) continue;
      if (!isRecord(param.schema)) {
        unsupported.push(`${where} parameter "${name}" is described with content instead of a schema (a parameter serializer AgentCore does not support); it is not part of the tool.`);
        continue;
      }
      const clash = locationOf.get(name);
      if (clash) return { skip: `the ${clash} and ${where} parameters are both named "${name}", and a tool's arguments are one flat object.` };
      locationOf.set(name, where);
      if ((typeof param.style === "string" && param.style !== DEFAULT_STYLE[where]) || param.allowReserved === true || (param.explode !== undefined && param.explode !== (where === "query"))) {
        unsupported.push(`${where} parameter "${name}" uses a serialization style AgentCore does not support (only the default ${DEFAULT_STYLE[where]} style).`);
      }
      const schema = refs.expand(param.schema, issues, budget) as Record<string, unknown>;
      if (where === "query" && (schema.type === "array" || schema.type === "object")) {
        unsupported.push(`query parameter "${name}" is an ${schema.type}; AgentCore supports string, number and boolean query parameters.`);
      }
      properties[name] = typeof param.description === "string" && schema.description === undefined ? { ...schema, description: param.description } : schema;
      if (where === "path" || param.required === true) required.push(name);
    }
    for (const m of path.matchAll(/\{([^}]+)\}/g)) {
      if (locationOf.get(m[1]) !== "path") return { skip: `its path parameter {${m[1]}} is not declared.` };
    }

    const body = refs.follow(op.requestBody, issues);
    if (isRecord(body) && isRecord(body.content)) {
      const media = Object.keys(body.content);
      const chosen = media.find((m) => /^application\/(.+\+)?json\b/.test(m)) ?? media.find((m) => BODY_MEDIA.includes(m.split(";")[0].trim()));
      const others = media.filter((m) => !BODY_MEDIA.includes(m.split(";")[0].trim()) && !/^application\/(.+\+)?json\b/.test(m));
      if (others.length > 0) unsupported.push(`request body media type ${others.join(", ")} (AgentCore supports ${BODY_MEDIA.join(", ")}).`);
      const content = chosen ? (body.content as Record<string, unknown>)[chosen] : undefined;
      if (isRecord(content) && content.schema !== undefined) {
        if (locationOf.has(BODY_PROPERTY)) return { skip: `a parameter is named "${BODY_PROPERTY}", the name the request body takes in the tool's arguments.` };
        const schema = refs.expand(content.schema, issues, budget) as Record<string, unknown>;
        properties[BODY_PROPERTY] = typeof body.description === "string" && schema.description === undefined ? { ...schema, description: body.description } : schema;
        if (body.required === true) required.push(BODY_PROPERTY);
      }
    }
  } catch (e) {
    if (!(e instanceof ExpansionTooLarge)) throw e;
    const limit = granted < NODES_PER_OPERATION ? `the document's ${NODES_PER_DOCUMENT.toLocaleString("en-US")}` : NODES_PER_OPERATION.toLocaleString("en-US");
    return { skip: `its schemas grow to more than ${limit} nodes once references are expanded.` };
  } finally {
    documentBudget.left -= granted - Math.max(budget.left, 0);
  }

  for (const issue of dedupe(issues)) unsupported.push(describeRefIssue(issue));
  unsupported.push(...compositionIn(properties), ...operationLevel(op));
  return { schema: { type: "object", properties, ...(required.length ? { required } : {}) } };
}

/** Path-level parameters apply unless the operation redefines the same name and location. */
function mergedParameters(refs: RefResolver, item: Record<string, unknown>, op: Record<string, unknown>, issues: RefIssue[]): Record<string, unknown>[] {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const list of [item.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = refs.follow(raw, issues);
      if (isRecord(p)) byKey.set(`${String(p.in)}:${String(p.name)}`, p);
    }
  }
  return [...byKey.values()];
}

function compositionIn(properties: Record<string, unknown>): string[] {
  const found = new Map<string, string[]>();
  const walk = (node: unknown, at: string, depth: number) => {
    if (depth > 64) return;
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}[${i}]`, depth + 1));
    if (!isRecord(node)) return;
    for (const k of ["oneOf", "anyOf", "allOf"]) if (k in node) found.set(k, [...(found.get(k) ?? []), at || "(root)"]);
    if (node.format === "binary") found.set("binary", [...(found.get("binary") ?? []), at]);
    for (const [k, v] of Object.entries(node)) walk(v, fieldPath(at, k), depth + 1);
  };
  for (const [name, schema] of Object.entries(properties)) walk(schema, name, 0);
  return [...found].map(([k, at]) =>
    k === "binary"
      ? `binary content at ${at.slice(0, 3).join(", ")} (AgentCore does not support binary media).`
      : `${k} at ${at.slice(0, 3).join(", ")}${at.length > 3 ? ` and ${at.length - 3} more` : ""} (AgentCore does not support oneOf, anyOf or allOf).`,
  );
}

function operationLevel(op: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (isRecord(op.callbacks)) out.push("callbacks (AgentCore does not support callback operations).");
  if (op.security !== undefined) out.push("security requirements (configure the target's outbound authorization instead).");
  const responses = isRecord(op.responses) ? Object.values(op.responses) : [];
  if (responses.some((r) => isRecord(r) && r.links !== undefined)) out.push("response links (AgentCore does not support links between operations).");
  return out;
}

function dedupe(issues: RefIssue[]): RefIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.kind}:${i.ref}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
