/**
 * Ready-to-paste shell commands for a local gateway client: fetch a token, then call a tool.
 * Pure (no I/O) so the Connect panel renders it and the e2e spec can parse it back.
 */
import type { JsonSchema, Tool } from "@/lib/agentcore/types";

export interface CurlInput {
  mcpUrl: string;
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  tool?: Tool;
}

/** Single-quotes a value for POSIX shells. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function toolsCallBody(tool: string, args: Record<string, unknown>, id: number | string = 1): string {
  return JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: tool, arguments: args } });
}

export function curlCommand({ mcpUrl, tokenEndpoint, clientId, clientSecret, tool }: CurlInput): string {
  const form = `grant_type=client_credentials&client_id=${encodeURIComponent(clientId)}&client_secret=${encodeURIComponent(clientSecret)}`;
  const body = tool
    ? toolsCallBody(tool.name, exampleArguments(tool.inputSchema))
    : JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
  return [
    `TOKEN=$(curl -s -X POST ${shellQuote(tokenEndpoint)} \\`,
    `  -H 'Content-Type: application/x-www-form-urlencoded' \\`,
    `  -d ${shellQuote(form)} \\`,
    `  | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
    `curl -s -X POST ${shellQuote(mcpUrl)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "Authorization: Bearer $TOKEN" \\`,
    `  -d ${shellQuote(body)}`,
  ].join("\n");
}

/** Plausible arguments for a tool: required fields only, enums' first value, `amount`-like integers 500. */
export function exampleArguments(schema: JsonSchema | undefined): Record<string, unknown> {
  const v = example(schema ?? {}, "", 0);
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function example(s: JsonSchema, name: string, depth: number): unknown {
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if ("const" in s) return s.const;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "integer":
    case "number":
      return /amount|price|total/i.test(name) ? 500 : typeof s.minimum === "number" ? s.minimum : 1;
    case "boolean":
      return false;
    case "string":
      return /id$/i.test(name) ? `${name.replace(/Id$/i, "").toLowerCase() || "item"}-1001` : `example-${name || "value"}`;
    case "array":
      return depth > 4 || !s.items || typeof s.items !== "object" ? [] : [example(s.items as JsonSchema, name, depth + 1)];
    case "null":
      return null;
    default: {
      if (depth > 4) return {};
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = Array.isArray(s.required) ? (s.required as string[]) : [];
      return Object.fromEntries(required.filter((k) => props[k]).map((k) => [k, example(props[k], k, depth + 1)]));
    }
  }
}
