import type { CedarRequest } from "@/lib/cedar/request-from-call";
import type { Decision } from "@/lib/cedar/cedar-api";
import type { DecisionGateway } from "@/lib/cedar/decide-call";
import type { JsonRpcResponse } from "@/lib/mcp/json-rpc";
import type { CallPrincipal } from "@/lib/mcp/principal";
import type { CallableTool } from "@/lib/mcp/tool-call";

export type { CallPrincipal } from "@/lib/mcp/principal";
export type { Persona, TestCase } from "./schemas";

/** One call to simulate: a principal and a raw JSON-RPC `tools/call` body (object or text). */
export interface SimCall {
  principal: CallPrincipal;
  request: unknown;
}

export interface SimResult {
  decision: Decision;
  determiningPolicies: string[];
  errors: string[];
  /** LOG_ONLY policies that matched, and those that would have changed the decision had they been ACTIVE. */
  logOnly: { matched: string[]; flips: string[] };
  /** The Cedar request that was evaluated (absent when the call could not be read). */
  cedarRequest?: CedarRequest;
  /** What the gateway answers in each engine mode, as JSON-RPC bodies. */
  response: { LOG_ONLY: JsonRpcResponse; ENFORCE: JsonRpcResponse };
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
