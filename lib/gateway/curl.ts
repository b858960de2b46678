/**
 * Ready-to-paste shell commands for a local gateway client: fetch a token, then call a tool.
 * Pure (no I/O) so the Connect panel renders it and the e2e spec can parse it back.
 */
import type { Tool } from "@/lib/agentcore/types";
import { exampleArguments } from "@/lib/mcp/example-args";
import { toolsCall } from "@/lib/mcp/tool-call";

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

export function curlCommand({ mcpUrl, tokenEndpoint, clientId, clientSecret, tool }: CurlInput): string {
  const form = `grant_type=client_credentials&client_id=${encodeURIComponent(clientId)}&client_secret=${encodeURIComponent(clientSecret)}`;
  const body = tool
    ? JSON.stringify(toolsCall(tool.name, exampleArguments(tool.inputSchema)))
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
