import { PolicySession, type SessionDecision, type SessionEngine } from "@/lib/dogwood/session";
import type { GuardrailScore } from "@/lib/dogwood/policy-eval";
import { rpcError, RPC, type JsonRpcErrorResponse } from "@/lib/mcp/json-rpc";
import { deniedError, textFields, toolResult } from "@/lib/mcp/responses";
import { readCall, refusedCall, replayCall, requestFor, toolOutputPlaceholder, type ToolOutput } from "./replay";
import type { SimCall, SimGateway, SimResult, SimTool } from "./types";

/** A call of a session: its body and principal, and what it did (all optional). */
export interface SimSessionCall extends SimCall {
  /** Seconds on any fixed clock, or an ISO-8601 time; default: the previous call's time. */
  at?: number | string;
  /** `failed`: the tool ran and failed, so the call records an error event instead of a response. */
  outcome?: "completed" | "failed";
  /** The tool's result fields; default: the demo tool's own output when the workspace runs it, else not known. */
  output?: Record<string, unknown>;
  /** Guardrail scores set for this call; default: no detection. */
  guardrails?: GuardrailScore[];
}

/**
 * Replays an ordered session of calls the way the gateway and its policy engine handle them: each
 * call is read and checked as lib/mcp reads it, decided against what the earlier calls of the same
 * session recorded (lib/dogwood/session.ts), then its result is recorded before the next one. A call
 * the gateway refuses before any policy runs records nothing. A decision the console cannot make is
 * UNDECIDED with what it depends on; the ENFORCE answer is then not known (null).
 */
export function replaySession(engine: SessionEngine, gateway: SimGateway, calls: SimSessionCall[], options: { output?: ToolOutput; sessionId?: string } = {}): SimResult[] {
  const session = new PolicySession(engine, options.sessionId ?? "simulated-session");
  const tools = new Map<string, SimTool>(gateway.tools.map((t) => [t.name, t]));
  return calls.map((call, index): SimResult => {
    const read = readCall(gateway, call.request);
    const refused = (message: string, error: JsonRpcErrorResponse, tool?: string): SimResult => ({ ...refusedCall(message, error, tool), session: { call: index, at: session.skip(call.at), recorded: [], policies: [] } });
    if (!read.ok) return refused(read.error.error.message, read.error);
    const built = requestFor(gateway, call.principal, read);
    if (!built.ok) return refused(built.error, rpcError(read.id, RPC.INVALID_PARAMS, built.error), read.tool);

    const tool = tools.get(read.tool);
    const known = tool?.local && options.output ? options.output(tool.local, read.args) : null;
    const d = session.decide({ request: built.request, args: read.args, at: call.at, guardrails: call.guardrails });
    // A tool that answers with an error records an error event, as the gateway's session does.
    const outcome = call.outcome ?? (known?.isError ? "failed" : "completed");
    session.complete(d, { outcome, output: call.output ?? (known && !known.isError ? textFields(known.text) : undefined), guardrails: call.guardrails });

    const ran = call.outcome === "failed" ? toolResult(read.id, `<${read.tool} failed>`, true) : known ? toolResult(read.id, known.text, known.isError) : toolResult(read.id, toolOutputPlaceholder(read.tool));
    // LOG_ONLY lets every call through; ENFORCE's answer is unknown while the decision is.
    const response = { LOG_ONLY: ran, ENFORCE: d.decision === "ALLOW" ? ran : d.decision === "DENY" ? deniedError(read.id, d.determiningPolicies) : null };
    return {
      decision: d.decision,
      determiningPolicies: d.determiningPolicies,
      errors: d.errors,
      ...(d.decision === "UNDECIDED" ? { dependsOn: d.dependsOn } : {}),
      logOnly: { matched: d.logOnly.matched, flips: d.logOnly.flips, ...(d.logOnly.undecided.length ? { undecided: d.logOnly.undecided } : {}) },
      cedarRequest: built.request,
      response,
      tool: read.tool,
      session: step(d),
    };
  });
}

function step(d: SessionDecision): NonNullable<SimResult["session"]> {
  return { call: d.call, at: d.at, recorded: d.recorded, policies: d.policies, ...(d.outputSuppressedBy ? { outputSuppressedBy: d.outputSuppressedBy } : {}) };
}

/**
 * Independent calls, each its own session with no earlier events. A document without Dogwood
 * policies takes the compiled evaluator's path (lib/simulation/replay.ts) directly.
 */
export function replayCalls(engine: SessionEngine, gateway: SimGateway, calls: SimCall[], output?: ToolOutput): SimResult[] {
  if (engine.dogwood.length === 0) return calls.map((c) => replayCall(engine.plain, gateway, c, output));
  return calls.map((c) => replaySession(engine, gateway, [c], { output })[0]);
}
