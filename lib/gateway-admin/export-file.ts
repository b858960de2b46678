import { z } from "zod";
import { Case, Persona, SUITE_NAME } from "@/lib/simulation/schemas";

/**
 * A gateway as one JSON file, to share a reproducible local workspace: its targets with their tools
 * (and response templates, OpenAPI documents, MCP server URLs), the engine's mode, the published
 * policies, personas and suites. Versioned by `format`; an importer refuses any other.
 *
 * MCP header values are secrets and never leave the console: the file names each header with the
 * value `null`. Whoever imports fills them in (a string replaces the `null`) or adds them later by
 * re-adding the target; a header still `null` is left out and the import answer says so.
 */

export const GATEWAY_FILE_FORMAT = "policy-studio-gateway/1";

const Tool = z.object({ name: z.string().min(1), description: z.string().default(""), inputSchema: z.record(z.string(), z.unknown()) });
const Common = {
  name: z.string(),
  description: z.string().optional(),
  tools: z.array(Tool).max(1000),
};

export const ExportedTarget = z.discriminatedUnion("type", [
  z.object({ ...Common, type: z.literal("inline"), responseTemplates: z.record(z.string(), z.unknown()).default({}), demo: z.boolean().optional() }),
  z.object({ ...Common, type: z.literal("openapi"), spec: z.string(), responseTemplates: z.record(z.string(), z.unknown()).default({}) }),
  z.object({ ...Common, type: z.literal("mcp"), url: z.string(), headers: z.record(z.string(), z.string().nullable()).default({}) }),
]);
export type ExportedTarget = z.infer<typeof ExportedTarget>;

export const GatewayFile = z.object({
  format: z.literal(GATEWAY_FILE_FORMAT, { error: `This is not a gateway file (format "${GATEWAY_FILE_FORMAT}").` }),
  exportedAt: z.string().optional(),
  gateway: z.object({
    name: z.string(),
    description: z.string().optional(),
    /** The exported gateway's ARN: policies scoped to it are re-scoped to the imported gateway's. */
    gatewayArn: z.string(),
  }),
  engine: z.object({ name: z.string(), mode: z.enum(["LOG_ONLY", "ENFORCE"]) }).nullable(),
  policies: z
    .array(
      z.object({
        name: z.string(),
        description: z.string().default(""),
        statement: z.string(),
        definitionKind: z.enum(["cedar", "policy"]).default("cedar"),
        enforcementMode: z.enum(["ACTIVE", "LOG_ONLY"]).default("ACTIVE"),
      }),
    )
    .default([]),
  targets: z.array(ExportedTarget).max(100),
  personas: z.array(Persona).default([]),
  suites: z.array(z.object({ suite: SUITE_NAME, cases: z.array(Case) })).default([]),
  /** What the export could not carry (e.g. a policy the engine holds without a statement), one line each. */
  notes: z.array(z.string()).default([]),
});
export type GatewayFile = z.infer<typeof GatewayFile>;
export type GatewayFileInput = z.input<typeof GatewayFile>;
