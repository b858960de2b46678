import "server-only";
import type { TargetConfiguration } from "@aws-sdk/client-bedrock-agentcore-control";
import { mcpToolName } from "./names";
import type { JsonSchema, Target, TargetKind, Tool } from "./types";

type Derived = Pick<Target, "type" | "tools" | "toolsSource" | "toolsNote">;

const DISCOVERED = "The gateway discovers this target's tools at run time; they are not part of its configuration. List them through the gateway's tools/list with an access token.";

/** The tools a target's configuration declares, under their MCP names, or why only the gateway knows them. */
export function toolsOfTarget(targetName: string, config: TargetConfiguration | undefined): Derived {
  const mcp = config?.mcp;
  if (!mcp) return { type: "OTHER", tools: [], toolsSource: "discovered", toolsNote: DISCOVERED };
  if (mcp.lambda) {
    const schema = mcp.lambda.toolSchema;
    if (schema?.inlinePayload) {
      return {
        type: "LAMBDA",
        toolsSource: "inline",
        tools: schema.inlinePayload.map((t) => ({
          name: mcpToolName(targetName, t.name ?? "unnamed"),
          description: t.description ?? "",
          inputSchema: clean(t.inputSchema) ?? { type: "object" },
        })),
      };
    }
    return { type: "LAMBDA", tools: [], toolsSource: "discovered", toolsNote: `The tool schema is stored in S3 (${schema?.s3?.uri ?? "unknown URI"}). ${DISCOVERED}` };
  }
  if (mcp.openApiSchema) return fromSpec("OPENAPI", targetName, mcp.openApiSchema.inlinePayload, mcp.openApiSchema.s3?.uri, openApiTools);
  if (mcp.smithyModel) return fromSpec("SMITHY", targetName, mcp.smithyModel.inlinePayload, mcp.smithyModel.s3?.uri, smithyTools);
  if (mcp.mcpServer) return { type: "MCP_SERVER", tools: [], toolsSource: "discovered", toolsNote: `An MCP server at ${mcp.mcpServer.endpoint ?? "an endpoint"}. ${DISCOVERED}` };
  if (mcp.apiGateway) return { type: "API_GATEWAY", tools: [], toolsSource: "discovered", toolsNote: DISCOVERED };
  return { type: "OTHER", tools: [], toolsSource: "discovered", toolsNote: DISCOVERED };
}

function fromSpec(
  type: TargetKind,
  targetName: string,
  inline: string | undefined,
  s3Uri: string | undefined,
  derive: (spec: Record<string, unknown>) => Array<Omit<Tool, "name"> & { name: string }>,
): Derived {
  if (!inline) return { type, tools: [], toolsSource: "discovered", toolsNote: `The specification is stored in S3 (${s3Uri ?? "unknown URI"}). ${DISCOVERED}` };
  let spec: unknown;
  try {
    spec = JSON.parse(inline);
  } catch {
    return { type, tools: [], toolsSource: "discovered", toolsNote: `The inline specification is not JSON (YAML is not read by the console). ${DISCOVERED}` };
  }
  const tools = derive((spec ?? {}) as Record<string, unknown>).map((t) => ({ ...t, name: mcpToolName(targetName, t.name) }));
  return { type, tools, toolsSource: "inline" };
}

/** Removes `undefined` members the SDK leaves on optional fields. */
function clean(schema: unknown): JsonSchema | undefined {
  if (schema === undefined || schema === null) return undefined;
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});

/** One tool per OpenAPI operation (named by operationId), its input = parameters + JSON request body. */
export function openApiTools(spec: Obj): Tool[] {
  const tools: Tool[] = [];
  const resolve = (node: unknown, depth = 0): Obj => {
    const n = obj(node);
    if (typeof n.$ref === "string" && n.$ref.startsWith("#/") && depth < 10) {
      const target = n.$ref
        .slice(2)
        .split("/")
        .reduce<unknown>((acc, key) => obj(acc)[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
      return resolve(target, depth + 1);
    }
    return n;
  };
  for (const [path, item] of Object.entries(obj(spec.paths))) {
    for (const [method, op] of Object.entries(obj(item))) {
      if (!["get", "put", "post", "delete", "patch", "head", "options"].includes(method)) continue;
      const operation = obj(op);
      const name = typeof operation.operationId === "string" ? operation.operationId : `${method}_${path.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "")}`;
      const properties: Obj = {};
      const required: string[] = [];
      for (const p of [...(Array.isArray(obj(item).parameters) ? (obj(item).parameters as unknown[]) : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])]) {
        const param = resolve(p);
        if (typeof param.name !== "string") continue;
        properties[param.name] = { ...resolve(param.schema), ...(typeof param.description === "string" ? { description: param.description } : {}) };
        if (param.required === true) required.push(param.name);
      }
      const body = resolve(operation.requestBody);
      const json = resolve(obj(obj(body.content)["application/json"]).schema);
      for (const [k, v] of Object.entries(obj(json.properties))) properties[k] = v;
      if (Array.isArray(json.required)) required.push(...(json.required as string[]));
      tools.push({
        name,
        description: String(operation.summary ?? operation.description ?? `${method.toUpperCase()} ${path}`),
        inputSchema: { type: "object", properties, ...(required.length ? { required: [...new Set(required)] } : {}) },
      });
    }
  }
  return tools;
}

const SMITHY_PRIMITIVES: Record<string, string> = {
  "smithy.api#String": "string",
  "smithy.api#Integer": "integer",
  "smithy.api#Long": "integer",
  "smithy.api#Short": "integer",
  "smithy.api#Byte": "integer",
  "smithy.api#Float": "number",
  "smithy.api#Double": "number",
  "smithy.api#BigDecimal": "number",
  "smithy.api#Boolean": "boolean",
  "smithy.api#Timestamp": "string",
};

/** One tool per operation of a Smithy JSON AST, its input from the operation's input structure. */
export function smithyTools(model: Obj): Tool[] {
  const shapes = obj(model.shapes);
  const toSchema = (target: string, depth: number): Obj => {
    if (SMITHY_PRIMITIVES[target]) return { type: SMITHY_PRIMITIVES[target] };
    const shape = obj(shapes[target]);
    if (depth > 8) return { type: "object" };
    switch (shape.type) {
      case "structure": {
        const properties: Obj = {};
        const required: string[] = [];
        for (const [name, member] of Object.entries(obj(shape.members))) {
          const m = obj(member);
          properties[name] = { ...toSchema(String(m.target), depth + 1), ...docOf(m) };
          if ("smithy.api#required" in obj(m.traits)) required.push(name);
        }
        return { type: "object", properties, ...(required.length ? { required } : {}) };
      }
      case "list":
      case "set":
        return { type: "array", items: toSchema(String(obj(shape.member).target), depth + 1) };
      case "enum":
        return { type: "string", enum: Object.keys(obj(shape.members)) };
      case "string":
        return { type: "string" };
      case "integer":
      case "long":
        return { type: "integer" };
      case "boolean":
        return { type: "boolean" };
      case "float":
      case "double":
        return { type: "number" };
      default:
        return { type: "string" };
    }
  };
  return Object.entries(shapes)
    .filter(([, s]) => obj(s).type === "operation")
    .map(([id, s]) => {
      const input = obj(obj(s).input).target;
      return {
        name: id.split("#").pop() ?? id,
        description: String(obj(obj(s).traits)["smithy.api#documentation"] ?? ""),
        inputSchema: typeof input === "string" ? toSchema(input, 0) : { type: "object" },
      };
    });
}

function docOf(member: Obj): Obj {
  const doc = obj(member.traits)["smithy.api#documentation"];
  return typeof doc === "string" ? { description: doc } : {};
}
