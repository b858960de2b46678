import "server-only";
import { bareToolName } from "@/lib/agentcore/names";
import type { ControlPlane, EnginePolicy, GatewayDetail, McpUpstream, Tool } from "@/lib/agentcore/types";
import { AppError } from "@/lib/errors";
import { textProblem } from "@/lib/json-limits";
import { readCapped } from "@/lib/http/read-capped";
import type { Db } from "@/lib/store/db";
import { findClient } from "@/lib/store/clients";
import { recordDecisions, recordedResponse, writeInBackground, type NewDecision } from "@/lib/store/decisions";
import { localGatewayFingerprint } from "@/lib/store/gateway-state";
import { MAX_MESSAGE_BYTES, parseJsonRpcText, readMessage, rpcError, rpcResult, RPC, tooLargeError, type JsonRpcId, type JsonRpcResponse } from "@/lib/mcp/json-rpc";
import type { LocalTool } from "@/lib/simulation/types";
import { localAnswer } from "@/lib/targets/local-answer";
import { createUpstreamPool, type UpstreamPool } from "@/lib/targets/mcp-upstream";
import { deniedError, resultFields, textFields, toolResult } from "@/lib/mcp/responses";
import { readToolCallParams } from "@/lib/mcp/tool-call";
import { MISSING_SESSION, SESSION_HEADER } from "@/lib/dogwood/session";
import { authorizerFor, type PolicyDecision } from "./authorize-call";
import { PolicySessions } from "./policy-sessions";
import { batchingWriter, coalescingReader } from "./coalesce";
import { TokenError, verifyAccessToken, wwwAuthenticate, type VerifiedToken } from "./tokens";
import { hostPolicy, isAllowedHost, originAllowed, requestHost, type HostPolicy } from "@/lib/http/hosts";
import { isJsonMediaType } from "@/lib/http/media-type";

/**
 * The local MCP gateway: Streamable HTTP, stateless, JSON answers only (a plain `requests` or curl
 * client gets `application/json` whatever its Accept header says). A plain `(Request) => Response`
 * function so the Next route, the tests and the benchmark all run the same code.
 */

export const SUPPORTED_PROTOCOL_VERSIONS = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"] as const;
export const DEFAULT_PROTOCOL_VERSION = "2025-06-18";
/** The console's own bound on a policy session id; AgentCore's is not documented. */
const MAX_SESSION_ID = 256;

export interface GatewayDeps {
  db: Db;
  controlPlane: ControlPlane;
  /** The token issuer (`<console>/oauth2`), checked on every call. */
  issuer: string;
  /** The host names the gateway answers to; default: the issuer's and the loopback names. */
  hosts?: HostPolicy;
  maxBodyBytes?: number;
  /** Forwards calls to MCP server targets; default: a pool of this handler's own. */
  upstreams?: UpstreamPool;
  /** The gateway's policy sessions (default: this handler's own, with the default bounds). */
  sessions?: PolicySessions;
}

export type McpHandler = (req: Request, gatewayId?: string) => Promise<Response>;

interface Snapshot {
  gateway: GatewayDetail;
  /** The engine's policies in force (status ACTIVE), or the reason they could not be read. */
  policies: EnginePolicy[] | { error: string };
  /** Who answers each tool (by MCP name): the MCP server it is forwarded to, or the gateway itself. */
  answers: Map<string, { upstream: McpUpstream } | { local: LocalTool }>;
  /** The MCP server targets, by target name. */
  upstreams: Map<string, McpUpstream>;
}

interface CallContext extends Snapshot {
  tools: Map<string, Tool>;
  token: VerifiedToken;
  persona: string | null;
  /** The `x-amzn-bedrock-agentcore-policy-session-id` header, if sent. */
  sessionId: string | null;
}

/** Answers that need an HTTP status of their own (a single message only; a batch is always 200). */
const statusOf = new WeakMap<JsonRpcResponse, number>();

export function createMcpHandler(deps: GatewayDeps): McpHandler {
  const maxBytes = deps.maxBodyBytes ?? MAX_MESSAGE_BYTES;
  const pool = deps.upstreams ?? createUpstreamPool();
  const sessions = deps.sessions ?? new PolicySessions();
  const hosts = deps.hosts ?? hostPolicy(new URL(deps.issuer).origin);
  // client id → persona name; a client never changes persona, so this never goes stale.
  const personaOf = new Map<string, string | null>();

  async function personaFor(clientId: string | undefined): Promise<string | null> {
    if (!clientId) return null;
    if (personaOf.has(clientId)) return personaOf.get(clientId)!;
    const client = await findClient(clientId, deps.db);
    const persona = client?.persona ?? null;
    if (personaOf.size > 10_000) personaOf.clear();
    personaOf.set(clientId, persona);
    return persona;
  }

  // The gateway and its policies, re-read from the control plane only when the store's fingerprint
  // of them changed (one small query per call instead of four).
  const snapshots = new Map<string, { fingerprint: string; snapshot: Snapshot }>();
  async function readFull(gatewayId: string): Promise<Snapshot> {
    const gateway = await deps.controlPlane.getGateway(gatewayId);
    const upstreams = new Map((await deps.controlPlane.localTargets?.mcpUpstreams(gatewayId))?.map((u) => [u.targetName, u]) ?? []);
    const answers: Snapshot["answers"] = new Map();
    for (const t of gateway.targets) {
      const upstream = upstreams.get(t.name);
      for (const tool of t.tools) {
        const own = bareToolName(tool.name);
        const template = t.responseTemplates?.[own];
        answers.set(tool.name, upstream ? { upstream } : { local: { target: t.name, tool: own, answeredBy: t.answeredBy === "template" ? "template" : "demo", ...(template === undefined ? {} : { template }) } });
      }
    }
    const base = { gateway, answers, upstreams };
    if (!gateway.policyEngine) return { ...base, policies: [] };
    try {
      const all = await deps.controlPlane.listPolicies(gateway.policyEngine.policyEngineId);
      return { ...base, policies: all.filter((p) => p.status === "ACTIVE" || p.status === "UPDATING") };
    } catch (e) {
      return { ...base, policies: { error: e instanceof Error ? e.message : String(e) } };
    }
  }
  // Every caller gets a read that started after it arrived (see coalesce.ts).
  const readSnapshot = coalescingReader(async (gatewayId: string): Promise<Snapshot> => {
    const fingerprint = await localGatewayFingerprint(deps.db, gatewayId);
    const hit = snapshots.get(gatewayId);
    if (fingerprint !== null && hit?.fingerprint === fingerprint) return hit.snapshot;
    // The gateway is gone: so are the connections kept for its MCP server targets.
    if (fingerprint === null) for (const old of hit?.snapshot.upstreams.values() ?? []) pool.forget(old);
    const snapshot = await readFull(gatewayId);
    // A target deleted, or its URL or headers changed: its kept-alive connection goes.
    for (const old of hit?.snapshot.upstreams.values() ?? []) {
      const now = snapshot.upstreams.get(old.targetName);
      if (!now || now.url !== old.url || JSON.stringify(now.headers) !== JSON.stringify(old.headers)) pool.forget(old);
    }
    if (fingerprint !== null) snapshots.set(gatewayId, { fingerprint, snapshot });
    else snapshots.delete(gatewayId);
    return snapshot;
  });
  const record = batchingWriter((entries: NewDecision[]) => recordDecisions(entries, deps.db));

  // Verified tokens by header value, until they expire: verifying ES256 costs more than the rest of a call.
  const verified = new Map<string, VerifiedToken>();
  async function verify(authorization: string | null, gatewayId: string): Promise<VerifiedToken> {
    const key = authorization ? `${gatewayId} ${authorization}` : "";
    const hit = key ? verified.get(key) : undefined;
    if (hit && (hit.payload.exp ?? 0) > Date.now() / 1000) return hit;
    const token = await verifyAccessToken(deps.db, authorization, { issuer: deps.issuer, gatewayId });
    if (verified.size >= 5_000) verified.clear();
    verified.set(key, token);
    return token;
  }

  return async function handle(req, gatewayIdArg) {
    try {
      const gatewayId = gatewayIdArg ?? gatewayIdFromUrl(req.url);
      if (req.method !== "POST") {
        // Stateless server: no server-to-client SSE stream (GET) and no sessions to end (DELETE).
        return json(rpcError(null, RPC.INVALID_REQUEST, `Method ${req.method} is not allowed; POST JSON-RPC messages to this URL.`), 405, { Allow: "POST" });
      }
      if (!isAllowedHost(requestHost(req.headers, hosts), hosts)) {
        return json(rpcError(null, RPC.INVALID_REQUEST, "This gateway does not answer to that host name."), 421);
      }
      if (!originAllowed(req.headers.get("origin"), hosts)) {
        return json(rpcError(null, RPC.INVALID_REQUEST, "Requests from another origin are not allowed."), 403);
      }
      const declared = Number(req.headers.get("content-length") ?? "0");
      if (declared > maxBytes) return tooLarge(maxBytes);

      if (!isJsonMediaType(req.headers.get("content-type"))) {
        return json(rpcError(null, RPC.INVALID_REQUEST, "Send JSON-RPC messages with Content-Type: application/json."), 415);
      }

      if (deps.controlPlane.kind !== "local") {
        return json(rpcError(null, RPC.INVALID_REQUEST, "The MCP gateway runs in the local workspace only; on AWS, call the gateway's own URL."), 404);
      }
      if (!gatewayId || textProblem(gatewayId)) return json(rpcError(null, RPC.INVALID_REQUEST, "No gateway id in the URL: POST to /mcp/<gatewayId>."), 404);
      // The token first: a caller without one learns nothing, not even whether the gateway exists.
      let token: VerifiedToken;
      try {
        token = await verify(req.headers.get("authorization"), gatewayId);
      } catch (e) {
        if (!(e instanceof TokenError)) throw e;
        return json(rpcError(null, RPC.INVALID_REQUEST, `Unauthorized: ${e.message}`), 401, { "WWW-Authenticate": wwwAuthenticate(gatewayId, e) });
      }
      let snapshot: Snapshot;
      try {
        snapshot = await readSnapshot(gatewayId);
      } catch (e) {
        if (e instanceof AppError && e.status === 404) return json(rpcError(null, RPC.INVALID_REQUEST, `No gateway with id "${gatewayId.slice(0, 128)}".`), 404);
        throw e;
      }
      const { gateway } = snapshot;

      const text = await readCapped(req, maxBytes);
      if (text === null) return tooLarge(maxBytes);
      const parsed = parseJsonRpcText(text);
      if (!parsed.ok) return json(parsed.error, 400);
      const message = parsed.value;

      const tools = new Map(gateway.targets.flatMap((t) => t.tools.map((tool) => [tool.name, tool] as const)));
      const sessionId = req.headers.get(SESSION_HEADER);
      const ctx: CallContext = { ...snapshot, tools, token, persona: await personaFor(token.clientId), sessionId };

      if (Array.isArray(message)) {
        if (message.length === 0) return json(rpcError(null, RPC.INVALID_REQUEST, "Invalid Request: an empty batch."), 400);
        const answers: JsonRpcResponse[] = [];
        for (const m of message) {
          const a = await handleMessage(m, ctx);
          if (a) answers.push(a);
        }
        return answers.length ? json(answers, 200) : new Response(null, { status: 202 });
      }
      const answer = await handleMessage(message, ctx);
      if (!answer) return new Response(null, { status: 202 });
      const status = statusOf.get(answer) ?? ("error" in answer && answer.error.code === RPC.INVALID_REQUEST ? 400 : 200);
      return json(answer, status);
    } catch (e) {
      console.error("[mcp] internal error:", e instanceof Error ? e.message : e);
      return json(rpcError(null, RPC.INTERNAL_ERROR, "Internal error in the local gateway; the details were logged."), 500);
    }
  };

  /** One JSON-RPC message → its response, or null for notifications and client responses. */
  async function handleMessage(m: unknown, ctx: CallContext): Promise<JsonRpcResponse | null> {
    const msg = readMessage(m);
    if (msg.kind === "invalid") return msg.error;
    // notifications/initialized, notifications/cancelled, …: accepted, no answer; client responses likewise.
    if (msg.kind !== "request") return null;
    const { id, params } = msg;

    switch (msg.method) {
      case "initialize": {
        const requested = params.protocolVersion;
        const protocolVersion =
          typeof requested === "string" && (SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(requested) ? requested : DEFAULT_PROTOCOL_VERSION;
        return rpcResult(id, {
          protocolVersion,
          capabilities: { tools: { listChanged: false } },
          serverInfo: { name: ctx.gateway.name, version: "1.0.0" },
        });
      }
      case "ping":
        return rpcResult(id, {});
      case "tools/list": {
        const live = await liveTools(ctx);
        const visible = listedTools(ctx, live.map((t) => t.name));
        return rpcResult(id, { tools: live.filter((t) => visible.has(t.name)) });
      }
      case "tools/call":
        return callTool(id, params, ctx);
      default:
        return rpcError(id, RPC.METHOD_NOT_FOUND, `Method not found: ${msg.method.slice(0, 100)}`);
    }
  }

  /**
   * With the engine in ENFORCE, a principal sees only the tools some call of which its policies could
   * permit (AgentCore's meta action; lib/cedar/listing.ts). LOG_ONLY enforces nothing, so it hides nothing.
   */
  function listedTools(ctx: CallContext, names: string[]): Set<string> {
    if (ctx.gateway.policyEngine?.mode !== "ENFORCE") return new Set(names);
    if ("error" in ctx.policies) return new Set();
    const principal = { type: "OAuthUser" as const, sub: ctx.token.sub, claims: ctx.token.claims };
    // Only tools the target was synchronized with are in the engine's schema: no policy can permit another.
    const known = names.filter((n) => ctx.tools.has(n));
    try {
      return new Set(authorizerFor(ctx.gateway, ctx.policies).listable(principal, known));
    } catch (e) {
      console.error(`[mcp] ${ctx.gateway.gatewayId}: tools/list could not be filtered: ${e instanceof Error ? e.message : String(e)}`);
      return new Set();
    }
  }

  /**
   * The gateway's tools as an agent lists them: each MCP server target's live `tools/list` (names
   * prefixed `<Target>___`, everything else as the server sent it), the others as the target defines
   * them. A server that cannot answer is listed with its tools as last synchronized, and logged.
   */
  async function liveTools(ctx: CallContext): Promise<Array<Record<string, unknown> & { name: string }>> {
    const lists = await Promise.all(
      ctx.gateway.targets.map(async (t) => {
        const upstream = ctx.upstreams.get(t.name);
        const stored = t.tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }));
        if (!upstream) return stored;
        const answer = await pool.listTools(upstream);
        if (!answer.ok) {
          console.error(`[mcp] ${ctx.gateway.gatewayId}: tools/list of target ${t.name}: ${answer.error.message}`);
          return stored;
        }
        return answer.result.flatMap((tool) =>
          typeof tool === "object" && tool !== null && typeof (tool as { name?: unknown }).name === "string"
            ? [{ ...(tool as Record<string, unknown>), name: `${t.name}___${(tool as { name: string }).name}` }]
            : [],
        );
      }),
    );
    return lists.flat();
  }

  async function callTool(id: JsonRpcId, params: Record<string, unknown>, ctx: CallContext): Promise<JsonRpcResponse> {
    const read = readToolCallParams(id, params, ctx.tools);
    if (!read.ok) return read.error;
    const { tool: name, args } = read;

    const principal = { type: "OAuthUser" as const, sub: ctx.token.sub, claims: ctx.token.claims };
    const engine = ctx.gateway.policyEngine;
    let verdict: PolicyDecision;
    if (!engine) {
      verdict = { decision: "ALLOW", determiningPolicies: [], errors: [], logOnlyMatched: [], flips: [] };
    } else {
      try {
        if ("error" in ctx.policies) throw new Error(`The engine's policies could not be read: ${ctx.policies.error}`);
        const authorizer = authorizerFor(ctx.gateway, ctx.policies);
        if (authorizer.temporal) {
          const refused = sessionProblem(id, ctx.sessionId);
          if (refused) return refused;
          const open = sessions.open({ gatewayId: ctx.gateway.gatewayId, sub: ctx.token.sub, sessionId: ctx.sessionId! }, authorizer.engine, authorizer.temporalKey, Date.now() / 1000);
          if (!open.ok && open.reason !== "full") return withStatus(rpcError(id, RPC.INVALID_REQUEST, open.message), 409);
          verdict = open.ok
            ? authorizer.authorize({ principal, tool: name, args }, open.session)
            : { decision: "DENY", determiningPolicies: [], errors: [open.message], logOnlyMatched: [], flips: [] };
        } else {
          verdict = authorizer.authorize({ principal, tool: name, args });
        }
      } catch (e) {
        // Fail closed: a policy set that cannot be read or compiled decides nothing, so nothing is permitted.
        const message = e instanceof Error ? e.message : String(e);
        console.error(`[mcp] ${ctx.gateway.gatewayId}: policies could not be evaluated: ${message}`);
        verdict = { decision: "DENY", determiningPolicies: [], errors: [message], logOnlyMatched: [], flips: [] };
      }
    }
    const mode = engine ? engine.mode : "NONE";
    const blocked = mode === "ENFORCE" && verdict.decision === "DENY";
    const entry: NewDecision = {
      gatewayId: ctx.gateway.gatewayId,
      clientId: ctx.token.clientId ?? null,
      persona: ctx.persona,
      principal,
      tool: name,
      arguments: args,
      decision: verdict.decision,
      determiningPolicies: verdict.determiningPolicies,
      logOnlyMatched: verdict.logOnlyMatched,
      flips: verdict.flips,
      mode,
      blocked,
      sessionId: ctx.sessionId,
      sessionCall: verdict.sessionCall ?? null,
      temporal: verdict.temporal ?? [],
      errors: verdict.errors,
    };
    // The log is written after the answer is sent: a call never waits for the store. The session
    // records what the tool did before the answer goes, so the session's next call sees it.
    const sent = (answer: JsonRpcResponse, extra: Partial<NewDecision> = {}) => {
      writeInBackground(record({ ...entry, ...extra, response: recordedResponse(answer) }));
      return answer;
    };
    if (blocked) {
      verdict.complete?.({ outcome: "completed" });
      return sent(deniedError(id, verdict.determiningPolicies));
    }
    const answer = ctx.answers.get(name);
    if (answer && "upstream" in answer) {
      // The upstream gets the tool's own name and the arguments as sent; its result or error comes back unchanged.
      const forwarded = await pool.callTool(answer.upstream, bareToolName(name), args);
      const failed = !forwarded.ok || (forwarded.result as { isError?: unknown }).isError === true;
      verdict.complete?.({ outcome: failed ? "failed" : "completed", output: failed ? undefined : resultFields(forwarded.result) });
      const reply: JsonRpcResponse = forwarded.ok ? rpcResult(id, forwarded.result) : { jsonrpc: "2.0", id, error: forwarded.error };
      return sent(reply, forwarded.ok || forwarded.failure === null ? {} : { upstreamError: forwarded.error.message });
    }
    const out = answer ? localAnswer(answer.local, args) : { text: "", isError: true };
    verdict.complete?.({ outcome: out.isError ? "failed" : "completed", output: out.isError ? undefined : textFields(out.text) });
    return sent(toolResult(id, out.text, out.isError));
  }
}

/** Why a call of an engine holding a temporal policy cannot go on: no session id (AgentCore's validation error), or an unusable one. */
function sessionProblem(id: JsonRpcId, sessionId: string | null): JsonRpcResponse | null {
  if (sessionId === null || sessionId.trim() === "") return withStatus(rpcError(id, RPC.INVALID_REQUEST, `${MISSING_SESSION.type}: ${MISSING_SESSION.message}`), MISSING_SESSION.status);
  if (sessionId.length > MAX_SESSION_ID || textProblem(sessionId)) {
    return withStatus(rpcError(id, RPC.INVALID_REQUEST, `${MISSING_SESSION.type}: the ${SESSION_HEADER} header is at most ${MAX_SESSION_ID} characters of text.`), MISSING_SESSION.status);
  }
  return null;
}

function withStatus(answer: JsonRpcResponse, status: number): JsonRpcResponse {
  statusOf.set(answer, status);
  return answer;
}

function gatewayIdFromUrl(url: string): string | undefined {
  const m = /\/mcp\/([^/?#]+)/.exec(new URL(url).pathname);
  return m ? decodeURIComponent(m[1]) : undefined;
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

function tooLarge(maxBytes: number): Response {
  return json(tooLargeError(maxBytes), 413);
}
