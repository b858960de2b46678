/**
 * The console's view of AgentCore: plain data shared by the server, the UI and both adapters.
 * Field names follow the AgentCore API (and the console's JSON API, docs/api.md) so that nothing is renamed twice.
 */

export type EngineMode = "LOG_ONLY" | "ENFORCE";
export type EnforcementMode = "ACTIVE" | "LOG_ONLY";
export type AuthorizerType = "CUSTOM_JWT" | "AWS_IAM" | "NONE" | "AUTHENTICATE_ONLY";
export type GatewayStatus = "CREATING" | "UPDATING" | "UPDATE_UNSUCCESSFUL" | "DELETING" | "READY" | "FAILED";
export type PolicyStatus =
  | "CREATING"
  | "ACTIVE"
  | "UPDATING"
  | "DELETING"
  | "CREATE_FAILED"
  | "UPDATE_FAILED"
  | "DELETE_FAILED";
export type PolicyEngineStatus = PolicyStatus;

/** How the console labels a target; AWS's TargetType plus the inline-payload kinds. */
export type TargetKind = "LAMBDA" | "OPENAPI" | "SMITHY" | "MCP_SERVER" | "API_GATEWAY" | "OTHER";

/**
 * Who answers a local target's tool calls: `demo` (the seeded demo targets' own code), `template`
 * (each tool's response template: inline and OpenAPI targets have no implementation locally) or
 * `upstream` (the MCP server the call is forwarded to).
 */
export type AnsweredBy = "demo" | "template" | "upstream";

/** A JSON Schema object as tools declare it; kept loose because tools use any subset. */
export type JsonSchema = { [key: string]: unknown };

/** One MCP tool as the agent sees it: `name` is always `<TargetName>___<toolName>`. */
export interface Tool {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

export interface Target {
  targetId: string;
  name: string;
  type: TargetKind;
  status: string;
  description?: string;
  tools: Tool[];
  /**
   * `inline`: the tool schemas are part of the target configuration.
   * `discovered`: only the gateway knows them (MCP servers, S3-hosted specs); `toolsNote` says how to list them.
   * `synced`: the tools an MCP server listed when the target was created or last re-synced (local workspace).
   */
  toolsSource: "inline" | "discovered" | "synced";
  toolsNote?: string;
  updatedAt: string;
  /** Local workspace: who answers the target's calls in the local gateway. */
  answeredBy?: AnsweredBy;
  /** Local MCP server targets: the URL, and the static headers with their values masked (`Bearer ••••3f9a`). */
  mcpServer?: { url: string; headers: Record<string, string> };
  /** Local inline and OpenAPI targets: the tools' own response templates, by bare tool name (others use the default echo). */
  responseTemplates?: Record<string, unknown>;
}

/** A tool as a target defines it: the bare name, before the gateway prefixes `<Target>___`. */
export interface TargetTool {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

/** What the local workspace needs to create a target (AgentCore's CreateGatewayTarget, already checked). */
export interface NewTarget {
  name: string;
  description?: string;
  type: "LAMBDA" | "OPENAPI" | "MCP_SERVER";
  tools: TargetTool[];
  mcpServer?: McpServerSettings;
  /** OPENAPI: the document as given. */
  openApiSpec?: string;
  responseTemplates?: Record<string, unknown>;
  /** An imported copy of a seeded demo target: its calls keep the demo's answers. */
  demo?: boolean;
}

/** An MCP server target's connection: where calls are forwarded, with its static headers (secrets, kept server-side). */
export interface McpServerSettings {
  url: string;
  headers?: Record<string, string>;
  /** What may be shown of it: the URL without its query, the header values masked (`Bearer ••••3f9a`). */
  shown: { url: string; headers: Record<string, string> };
}

export interface NewGateway {
  name: string;
  description?: string;
}

/** An MCP server target as the local gateway forwards to it; `headers` are the real values (server only). */
export interface McpUpstream {
  targetName: string;
  url: string;
  headers?: Record<string, string>;
}

export interface GatewayPolicyEngineRef {
  policyEngineId: string;
  policyEngineArn: string;
  mode: EngineMode;
}

export interface Authorizer {
  type: AuthorizerType;
  /** One human line, e.g. "Custom JWT — discovery https://…, audiences: a, b". */
  summary: string;
  discoveryUrl?: string;
  allowedAudience?: string[];
  allowedClients?: string[];
}

export interface GatewaySummary {
  gatewayId: string;
  name: string;
  description?: string;
  gatewayArn: string;
  status: GatewayStatus;
  gatewayUrl: string;
  policyEngine: GatewayPolicyEngineRef | null;
  targetCount: number;
  toolCount: number;
  authorizer: Authorizer;
  updatedAt: string;
}

export interface GatewayDetail extends GatewaySummary {
  targets: Target[];
}

export interface PolicyEngine {
  policyEngineId: string;
  policyEngineArn: string;
  name: string;
  description?: string;
  status: PolicyEngineStatus;
  statusReasons: string[];
  updatedAt: string;
}

/**
 * Which member of the SDK's `PolicyDefinition` union the engine holds the policy under:
 * `cedar: { statement }` (stateless Cedar), `policy: { statement }` (Dogwood: temporal and guardrail
 * policies, and any Cedar), or `policyGeneration: { policyGenerationId, policyGenerationAssetId }` (an
 * asset of AgentCore's own policy generation). `unknown` is a member this console does not know.
 */
export type DefinitionKind = "cedar" | "policy" | "policyGeneration" | "unknown";
/** The kinds the console writes a statement under. */
export type StatementKind = "cedar" | "policy";

export interface PolicyGenerationRef {
  policyGenerationId: string;
  policyGenerationAssetId: string;
}

export interface EnginePolicy {
  policyId: string;
  policyArn: string;
  name: string;
  description: string;
  /**
   * The statement as the engine holds it. Empty when the engine returned none the console could read
   * (a generated policy whose asset is gone, an unknown definition): such a policy is shown, kept and
   * never sent back (see `lib/workspace/document.ts`).
   */
  statement: string;
  definitionKind: DefinitionKind;
  /** Kept verbatim for `policyGeneration` policies. */
  generation?: PolicyGenerationRef;
  /** Why `statement` is empty, or where it came from when the engine did not return it. */
  statementNote?: string;
  status: PolicyStatus;
  statusReasons: string[];
  enforcementMode: EnforcementMode;
  updatedAt: string;
}

export interface NewPolicy {
  name: string;
  description?: string;
  statement: string;
  /** Default `cedar`; a statement with a Dogwood block must be created under `policy`. */
  definitionKind?: StatementKind;
  enforcementMode?: EnforcementMode;
}

export interface PolicyChange {
  description?: string;
  statement?: string;
  /** The definition member `statement` is sent under (default `cedar`). */
  definitionKind?: StatementKind;
  enforcementMode?: EnforcementMode;
}

export interface BackendInfo {
  kind: "local" | "aws";
  /** "Local workspace" or "AWS <account>/<region>" */
  label: string;
  region?: string;
  account?: string;
}

/**
 * Everything the console asks of AgentCore. Both adapters implement it with the same semantics
 * (statuses, conflicts, errors as AppError), so the embedded default behaves like the service.
 */
export interface ControlPlane {
  readonly kind: BackendInfo["kind"];
  info(): Promise<BackendInfo>;
  listGateways(): Promise<GatewaySummary[]>;
  getGateway(gatewayId: string): Promise<GatewayDetail>;
  /** Attach (or replace) the gateway's policy engine in a mode, resending every other gateway field unchanged. */
  setGatewayPolicyEngine(gatewayId: string, config: { policyEngineArn: string; mode: EngineMode }): Promise<GatewayDetail>;

  listPolicyEngines(): Promise<PolicyEngine[]>;
  getPolicyEngine(policyEngineId: string): Promise<PolicyEngine>;
  createPolicyEngine(input: { name: string; description?: string }): Promise<PolicyEngine>;

  listPolicies(policyEngineId: string): Promise<EnginePolicy[]>;
  getPolicy(policyEngineId: string, policyId: string): Promise<EnginePolicy>;
  createPolicy(policyEngineId: string, policy: NewPolicy): Promise<EnginePolicy>;
  updatePolicy(policyEngineId: string, policyId: string, change: PolicyChange): Promise<EnginePolicy>;
  deletePolicy(policyEngineId: string, policyId: string): Promise<void>;

  /**
   * AgentCore's CreateGateway / UpdateGateway (name, description) / DeleteGateway and
   * CreateGatewayTarget / DeleteGatewayTarget. The local workspace implements them; on AWS they
   * answer 400 `managed-in-agentcore`: the console does not create AWS gateways or targets.
   */
  createGateway(input: NewGateway): Promise<GatewayDetail>;
  updateGateway(gatewayId: string, change: { name?: string; description?: string | null }): Promise<GatewayDetail>;
  /** Local workspace: the console's own data of the gateway (drafts, personas, suites, clients, history, decision log) goes with it. */
  deleteGateway(gatewayId: string): Promise<void>;
  createGatewayTarget(gatewayId: string, target: NewTarget): Promise<Target>;
  deleteGatewayTarget(gatewayId: string, targetId: string): Promise<void>;

  /** AgentCore's own plain-language policy generation, where the backend has it (AWS). */
  readonly policyGeneration?: PolicyGenerationApi;
  /** What the local workspace keeps inside its targets beyond AgentCore's records (local only). */
  readonly localTargets?: LocalTargetsApi;
}

export interface LocalTargetsApi {
  /** Replaces an MCP server target's tools with a re-sync's (AgentCore's SynchronizeGatewayTargets). */
  replaceTools(gatewayId: string, targetId: string, tools: TargetTool[]): Promise<Target>;
  /** Sets one tool's response template, or (null) returns it to the default echo. */
  setResponseTemplate(gatewayId: string, targetId: string, tool: string, template: unknown): Promise<Target>;
  /** The gateway's MCP server targets with their real headers: for the local gateway's forwarding only. */
  mcpUpstreams(gatewayId: string): Promise<McpUpstream[]>;
  /** OpenAPI targets' documents as given, by target name (for exports). */
  openApiSpecs(gatewayId: string): Promise<Record<string, string>>;
}

export interface PolicyGenerationApi {
  startPolicyGeneration(policyEngineId: string, gatewayArn: string, text: string, name: string): Promise<{ policyGenerationId: string; status: string }>;
  getPolicyGeneration(policyEngineId: string, policyGenerationId: string): Promise<{ status: string; statusReasons: string[]; findings?: string }>;
  listPolicyGenerationAssets(policyEngineId: string, policyGenerationId: string): Promise<Array<{ assetId: string; statement: string; findings: Array<{ type: string; description: string }> }>>;
}
