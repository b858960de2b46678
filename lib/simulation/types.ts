import type { CedarRequest } from "@/lib/cedar/request-from-call";
import type { Decision } from "@/lib/cedar/cedar-api";
import type { DecisionGateway } from "@/lib/cedar/decide-call";
import type { JsonRpcResponse } from "@/lib/mcp/json-rpc";
import type { CallPrincipal } from "@/lib/mcp/principal";
import type { CallableTool } from "@/lib/mcp/tool-call";
import type { SessionDecision } from "@/lib/dogwood/session";

export type { CallPrincipal } from "@/lib/mcp/principal";
export type { Persona, TestCase } from "./schemas";

/** One call to simulate: a principal and a raw JSON-RPC `tools/call` body (object or text). */
export interface SimCall {
  principal: CallPrincipal;
  request: unknown;
}

/**
 * A simulated decision: ALLOW or DENY as the engine decides, or UNDECIDED when it depends on
 * something the console does not evaluate (a Dogwood construct, a value the user did not give) —
 * `dependsOn` says what, and nothing is guessed.
 */
export type SimDecision = Decision | "UNDECIDED";

export interface SimResult {
  decision: SimDecision;
  determiningPolicies: string[];
  errors: string[];
  /** UNDECIDED: what the decision depends on, per policy ("depends on <construct>"). */
  dependsOn?: Array<{ policy: string; on: string[] }>;
  /** LOG_ONLY policies that matched, and those that would have changed the decision had they been ACTIVE. */
  logOnly: { matched: string[]; flips: string[]; undecided?: string[] };
  /** The Cedar request that was evaluated (absent when the call could not be read). */
  cedarRequest?: CedarRequest;
  /** What the gateway answers in each engine mode, as JSON-RPC bodies; ENFORCE is null while the decision is UNDECIDED. */
  response: { LOG_ONLY: JsonRpcResponse; ENFORCE: JsonRpcResponse | null };
  /** Set when the call was decided in a policy session (a session replay, or Dogwood policies took part). */
  session?: SessionStep;
  tool?: string;
  /** Whether `tools/list` shows the tool to this principal with the engine in ENFORCE (single-call replay only). */
  listed?: boolean;
}

/** A tool the local workspace answers itself: its demo code, or its response template (none: the default echo). */
export interface LocalTool {
  target: string;
  /** The tool's own name. */
  tool: string;
  answeredBy: "demo" | "template";
  template?: unknown;
}

/** What a call did in its session: when, which events it left, and what each Dogwood policy made of it. */
export interface SessionStep {
  /** 0-based position of the call in the replayed session. */
  call: number;
  /** Seconds on the session's clock (ISO times are read as Unix seconds). */
  at: number;
  /** Events recorded for the call; empty when the gateway refused it before any policy ran. */
  recorded: SessionDecision["recorded"];
  /** The Dogwood policies that could apply; `madeTrueBy.call` is a position in the replayed session. */
  policies: SessionDecision["policies"];
  outputSuppressedBy?: SessionDecision["outputSuppressedBy"];
}

export interface SimTool extends CallableTool {
  /**
   * The local workspace answers this tool itself, deterministically, so a replay can show its real
   * output; otherwise (an MCP server's tools, AWS) the output is a placeholder.
   */
  local?: LocalTool;
}

/** Everything the simulator needs to know about a gateway; serialisable so it can cross into the worker. */
export interface SimGateway extends DecisionGateway {
  schemaJson: Record<string, unknown>;
  tools: SimTool[];
  /** Identifies the schema, so compiled policy sets are cached per schema. */
  schemaKey: string;
}
