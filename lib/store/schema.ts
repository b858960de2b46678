import { sql } from "drizzle-orm";
import { boolean, integer, json, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, index } from "drizzle-orm/pg-core";
import type { AnsweredBy, Authorizer, McpServerSettings, DefinitionKind, EngineMode, EnforcementMode, Tool } from "@/lib/agentcore/types";
import type { Decision, PrincipalKind } from "@/lib/cedar/cedar-api";
import type { JsonRpcResponse } from "@/lib/mcp/json-rpc";
import type { CallPrincipal } from "@/lib/mcp/principal";
import type { Role } from "@/lib/roles";
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

export const targets = pgTable(
  "targets",
  {
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
  /** Who answers the target's calls in the local gateway: the demo's own code (seeded targets), each tool's response template, or the MCP server. */
  answeredBy: text("answered_by").$type<AnsweredBy>().notNull().default("demo"),
  /** An MCP server target's URL and static headers. The header values are secrets: never returned by a route. */
  mcpServer: jsonb("mcp_server").$type<McpServerSettings>(),
  /** An OpenAPI target's document as given (JSON or YAML text), kept so an export carries it unchanged. */
  openApiSpec: text("openapi_spec"),
  /** Per-tool response templates (bare tool name → JSON template) of inline and OpenAPI targets, as JSON text: jsonb would reorder their keys, and so their answers. */
  responseTemplates: text("response_templates").notNull().default("{}"),
  createdAt: ts("created_at"),
  updatedAt: ts("updated_at"),
  },
  (t) => [uniqueIndex("targets_gateway_name").on(t.gatewayId, t.name)],
);

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

/** A gateway answer as the decision log keeps it: whole, or its beginning when it is too large to keep. */
export type RecordedResponse = JsonRpcResponse | { truncated: true; length: number; head: string };

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
    /** Why an allowed call to an MCP server target got no answer from it (the gateway's -32603 message); null otherwise. */
    upstreamError: text("upstream_error"),
    /** The `x-amzn-bedrock-agentcore-policy-session-id` the call carried, if any. */
    sessionId: text("session_id"),
    /** 0-based position of the call in its policy session (as the session's decisions number it). */
    sessionCall: integer("session_call"),
    /** Temporal conditions that held, each with the earlier events of the session that made it true. */
    temporal: jsonb("temporal").$type<TemporalEvidence[]>().notNull().default([]),
    /** Why the gateway decided as it did beyond the policies: evaluation errors, a fail-closed denial. */
    errors: jsonb("errors").$type<string[]>().notNull().default([]),
    /** The JSON-RPC answer the gateway sent (null for entries recorded before it was kept); `json`, not `jsonb`, keeps its key order. */
    response: json("response").$type<RecordedResponse>(),
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

/**
 * One row per publish, written before the first operation is sent and after each one settles, so a
 * crash mid-publish leaves a record of exactly what was applied (lib/publishing/journal.ts).
 */
export const publishJournal = pgTable(
  "publish_journal",
  {
    id: serial("id").primaryKey(),
    gatewayId: text("gateway_id").notNull(),
    actor: text("actor").notNull(),
    action: text("action").$type<"publish" | "rollback" | "resume">().notNull(),
    message: text("message").notNull(),
    /** What the publish set out to do: the document, the set it replaces, and the ordered operations. */
    intent: jsonb("intent").$type<JournalIntent>().notNull(),
    /** Each operation as it was started and as it settled. */
    steps: jsonb("steps").$type<JournalStep[]>().notNull().default([]),
    state: text("state").$type<JournalState>().notNull(),
    /** The console process running it; another owner's `running` row found under the gateway's lock was interrupted. */
    owner: text("owner").notNull(),
    startedAt: ts("started_at"),
    updatedAt: ts("updated_at"),
  },
  (t) => [index("publish_journal_gateway").on(t.gatewayId, t.state)],
);

export interface JournalIntent {
  text: string;
  baseVersion: string;
  previous: { version: string; versionNumber: number | null; text: string };
  operations: Array<{ op: "create" | "update" | "delete"; name: string; phase: number }>;
}

export interface JournalStep {
  index: number;
  op: "create" | "update" | "delete";
  name: string;
  /** `started` and never settled means the process died while the engine had the request. */
  state: "started" | "applied" | "failed";
  at: string;
  message?: string;
}

export type JournalState = "running" | "completed" | "partial" | "failed" | "interrupted" | "resumed" | "rolled-back";

/**
 * Calls recorded by AWS and imported into the console (from the gateway's policy spans), labelled
 * with their source and unique per span so a re-import adds nothing twice. A call lacking a field
 * re-evaluation needs (its arguments, its principal) is kept, with the reasons in `missing`.
 */
export const importedCalls = pgTable(
  "imported_calls",
  {
    id: serial("id").primaryKey(),
    gatewayId: text("gateway_id").notNull(),
    source: text("source").$type<"span">().notNull(),
    traceId: text("trace_id").notNull(),
    spanId: text("span_id").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    tool: text("tool"),
    principal: jsonb("principal").$type<{ type?: "OAuthUser" | "IamEntity"; sub: string; claims: Record<string, unknown> }>(),
    arguments: jsonb("arguments").$type<Record<string, unknown>>(),
    decision: text("decision").$type<"ALLOW" | "DENY">().notNull(),
    determiningPolicies: jsonb("determining_policies").$type<string[]>().notNull(),
    logOnlyMatched: jsonb("log_only_matched").$type<string[]>().notNull().default([]),
    flips: jsonb("flips").$type<string[]>().notNull().default([]),
    mode: text("mode").$type<EngineMode | "NONE">().notNull(),
    missing: jsonb("missing").$type<string[]>().notNull().default([]),
    importedAt: ts("imported_at"),
  },
  (t) => [uniqueIndex("imported_calls_span").on(t.gatewayId, t.source, t.traceId, t.spanId), index("imported_calls_gateway").on(t.gatewayId, t.at)],
);

// ── Team mode ──

/** API tokens for scripts and CI: only a SHA-256 of the secret is kept, so it cannot be shown again. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    /** "Who" in history and the audit log for whatever the token does. */
    name: text("name").notNull(),
    role: text("role").$type<Role>().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the secret, to recognise it in a list. */
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").notNull(),
    /** The creator's stable identity (issuer and subject): a token never approves its creator's request. */
    createdBySubject: text("created_by_subject").notNull(),
    createdAt: ts("created_at"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    revokedBy: text("revoked_by"),
  },
  (t) => [uniqueIndex("api_tokens_active_name").on(t.name).where(sql`${t.revokedAt} is null`)],
);

/** A publish or a switch to ENFORCE waiting for a second publisher (REQUIRE_APPROVAL). */
export const changeRequests = pgTable(
  "change_requests",
  {
    id: serial("id").primaryKey(),
    gatewayId: text("gateway_id").notNull(),
    gatewayName: text("gateway_name").notNull(),
    kind: text("kind").$type<"publish" | "mode">().notNull(),
    status: text("status").$type<"open" | "applying" | "approved" | "rejected" | "withdrawn">().notNull().default("open"),
    message: text("message").notNull().default(""),
    /** kind publish: the document to publish; kind mode: the published document the evidence was computed on. */
    text: text("text").notNull(),
    /** The published version (etag) the request was made against: approval is a conflict when it moved. */
    baseVersion: text("base_version").notNull(),
    rollbackOf: integer("rollback_of"),
    /** kind mode: the engine's mode when requested, and the one asked for. */
    fromMode: text("from_mode").$type<EngineMode>(),
    toMode: text("to_mode").$type<EngineMode>(),
    requestedBy: text("requested_by").notNull(),
    requestedBySubject: text("requested_by_subject").notNull(),
    createdAt: ts("created_at"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    reason: text("reason"),
    /** What applying it did (the publish result's status, version and summary, or the new mode). */
    result: jsonb("result"),
  },
  (t) => [index("change_requests_gateway").on(t.gatewayId, t.status), index("change_requests_status").on(t.status, t.createdAt)],
);
