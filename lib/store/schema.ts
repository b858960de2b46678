import { boolean, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, index } from "drizzle-orm/pg-core";
import type { Authorizer, DefinitionKind, EngineMode, EnforcementMode, Tool } from "@/lib/agentcore/types";
import type { Decision, PrincipalKind } from "@/lib/cedar/cedar-api";
import type { CallPrincipal } from "@/lib/mcp/principal";
import type { SessionTestCase } from "@/lib/simulation/schemas";

/** One temporal condition of a policy that held for a call, and the session events that made it true. */
export interface TemporalEvidence {
  policy: string;
  condition: string;
  madeTrueBy: Array<{ call: number; kind: string; tool: string }>;
}

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" }).notNull().defaultNow();

// ── The embedded control plane (local adapter): the same records AgentCore keeps ──

export const gateways = pgTable("gateways", {
  gatewayId: text("gateway_id").primaryKey(),
  name: text("name").notNull().unique(),
  description: text("description"),
  gatewayArn: text("gateway_arn").notNull(),
  status: text("status").notNull(),
  roleArn: text("role_arn").notNull(),
  authorizer: jsonb("authorizer").$type<Authorizer>().notNull(),
  policyEngineArn: text("policy_engine_arn"),
  policyEngineMode: text("policy_engine_mode").$type<EngineMode>(),
  createdAt: ts("created_at"),
  updatedAt: ts("updated_at"),
});

export const targets = pgTable("targets", {
  targetId: text("target_id").primaryKey(),
  gatewayId: text("gateway_id")
    .notNull()
    .references(() => gateways.gatewayId, { onDelete: "cascade" }),
  name: text("name").notNull(),
  type: text("type").notNull(),
  description: text("description"),
  status: text("status").notNull(),
  /** Tool definitions with their bare names; the MCP name `<Target>___<tool>` is derived on read. */
  tools: jsonb("tools").$type<Tool[]>().notNull(),
  createdAt: ts("created_at"),
  updatedAt: ts("updated_at"),
});

export const policyEngines = pgTable("policy_engines", {
  policyEngineId: text("policy_engine_id").primaryKey(),
  policyEngineArn: text("policy_engine_arn").notNull(),
  name: text("name").notNull().unique(),
  description: text("description"),
  status: text("status").notNull(),
  createdAt: ts("created_at"),
  updatedAt: ts("updated_at"),
});

export const policies = pgTable(
  "policies",
  {
    policyId: text("policy_id").primaryKey(),
    policyEngineId: text("policy_engine_id")
      .notNull()
      .references(() => policyEngines.policyEngineId, { onDelete: "cascade" }),
    policyArn: text("policy_arn").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    statement: text("statement").notNull(),
    /** The `PolicyDefinition` member the statement was given under (`cedar`, `policy`, `policyGeneration`). */
    definitionKind: text("definition_kind").$type<DefinitionKind>().notNull().default("cedar"),
    policyGenerationId: text("policy_generation_id"),
    policyGenerationAssetId: text("policy_generation_asset_id"),
    status: text("status").notNull(),
    statusReasons: jsonb("status_reasons").$type<string[]>().notNull().default([]),
    enforcementMode: text("enforcement_mode").$type<EnforcementMode>().notNull().default("ACTIVE"),
    createdAt: ts("created_at"),
    updatedAt: ts("updated_at"),
  },
  (t) => [uniqueIndex("policies_engine_name").on(t.policyEngineId, t.name)],
);

// ── The console's own workspace data, for any backend, keyed by gateway id ──

export const drafts = pgTable("drafts", {
  gatewayId: text("gateway_id").primaryKey(),
  text: text("text").notNull(),
  /** The published version the draft was started from; a publish against another version is a conflict. */
  baseVersion: text("base_version").notNull(),
  updatedAt: ts("updated_at"),
});

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
});

export const personas = pgTable(
  "personas",
  {
    gatewayId: text("gateway_id").notNull(),
    name: text("name").notNull(),
    principalType: text("principal_type").$type<PrincipalKind>().notNull().default("OAuthUser"),
    sub: text("sub").notNull(),
    claims: jsonb("claims").$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: ts("updated_at"),
  },
  (t) => [primaryKey({ columns: [t.gatewayId, t.name] })],
);

export const testCases = pgTable(
  "test_cases",
  {
    id: serial("id").primaryKey(),
    gatewayId: text("gateway_id").notNull(),
    suite: text("suite").notNull().default("default"),
    name: text("name").notNull(),
    principal: jsonb("principal").$type<CallPrincipal>().notNull(),
    /** A single-call case's body and expectation; null for a session case. */
    request: jsonb("request").$type<string | Record<string, unknown>>(),
    expected: text("expected").$type<Decision>(),
    /** A session case's calls, each with its expected decision; null for a single-call case. */
    session: jsonb("session").$type<SessionTestCase["session"]>(),
    createdAt: ts("created_at"),
  },
  (t) => [index("test_cases_gateway").on(t.gatewayId, t.suite)],
);

export const publishVersions = pgTable(
  "publish_versions",
  {
    id: serial("id").primaryKey(),
    gatewayId: text("gateway_id").notNull(),
    version: integer("version").notNull(),
    author: text("author").notNull(),
    message: text("message").notNull(),
    /** The full published set: one entry per engine policy. */
    policies: jsonb("policies").$type<Array<{ name: string; description: string; statement: string; enforcementMode: EnforcementMode }>>().notNull(),
    createdAt: ts("created_at"),
  },
  (t) => [uniqueIndex("publish_versions_gateway_version").on(t.gatewayId, t.version)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    gatewayId: text("gateway_id"),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    summary: text("summary").notNull(),
    result: text("result").$type<"success" | "failure" | "partial">().notNull(),
    details: jsonb("details"),
    at: ts("at"),
  },
  (t) => [index("audit_log_gateway").on(t.gatewayId, t.at)],
);

export const decisionLog = pgTable(
  "decision_log",
  {
    id: serial("id").primaryKey(),
    gatewayId: text("gateway_id").notNull(),
    at: ts("at"),
    clientId: text("client_id"),
    persona: text("persona"),
    principal: jsonb("principal").$type<CallPrincipal>().notNull(),
    tool: text("tool").notNull(),
    arguments: jsonb("arguments").notNull(),
    decision: text("decision").$type<Decision>().notNull(),
    determiningPolicies: jsonb("determining_policies").$type<string[]>().notNull(),
    logOnlyMatched: jsonb("log_only_matched").$type<string[]>().notNull().default([]),
    flips: jsonb("flips").$type<string[]>().notNull().default([]),
    mode: text("mode").$type<EngineMode | "NONE">().notNull(),
    blocked: boolean("blocked").notNull(),
    /** The `x-amzn-bedrock-agentcore-policy-session-id` the call carried, if any. */
    sessionId: text("session_id"),
    /** 0-based position of the call in its policy session (as the session's decisions number it). */
    sessionCall: integer("session_call"),
    /** Temporal conditions that held, each with the earlier events of the session that made it true. */
    temporal: jsonb("temporal").$type<TemporalEvidence[]>().notNull().default([]),
    /** Why the gateway decided as it did beyond the policies: evaluation errors, a fail-closed denial. */
    errors: jsonb("errors").$type<string[]>().notNull().default([]),
  },
  (t) => [index("decision_log_gateway").on(t.gatewayId, t.at), index("decision_log_session").on(t.gatewayId, t.sessionId)],
);

/** OAuth clients of the local MCP gateway: one per persona. */
export const gatewayClients = pgTable("gateway_clients", {
  clientId: text("client_id").primaryKey(),
  gatewayId: text("gateway_id").notNull(),
  clientSecret: text("client_secret").notNull(),
  persona: text("persona").notNull(),
  sub: text("sub").notNull(),
  claims: jsonb("claims").$type<Record<string, unknown>>().notNull(),
  createdAt: ts("created_at"),
});
