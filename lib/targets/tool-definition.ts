/**
 * The rules every tool of a target must pass, whichever kind of target it comes from. Pure.
 *
 * Dialects, as AgentCore has them:
 * - `lambda`: a Lambda target's `toolSchema.inlinePayload`. Its SchemaDefinition has exactly five
 *   fields (type, properties, required, items, description) and six types; the SDK model has no
 *   others (boto3 and the CLI refuse them, the JS SDK drops them), so anything else is an error.
 * - `mcp`: tools an MCP server lists. Any JSON Schema, except the reference keywords the guide says
 *   make target creation or synchronization fail (`$ref`, `$defs`, `$anchor`, `$dynamicRef`,
 *   `$dynamicAnchor`).
 * - `openapi`: tools built from an OpenAPI document (references already resolved). As `mcp`, but a
 *   tool name the models may refuse is a warning: the guide says such targets are created and the
 *   data plane fails when the tool is used.
 *
 * Tool names: the agent sees `<Target>___<tool>`, at most 256 characters (the service quota). The
 * characters are the MCP specification's (`A-Z a-z 0-9 _ - .`); AgentCore does not document its own.
 */
import type { JsonSchema } from "@/lib/agentcore/types";
import { byteLength, formatBytes, GATEWAY_LIMITS } from "./limits";
import { fieldPath, type TargetProblem } from "./problems";
import { isRecord } from "./json-text";

export type ToolDialect = "lambda" | "mcp" | "openapi";

/** A tool as a target defines it: the bare name, before the gateway prefixes `<Target>___`. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
}

export interface ToolCheckOptions {
  dialect: ToolDialect;
  /** The target's name, for the 256-character rule on `<Target>___<tool>`. */
  targetName?: string;
  /** Cap on the whole list serialized as JSON (the inline schema limit for `lambda`). */
  maxBytes?: number;
}

export interface CheckedTools {
  /** The tools without errors, in their order. */
  tools: ToolDefinition[];
  problems: TargetProblem[];
}

const TOOL_NAME = /^[A-Za-z0-9_.-]+$/;
/** Property names Claude's tool API accepts; the guide warns that names a model refuses fail at call time. */
const PROPERTY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const LAMBDA_KEYS = ["type", "properties", "required", "items", "description"];
const LAMBDA_TYPES = ["string", "number", "integer", "boolean", "array", "object"];
const JSON_TYPES = ["string", "number", "integer", "boolean", "array", "object", "null"];
const REF_KEYWORDS = ["$ref", "$defs", "$anchor", "$dynamicRef", "$dynamicAnchor"];
const MAX_DEPTH = 32;
const SEPARATOR = "___";

export function checkToolDefinitions(list: unknown, options: ToolCheckOptions): CheckedTools {
  if (!Array.isArray(list)) {
    const help = isRecord(list) && Array.isArray(list.tools) ? "Send the array inside `tools`: a target's tool schema is an array of tool definitions." : undefined;
    return { tools: [], problems: [{ severity: "error", message: "Tool definitions are a JSON array of {name, description, inputSchema} objects.", help }] };
  }
  if (list.length === 0) return { tools: [], problems: [{ severity: "error", message: "A target needs at least one tool." }] };
  if (list.length > GATEWAY_LIMITS.toolsPerTarget) {
    return {
      tools: [],
      problems: [{ severity: "error", message: `${list.length} tools is more than AgentCore's default limit of ${GATEWAY_LIMITS.toolsPerTarget} tools per target.`, help: "Split them across several targets." }],
    };
  }
  if (options.maxBytes !== undefined) {
    const size = byteLength(JSON.stringify(list));
    if (size > options.maxBytes) {
      return { tools: [], problems: [{ severity: "error", message: `The tool list is ${formatBytes(size)}; AgentCore accepts at most ${formatBytes(options.maxBytes)} inline.` }] };
    }
  }

  const problems: TargetProblem[] = [];
  const tools: ToolDefinition[] = [];
  const firstIndex = new Map<string, number>();
  list.forEach((raw, index) => {
    const name = isRecord(raw) && typeof raw.name === "string" && raw.name !== "" ? raw.name : null;
    const own: TargetProblem[] = [];
    const report = (p: Omit<TargetProblem, "tool">) => own.push({ ...p, tool: { index, name } });
    checkTool(raw, options, report);
    if (name !== null) {
      const first = firstIndex.get(name);
      if (first !== undefined) report({ severity: "error", field: "name", message: `Tool ${first + 1} has the same name; tool names are unique within a target.` });
      else firstIndex.set(name, index);
    }
    problems.push(...own);
    if (!own.some((p) => p.severity === "error")) tools.push(definitionOf(raw as Record<string, unknown>));
  });
  return { tools, problems };
}

type Report = (p: Omit<TargetProblem, "tool">) => void;

function checkTool(raw: unknown, options: ToolCheckOptions, report: Report): void {
  if (!isRecord(raw)) {
    report({ severity: "error", message: "A tool definition is an object with name, description and inputSchema." });
    return;
  }
  checkName(raw.name, options, report);
  if (raw.description === undefined || raw.description === null) {
    if (options.dialect === "lambda") report({ severity: "error", field: "description", message: "description is required in AgentCore's tool definition." });
  } else if (typeof raw.description !== "string") {
    report({ severity: "error", field: "description", message: "description must be a string." });
  } else if (raw.description.trim() === "") {
    report({ severity: "warning", field: "description", message: "description is empty; agents choose tools by their descriptions." });
  }
  if (raw.inputSchema === undefined) {
    report({ severity: "error", field: "inputSchema", message: "inputSchema is required: a JSON Schema object with type \"object\"." });
  } else {
    checkRootSchema(raw.inputSchema, "inputSchema", options.dialect, report);
  }
  if (raw.outputSchema !== undefined) checkRootSchema(raw.outputSchema, "outputSchema", options.dialect, report);
}

function checkName(name: unknown, options: ToolCheckOptions, report: Report): void {
  if (typeof name !== "string" || name === "") {
    report({ severity: "error", field: "name", message: "name is required: the tool's name as a non-empty string." });
    return;
  }
  const prefix = options.targetName ? `${options.targetName}${SEPARATOR}` : "";
  const mcpLength = prefix.length + name.length;
  if (mcpLength > GATEWAY_LIMITS.toolNameChars) {
    report({
      severity: "error",
      field: "name",
      message: `The tool's MCP name (<Target>___<tool>) would be ${mcpLength} characters; AgentCore allows at most ${GATEWAY_LIMITS.toolNameChars}.`,
    });
  }
  if (!TOOL_NAME.test(name)) {
    report({
      severity: options.dialect === "openapi" ? "warning" : "error",
      field: "name",
      message: `"${name.slice(0, 80)}" contains characters outside A-Z, a-z, 0-9, "_", "-" and "." (the MCP specification's tool-name characters).`,
      help: options.dialect === "openapi" ? "AgentCore creates the tool, but models refuse such names when it is called; rename the operationId." : undefined,
    });
  }
}

function checkRootSchema(schema: unknown, field: string, dialect: ToolDialect, report: Report): void {
  if (!isRecord(schema)) {
    report({ severity: "error", field, message: `${field} must be a JSON Schema object with type "object".` });
    return;
  }
  if (schema.type !== "object") {
    report({ severity: "error", field: `${field}.type`, message: `${field} must have type "object" (found ${schema.type === undefined ? "no type" : JSON.stringify(schema.type)}).` });
  }
  const walk = dialect === "lambda" ? walkLambda : walkJsonSchema;
  walk(schema, field, 0, report);
}

function tooDeep(path: string, depth: number, report: Report): boolean {
  if (depth <= MAX_DEPTH) return false;
  report({ severity: "error", field: path, message: `The schema is nested more than ${MAX_DEPTH} levels deep.` });
  return true;
}

function walkLambda(schema: unknown, path: string, depth: number, report: Report): void {
  if (tooDeep(path, depth, report)) return;
  if (!isRecord(schema)) {
    report({ severity: "error", field: path, message: "A schema definition is an object with a type." });
    return;
  }
  const extra = Object.keys(schema).filter((k) => !LAMBDA_KEYS.includes(k));
  if (extra.length > 0) {
    report({
      severity: "error",
      field: path,
      message: `${extra.map((k) => `"${k}"`).join(", ")} ${extra.length === 1 ? "is" : "are"} not part of AgentCore's Lambda tool schema, which has only type, properties, required, items and description.`,
      help: extra.includes("enum") ? "Describe the allowed values in the description, or put the tools behind an MCP server target, whose schemas may use all of JSON Schema." : "Remove them.",
    });
  }
  if (typeof schema.type !== "string" || !LAMBDA_TYPES.includes(schema.type)) {
    report({ severity: "error", field: fieldPath(path, "type"), message: `type must be one of ${LAMBDA_TYPES.join(", ")} (found ${schema.type === undefined ? "none" : JSON.stringify(schema.type)}).` });
  }
  if (schema.description !== undefined && typeof schema.description !== "string") {
    report({ severity: "error", field: fieldPath(path, "description"), message: "description must be a string." });
  }
  walkProperties(schema, path, depth, report, walkLambda);
  if (schema.items !== undefined) walkLambda(schema.items, fieldPath(path, "items"), depth + 1, report);
  else if (schema.type === "array") report({ severity: "warning", field: path, message: "An array without items: its elements have no declared type." });
}

function walkJsonSchema(schema: unknown, path: string, depth: number, report: Report): void {
  if (tooDeep(path, depth, report)) return;
  if (typeof schema === "boolean") return;
  if (!isRecord(schema)) {
    report({ severity: "error", field: path, message: "A JSON Schema is an object (or true/false)." });
    return;
  }
  for (const k of REF_KEYWORDS.filter((k) => k in schema)) {
    report({
      severity: "error",
      field: fieldPath(path, k),
      message: `AgentCore does not accept "${k}" in a tool's schema: creating or synchronizing the target fails.`,
      help: "Have the server return fully resolved, self-contained schemas.",
    });
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.some((t) => typeof t !== "string" || !JSON_TYPES.includes(t))) {
    report({ severity: "error", field: fieldPath(path, "type"), message: `type must be one of ${JSON_TYPES.join(", ")} or a list of them (found ${JSON.stringify(schema.type)}).` });
  }
  walkProperties(schema, path, depth, report, walkJsonSchema);
  for (const key of ["additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"]) {
    const sub = schema[key];
    if (Array.isArray(sub)) sub.forEach((s, i) => walkJsonSchema(s, fieldPath(fieldPath(path, key), i), depth + 1, report));
    else if (sub !== undefined && (isRecord(sub) || typeof sub === "boolean")) walkJsonSchema(sub, fieldPath(path, key), depth + 1, report);
  }
  for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
    const sub = schema[key];
    if (Array.isArray(sub)) sub.forEach((s, i) => walkJsonSchema(s, fieldPath(fieldPath(path, key), i), depth + 1, report));
  }
  for (const key of ["patternProperties", "dependentSchemas", "definitions"]) {
    const sub = schema[key];
    if (isRecord(sub)) for (const [k, s] of Object.entries(sub)) walkJsonSchema(s, fieldPath(fieldPath(path, key), k), depth + 1, report);
  }
}

function walkProperties(schema: Record<string, unknown>, path: string, depth: number, report: Report, walk: typeof walkJsonSchema): void {
  const { properties, required } = schema;
  if (properties !== undefined) {
    if (!isRecord(properties)) {
      report({ severity: "error", field: fieldPath(path, "properties"), message: "properties must be an object mapping each property name to its schema." });
    } else {
      for (const [key, sub] of Object.entries(properties)) {
        const at = fieldPath(fieldPath(path, "properties"), key);
        if (!PROPERTY_NAME.test(key)) {
          report({
            severity: "warning",
            field: at,
            message: `Property name "${key.slice(0, 80)}" is longer than 64 characters or uses characters outside A-Z, a-z, 0-9, "_", "-" and ".".`,
            help: "AgentCore accepts it, but calls fail with models whose tool specifications refuse such names (Claude's among them).",
          });
        }
        walk(sub, at, depth + 1, report);
      }
    }
  }
  if (required !== undefined) {
    if (!Array.isArray(required) || required.some((r) => typeof r !== "string")) {
      report({ severity: "error", field: fieldPath(path, "required"), message: "required must be an array of property names." });
    } else if (isRecord(properties)) {
      const missing = required.filter((r) => !(r in properties));
      if (missing.length > 0) {
        report({ severity: "warning", field: fieldPath(path, "required"), message: `required names ${missing.map((m) => `"${m}"`).join(", ")}, which ${missing.length === 1 ? "is" : "are"} not in properties.` });
      }
    }
  }
}

function definitionOf(raw: Record<string, unknown>): ToolDefinition {
  return {
    name: raw.name as string,
    description: typeof raw.description === "string" ? raw.description : "",
    inputSchema: raw.inputSchema as JsonSchema,
    ...(isRecord(raw.outputSchema) ? { outputSchema: raw.outputSchema } : {}),
  };
}
