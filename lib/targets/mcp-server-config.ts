/**
 * An MCP server target's connection settings: its Streamable HTTP URL and optional static headers
 * (e.g. `Authorization`), checked before anything is sent, and shown afterwards only masked.
 * Header values are secrets: no message here ever contains one. Pure.
 */
import type { TargetProblem } from "./problems";

export interface McpServerConfig {
  url: string;
  headers?: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the transport itself sets; a static header must not replace them. */
const RESERVED = new Set(["accept", "content-type", "content-length", "host", "connection", "transfer-encoding", "mcp-session-id", "mcp-protocol-version", "last-event-id"]);
const MAX_HEADERS = 20;
const MAX_VALUE = 8 * 1024;

export function checkMcpServerConfig(input: { url: unknown; headers?: unknown }): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const error = (field: string, message: string, help?: string) => problems.push({ severity: "error", field, message, help });
  if (typeof input.url !== "string" || input.url.trim() === "") {
    error("url", "An MCP server target needs the server's URL, e.g. http://127.0.0.1:4590/mcp.");
  } else {
    let url: URL | null = null;
    try {
      url = new URL(input.url);
    } catch {
      error("url", `"${input.url.slice(0, 200)}" is not a URL.`);
    }
    if (url && url.protocol !== "http:" && url.protocol !== "https:") error("url", `The URL must be http or https (Streamable HTTP); ${url.protocol.replace(":", "")} is not.`);
    if (url && (url.username || url.password)) {
      error("url", "The URL carries credentials.", "Put them in a header such as Authorization, which is stored server-side and shown only masked.");
    }
  }
  if (input.headers === undefined) return problems;
  if (typeof input.headers !== "object" || input.headers === null || Array.isArray(input.headers)) {
    error("headers", 'headers is an object of header names to values, e.g. {"Authorization": "Bearer …"}.');
    return problems;
  }
  const entries = Object.entries(input.headers);
  if (entries.length > MAX_HEADERS) error("headers", `At most ${MAX_HEADERS} static headers.`);
  for (const [name, value] of entries) {
    const field = `headers.${name.slice(0, 60)}`;
    if (!TOKEN.test(name)) error(field, `"${name.slice(0, 60)}" is not a valid HTTP header name.`);
    else if (RESERVED.has(name.toLowerCase())) error(field, `${name} is set by the MCP transport itself and cannot be a static header.`);
    if (typeof value !== "string") error(field, "A header value is a string.");
    else if (/[\r\n\0]/.test(value)) error(field, "A header value cannot contain line breaks.");
    else if (value.length > MAX_VALUE) error(field, `A header value is at most ${MAX_VALUE / 1024} KB.`);
  }
  return problems;
}

/** The URL as messages show it: scheme, host and path, without a query that may carry a key. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url.slice(0, 200);
  }
}

/** `Bearer ••••3f9a`: enough to recognize a stored header, never enough to use it. */
export function maskHeaderValue(value: string): string {
  const m = /^(Bearer|Basic|Token|ApiKey)\s+(.*)$/i.exec(value);
  const secret = m ? m[2] : value;
  const tail = secret.length >= 12 ? secret.slice(-4) : "";
  return `${m ? `${m[1]} ` : ""}••••${tail}`;
}

export function maskHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, maskHeaderValue(v)]));
}
