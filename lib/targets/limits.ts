/**
 * AgentCore Gateway's limits that decide whether a target is accepted. Values are the service's
 * defaults (developer guide, "Quotas for Amazon Bedrock AgentCore" → AgentCore Gateway Service
 * Quotas; the control-plane API reference for names). Several are adjustable on AWS; the local
 * workspace applies the defaults so a target that works here also works on a fresh account.
 */

const MB = 1024 * 1024;

export const GATEWAY_LIMITS = {
  targetsPerGateway: 100,
  toolsPerTarget: 1000,
  /** An inline tool schema or OpenAPI document (toolSchema.inlinePayload, apiSchema.inlinePayload). */
  inlineSchemaBytes: 1 * MB,
  /** An S3-hosted schema; named in messages, the local workspace reads no S3. */
  s3SchemaBytes: 10 * MB,
  /** The tool name an agent sees, `<Target>___<tool>`. */
  toolNameChars: 256,
  /** One tool-call / tool-list payload. */
  toolPayloadBytes: 6 * MB,
  /** Target names: pattern `([0-9a-zA-Z][-]?){1,100}`, at most 100 characters (TargetRef). */
  targetNameChars: 100,
  targetDescriptionChars: 200,
} as const;

/** MCP protocol versions AgentCore Gateway accepts from an MCP server target. */
export const MCP_TARGET_PROTOCOL_VERSIONS = ["2025-03-26", "2025-06-18", "2025-11-25"] as const;

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${bytes % MB === 0 ? bytes / MB : (bytes / MB).toFixed(bytes < 10 * MB ? 2 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** UTF-8 size of a text, as the service counts a payload (no Buffer: this also runs in the browser). */
export function byteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
