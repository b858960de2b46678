import "server-only";
import type { ControlPlane, EnginePolicy, GatewayDetail, Tool } from "@/lib/agentcore/types";
import { AppError } from "@/lib/errors";
import { textProblem } from "@/lib/json-limits";
import { readCapped } from "@/lib/http/read-capped";
import type { Db } from "@/lib/store/db";
import { findClient } from "@/lib/store/clients";
import { recordDecisions, recordedResponse, type NewDecision } from "@/lib/store/decisions";
import { localGatewayFingerprint } from "@/lib/store/gateway-state";
import { demoToolOutput } from "@/lib/demo/tool-outputs";
import { MAX_MESSAGE_BYTES, parseJsonRpcText, readMessage, rpcError, rpcResult, RPC, tooLargeError, type JsonRpcId, type JsonRpcResponse } from "@/lib/mcp/json-rpc";
import { deniedError, toolResult } from "@/lib/mcp/responses";
import { readToolCallParams } from "@/lib/mcp/tool-call";
import { authorizerFor, type PolicyDecision } from "./authorize-call";
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

export interface GatewayDeps {
  db: Db;
  controlPlane: ControlPlane;
  /** The token issuer (`<console>/oauth2`), checked on every call. */
  issuer: string;
  /** The host names the gateway answers to; default: the issuer's and the loopback names. */
  hosts?: HostPolicy;
  maxBodyBytes?: number;
}

export type McpHandler = (req: Request, gatewayId?: string) => Promise<Response>;

interface Snapshot {
  gateway: GatewayDetail;
  /** The engine's policies in force (status ACTIVE), or the reason they could not be read. */
  policies: EnginePolicy[] | { error: string };
}

interface CallContext {
  gateway: GatewayDetail;
  policies: Snapshot["policies"];
  tools: Map<string, Tool>;
  token: VerifiedToken;
  persona: string | null;
}

export function createMcpHandler(deps: GatewayDeps): McpHandler {
  const maxBytes = deps.maxBodyBytes ?? MAX_MESSAGE_BYTES;
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
    if (!gateway.policyEngine) return { gateway, policies: [] };
    try {
      const all = await deps.controlPlane.listPolicies(gateway.policyEngine.policyEngineId);
      return { gateway, policies: all.filter((p) => p.status === "ACTIVE" || p.status === "UPDATING") };
    } catch (e) {
      return { gateway, policies: { error: e instanceof Error ? e.message : String(e) } };
    }
  }
  // Every caller gets a read that started after it arrived (see coalesce.ts).
  const readSnapshot = coalescingReader(async (gatewayId: string): Promise<Snapshot> => {
    const fingerprint = await localGatewayFingerprint(deps.db, gatewayId);
    const hit = snapshots.get(gatewayId);
    if (fingerprint !== null && hit?.fingerprint === fingerprint) return hit.snapshot;
    const snapshot = await readFull(gatewayId);
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
      const ctx: CallContext = { gateway, policies: snapshot.policies, tools, token, persona: await personaFor(token.clientId) };

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
      const status = "error" in answer && answer.error.code === RPC.INVALID_REQUEST ? 400 : 200;
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
        const visible = listedTools(ctx);
        return rpcResult(id, {
          tools: [...ctx.tools.values()].filter((t) => visible.has(t.name)).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
        });
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
  function listedTools(ctx: CallContext): Set<string> {
    const names = [...ctx.tools.keys()];
    if (ctx.gateway.policyEngine?.mode !== "ENFORCE") return new Set(names);
    if ("error" in ctx.policies) return new Set();
    const principal = { type: "OAuthUser" as const, sub: ctx.token.sub, claims: ctx.token.claims };
    try {
      return new Set(authorizerFor(ctx.gateway, ctx.policies).listable(principal, names));
    } catch (e) {
      console.error(`[mcp] ${ctx.gateway.gatewayId}: tools/list could not be filtered: ${e instanceof Error ? e.message : String(e)}`);
      return new Set();
    }
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
        verdict = authorizerFor(ctx.gateway, ctx.policies).authorize({ principal, tool: name, args });
      } catch (e) {
        // Fail closed: a policy set that cannot be read or compiled decides nothing, so nothing is permitted.
        const message = e instanceof Error ? e.message : String(e);
        console.error(`[mcp] ${ctx.gateway.gatewayId}: policies could not be evaluated: ${message}`);
        verdict = { decision: "DENY", determiningPolicies: [], errors: [message], logOnlyMatched: [], flips: [] };
      }
    }
    const mode = engine ? engine.mode : "NONE";
    const blocked = mode === "ENFORCE" && verdict.decision === "DENY";
    const answer = blocked ? deniedError(id, verdict.determiningPolicies) : toolResult(id, demoToolOutput(name, args));

    await record({
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
      response: recordedResponse(answer),
    });
    return answer;
  }
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
