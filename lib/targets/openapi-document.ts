/**
 * Reading an OpenAPI document for an OpenAPI target: the size AgentCore accepts inline, JSON or
 * YAML, the versions it supports (3.0 and 3.1, not Swagger 2.0), a server URL, and what it ignores
 * at the document level (security schemes, webhooks). Pure.
 */
import { parseDocument } from "yaml";
import { formatBytes, GATEWAY_LIMITS } from "./limits";
import { checkSize, parseJsonText, isRecord } from "./json-text";
import type { TargetProblem } from "./problems";

export interface OpenApiDocument {
  doc: Record<string, unknown>;
  /** `3.0.3`, `3.1.0`, … */
  version: string;
}

export function readOpenApiDocument(input: unknown): { document: OpenApiDocument | null; problems: TargetProblem[] } {
  const problems: TargetProblem[] = [];
  const fail = (message: string, help?: string) => ({ document: null, problems: [...problems, { severity: "error" as const, message, help }] });

  let value = input;
  if (typeof input === "string") {
    const tooLarge = checkSize(
      input,
      GATEWAY_LIMITS.inlineSchemaBytes,
      "The OpenAPI document",
      `On AWS a larger document (up to ${formatBytes(GATEWAY_LIMITS.s3SchemaBytes)}) goes to S3; the local workspace takes inline documents only. Split the API across several targets.`,
    );
    if (tooLarge) return { document: null, problems: [tooLarge] };
    const parsed = parseText(input);
    if (!parsed.ok) return { document: null, problems: [parsed.problem] };
    value = parsed.value;
  }
  if (!isRecord(value)) return fail("An OpenAPI document is a JSON or YAML object with openapi, info, servers and paths.");

  if ("swagger" in value) {
    return fail(`This is a Swagger ${String(value.swagger)} document; AgentCore supports OpenAPI 3.0 and 3.1 only.`, "Convert it to OpenAPI 3 first.");
  }
  const version = value.openapi;
  if (typeof version !== "string" || !/^3\.[01](\.\d+)?$/.test(version)) {
    return fail(
      version === undefined ? "The document has no openapi version field." : `OpenAPI ${JSON.stringify(version)} is not supported; AgentCore supports OpenAPI 3.0 and 3.1.`,
    );
  }
  if (!serverUrlOf(value.servers)) {
    problems.push({
      severity: "error",
      field: "servers",
      message: "The document has no servers entry with an absolute http(s) URL; AgentCore sends the tool calls to that URL.",
      help: 'Add e.g. servers: [{ url: "https://api.example.com/v1" }].',
    });
  }
  if (!isRecord(value.paths) || Object.keys(value.paths).length === 0) {
    problems.push({ severity: "error", field: "paths", message: "The document has no paths, so no operation can become a tool." });
  }
  const components = isRecord(value.components) ? value.components : {};
  if (value.security !== undefined || isRecord(components.securitySchemes)) {
    problems.push({
      severity: "warning",
      field: value.security !== undefined ? "security" : "components.securitySchemes",
      message: "AgentCore ignores security schemes in the document: a target's outbound authorization is configured on the target.",
    });
  }
  if (value.webhooks !== undefined) {
    problems.push({ severity: "warning", field: "webhooks", message: "AgentCore does not support webhooks; they do not become tools." });
  }
  return { document: { doc: value, version }, problems };
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: TargetProblem };

function parseText(text: string): Parsed {
  if (/^\s*[{[]/.test(text)) return parseJsonText(text, "The OpenAPI document");
  // The core schema has no tags that build objects; the alias cap stops "billion laughs" documents.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first.linePos ? ` (line ${first.linePos[0].line}, column ${first.linePos[0].col})` : "";
    return { ok: false, problem: { severity: "error", message: `The OpenAPI document is not valid YAML${where}: ${first.message.split("\n")[0]}` } };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    return { ok: false, problem: { severity: "error", message: `The OpenAPI document could not be read: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

/** The first server URL that is absolute http(s) once its variables take their defaults. */
export function serverUrlOf(servers: unknown): string | null {
  if (!Array.isArray(servers)) return null;
  for (const s of servers) {
    if (!isRecord(s) || typeof s.url !== "string") continue;
    const variables = isRecord(s.variables) ? s.variables : {};
    const url = s.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = variables[name];
      return isRecord(v) && typeof v.default === "string" ? v.default : "";
    });
    try {
      const parsed = new URL(url);
      if ((parsed.protocol === "https:" || parsed.protocol === "http:") && parsed.hostname) return url;
    } catch {
      // a relative or templated URL without defaults: try the next server
    }
  }
  return null;
}
