/**
 * One policy span (as Transaction Search writes it to `aws/spans`) read as a recorded call. The
 * documented attributes are `aws.agentcore.policy.*` (decision, reason, determining and mismatched
 * policies) and `aws.agentcore.gateway.policy.mode`; the tool, the principal and the arguments are
 * read from the keys below in order, and whatever a span does not carry is named in `missing`, so the
 * call is kept but not re-evaluated. Pure: no I/O.
 */
import type { EngineMode } from "@/lib/agentcore/types";

export const POLICY_SPAN_NAME = "AgentCore.Policy.AuthorizeAction";

const A = "aws.agentcore.policy.";
const KEYS = {
  decision: [`${A}authorization_decision`],
  determining: [`${A}determining_policies`],
  logOnlyMatched: [`${A}log_only_matched_policies`],
  flips: [`${A}log_only_decision_flipping_policies`],
  mode: ["aws.agentcore.gateway.policy.mode"],
  tool: ["gen_ai.tool.name", "aws.agentcore.gateway.tool.name", "tool.name"],
  action: [`${A}action`],
  principalId: [`${A}principal.id`],
  principalType: [`${A}principal.type`],
  claims: [`${A}principal.tags`],
  arguments: ["gen_ai.tool.call.arguments", `${A}context`],
};

export const MISSING = {
  arguments: "no arguments in the span",
  principal: "no principal in the span",
  tool: "no tool name in the span",
} as const;

export interface SpanCall {
  traceId: string;
  spanId: string;
  at: Date;
  tool: string | null;
  principal: { type?: "OAuthUser" | "IamEntity"; sub: string; claims: Record<string, unknown> } | null;
  arguments: Record<string, unknown> | null;
  decision: "ALLOW" | "DENY";
  /** Policy ids as the span reports them (the importer maps them to names). */
  determiningPolicies: string[];
  logOnlyMatched: string[];
  flips: string[];
  mode: EngineMode | "NONE";
  missing: string[];
}

type Attributes = Record<string, unknown>;

const first = (attrs: Attributes, keys: string[]) => keys.map((k) => attrs[k]).find((v) => v !== undefined && v !== null && v !== "");

/** Attribute values arrive as JSON values or as JSON text, depending on how the exporter flattened them. */
function decoded(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!t.startsWith("{") && !t.startsWith("[")) return v;
  try {
    return JSON.parse(t);
  } catch {
    return v;
  }
}

function list(v: unknown): string[] {
  const d = decoded(v);
  if (Array.isArray(d)) return d.filter((x): x is string => typeof x === "string");
  if (typeof d === "string" && d) return d.split(",").map((s) => s.trim()).filter(Boolean);
  return [];
}

function record(v: unknown): Record<string, unknown> | null {
  const d = decoded(v);
  return d && typeof d === "object" && !Array.isArray(d) ? (d as Record<string, unknown>) : null;
}

const ACTION = /^AgentCore::Action::"(.+)"$/;

/** A span's call, or null when the text is not a policy-decision span. */
export function callFromSpan(message: string): SpanCall | null {
  let span: { traceId?: unknown; spanId?: unknown; name?: unknown; startTimeUnixNano?: unknown; attributes?: unknown };
  try {
    span = JSON.parse(message) as typeof span;
  } catch {
    return null;
  }
  const attrs = record(span?.attributes);
  const decision = attrs && first(attrs, KEYS.decision);
  if (!attrs || span.name !== POLICY_SPAN_NAME || (decision !== "ALLOW" && decision !== "DENY") || typeof span.traceId !== "string" || typeof span.spanId !== "string") return null;
  const startNs = Number(span.startTimeUnixNano);
  if (!Number.isFinite(startNs) || startNs <= 0) return null;

  const action = first(attrs, KEYS.action);
  const tool = (first(attrs, KEYS.tool) as string | undefined) ?? (typeof action === "string" ? ACTION.exec(action)?.[1] : undefined) ?? null;
  const sub = first(attrs, KEYS.principalId);
  const principal =
    typeof sub === "string"
      ? { type: first(attrs, KEYS.principalType) === "AgentCore::IamEntity" ? ("IamEntity" as const) : ("OAuthUser" as const), sub, claims: record(first(attrs, KEYS.claims)) ?? {} }
      : null;
  const rawArgs = record(first(attrs, KEYS.arguments));
  const args = rawArgs && "input" in rawArgs && Object.keys(rawArgs).length === 1 ? record(rawArgs.input) : rawArgs;
  const mode = first(attrs, KEYS.mode);
  const missing = [...(tool ? [] : [MISSING.tool]), ...(principal ? [] : [MISSING.principal]), ...(args ? [] : [MISSING.arguments])];
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    at: new Date(Math.floor(startNs / 1e6)),
    tool,
    principal,
    arguments: args,
    decision,
    determiningPolicies: list(first(attrs, KEYS.determining)),
    logOnlyMatched: list(first(attrs, KEYS.logOnlyMatched)),
    flips: list(first(attrs, KEYS.flips)),
    mode: mode === "ENFORCE" || mode === "LOG_ONLY" ? mode : "NONE",
    missing,
  };
}

/** The Logs Insights query over the spans log group for one gateway's policy decisions, oldest first. */
export function spansQuery(gatewayArn: string, limit: number): string {
  const quoted = JSON.stringify(gatewayArn);
  return `fields @timestamp, @message | filter name = "${POLICY_SPAN_NAME}" and \`attributes.aws.resource.arn\` = ${quoted} | sort @timestamp asc | limit ${limit}`;
}
