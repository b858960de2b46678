import "server-only";
import http, { type ClientRequest, type IncomingMessage } from "node:http";
import https from "node:https";
import { formatBytes, GATEWAY_LIMITS } from "./limits";
import { AnswerTooLarge } from "./capped-response";
import { displayUrl } from "./mcp-server-config";
import { networkCode, networkReason, STALE_SOCKET } from "./network-errors";
import { readRpcAnswer, type RpcMessage } from "./rpc-answer";

/**
 * The local gateway's client for MCP server targets: `tools/call` with the original tool name and
 * arguments, answered with the upstream's result or JSON-RPC error exactly as it sent them.
 *
 * It speaks Streamable HTTP itself rather than through the SDK's Client: the SDK rewrites error
 * messages ("MCP error -32602: …") and re-validates results, and a forwarder must do neither; and it
 * uses node:http, which costs a fraction of fetch per request. One connection per upstream (URL +
 * headers) is kept: initialized once (protocol version, session id), then reused, with its own
 * keep-alive agent. It survives the upstream restarting: an expired session (404) is initialized
 * again, and a request that finds its kept-alive sockets closed is sent once more on new ones
 * (a call the upstream received just before it died can so run twice; the restart case is the
 * common one).
 *
 * When the upstream cannot answer — unreachable, too slow, garbage, oversized, refusing the
 * target's credentials — the answer is the gateway's own JSON-RPC error, code -32603 (Internal
 * error; the call did not fail in the client's request but behind the gateway), whose message
 * names the target and the URL and whose `data.reason` says what happened.
 */

export interface UpstreamTarget {
  /** The target's name, as errors name it. */
  targetName: string;
  url: string;
  headers?: Record<string, string>;
}

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export type UpstreamFailure = "unreachable" | "timeout" | "cancelled" | "auth-refused" | "http-error" | "invalid-response" | "too-large";

export type UpstreamAnswer<R = unknown> =
  /** The upstream's `result`, unchanged. */
  | { ok: true; result: R }
  /** The upstream's JSON-RPC `error`, unchanged (`failure` null), or the gateway's error about the upstream. */
  | { ok: false; error: JsonRpcErrorObject; failure: UpstreamFailure | null };

/** JSON-RPC's Internal error: what the gateway answers when the upstream itself could not. */
export const UPSTREAM_ERROR_CODE = -32603;

export interface UpstreamPoolOptions {
  /** How long one call may take, initialization included. */
  timeoutMs?: number;
  /** The largest answer read; AgentCore's limit for a tool call by default. */
  maxAnswerBytes?: number;
}

export interface CallOptions {
  timeoutMs?: number;
  /** Aborts the call (e.g. the gateway's client went away). */
  signal?: AbortSignal;
}

export interface UpstreamPool {
  callTool(target: UpstreamTarget, name: string, args: Record<string, unknown>, options?: CallOptions): Promise<UpstreamAnswer>;
  /** The upstream's tools exactly as it lists them, every page. */
  listTools(target: UpstreamTarget, options?: CallOptions): Promise<UpstreamAnswer<unknown[]>>;
  /** Drops a target's connection (its URL or headers changed, or it was deleted). */
  forget(target: UpstreamTarget): void;
  close(): void;
}

const PROTOCOL_VERSION = "2025-11-25";
const CLIENT_INFO = { name: "policy-studio-gateway", version: "1.0.0" };
const MAX_LIST_PAGES = 200;

interface Connection {
  protocolVersion: string;
  sessionId?: string;
  ready: Promise<void> | null;
  nextId: number;
  agent: http.Agent;
}

class Failure extends Error {
  constructor(
    readonly failure: UpstreamFailure,
    readonly detail: string,
    readonly status?: number,
  ) {
    super(detail);
  }
}

export function createUpstreamPool(options: UpstreamPoolOptions = {}): UpstreamPool {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxAnswerBytes ?? GATEWAY_LIMITS.toolPayloadBytes;
  const connections = new Map<string, Connection>();
  const keyOf = (t: UpstreamTarget) => `${t.url}\n${JSON.stringify(Object.entries(t.headers ?? {}).sort())}`;

  function connectionFor(target: UpstreamTarget): Connection {
    const key = keyOf(target);
    let conn = connections.get(key);
    if (!conn) {
      conn = { protocolVersion: PROTOCOL_VERSION, ready: null, nextId: 1, agent: agentFor(target.url) };
      connections.set(key, conn);
    }
    return conn;
  }

  async function post(target: UpstreamTarget, conn: Connection, message: Record<string, unknown>, call: Call): Promise<IncomingMessage> {
    const body = JSON.stringify(message);
    const headers: Record<string, string | number> = {
      ...target.headers,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": conn.protocolVersion,
      "content-length": Buffer.byteLength(body),
    };
    if (conn.sessionId) headers["mcp-session-id"] = conn.sessionId;
    const send = () =>
      new Promise<IncomingMessage>((resolve, reject) => {
        if (call.aborted) return reject(new CallAborted());
        const req = (target.url.startsWith("https:") ? https : http).request(target.url, { method: "POST", headers, agent: conn.agent }, resolve);
        call.current = req;
        req.on("error", reject);
        req.end(body);
      });
    try {
      return await send();
    } catch (e) {
      if (call.aborted || !STALE_SOCKET.has(networkCode(e) ?? "")) throw e;
      // The upstream closed the kept-alive sockets (it restarted, or timed them out): drop them all.
      conn.agent.destroy();
      conn.agent = agentFor(target.url);
      return send();
    }
  }

  /** One request → its answer message; HTTP-level trouble becomes a Failure. */
  async function request(target: UpstreamTarget, conn: Connection, method: string, params: unknown, call: Call): Promise<RpcMessage> {
    const id = conn.nextId++;
    const res = await post(target, conn, { jsonrpc: "2.0", id, method, params }, call);
    const status = res.statusCode ?? 0;
    if (status === 401 || status === 403) {
      res.resume();
      throw new Failure("auth-refused", `refused the target's credentials (HTTP ${status}); check the target's headers`, status);
    }
    if (status === 404 && conn.sessionId) {
      res.resume();
      throw new SessionExpired();
    }
    const answer = await readRpcAnswer(res, contentType(res), id, maxBytes);
    if (answer.kind === "message") return answer.message;
    if (status < 200 || status > 299) throw new Failure("http-error", `answered ${method} with HTTP ${status}`, status);
    throw new Failure("invalid-response", `answered ${method} with something that is not a JSON-RPC response (HTTP ${status}, ${contentType(res) ?? "no content type"})`, status);
  }

  async function initialize(target: UpstreamTarget, conn: Connection, call: Call): Promise<void> {
    conn.sessionId = undefined;
    conn.protocolVersion = PROTOCOL_VERSION;
    const id = conn.nextId++;
    const res = await post(target, conn, { jsonrpc: "2.0", id, method: "initialize", params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: CLIENT_INFO } }, call);
    const status = res.statusCode ?? 0;
    if (status === 401 || status === 403) {
      res.resume();
      throw new Failure("auth-refused", `refused the target's credentials (HTTP ${status}); check the target's headers`, status);
    }
    const answer = await readRpcAnswer(res, contentType(res), id, maxBytes);
    const result = answer.kind === "message" ? (answer.message.result as { protocolVersion?: unknown } | undefined) : undefined;
    if (!result || typeof result.protocolVersion !== "string") {
      const ok = status >= 200 && status <= 299;
      throw new Failure(ok ? "invalid-response" : "http-error", `answered initialize ${ok ? "with something that is not an MCP initialize result" : `with HTTP ${status}`}`, status);
    }
    conn.protocolVersion = result.protocolVersion;
    const session = res.headers["mcp-session-id"];
    conn.sessionId = typeof session === "string" ? session : undefined;
    (await post(target, conn, { jsonrpc: "2.0", method: "notifications/initialized" }, call)).resume();
  }

  function ready(target: UpstreamTarget, conn: Connection, call: Call): Promise<void> {
    if (!conn.ready) {
      const attempt = initialize(target, conn, call);
      conn.ready = attempt;
      attempt.catch(() => {
        if (conn.ready === attempt) conn.ready = null;
      });
    }
    return conn.ready;
  }

  async function exchange(target: UpstreamTarget, method: string, params: unknown, call: Call): Promise<RpcMessage> {
    const conn = connectionFor(target);
    for (let attempt = 0; ; attempt++) {
      await ready(target, conn, call);
      try {
        return await request(target, conn, method, params, call);
      } catch (e) {
        if (!(e instanceof SessionExpired) || attempt > 0) throw e instanceof SessionExpired ? new Failure("http-error", `answered ${method} with HTTP 404 for a new session`, 404) : e;
        conn.ready = null;
      }
    }
  }

  async function run<R>(target: UpstreamTarget, method: string, options: CallOptions, body: (call: Call) => Promise<UpstreamAnswer<R>>): Promise<UpstreamAnswer<R>> {
    const limit = options.timeoutMs ?? timeoutMs;
    const call = new Call();
    // A plain timer cleared when the call ends: AbortSignal.timeout() keeps each timer alive for its
    // whole duration and costs more than the rest of a forwarded call at a few hundred calls a second.
    const timer = setTimeout(() => call.abort("timeout"), limit);
    const cancel = () => call.abort("cancelled");
    options.signal?.addEventListener("abort", cancel, { once: true });
    try {
      return await body(call);
    } catch (e) {
      return failed(target, method, e, { stopped: call.stopped, seconds: limit / 1000, maxBytes });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", cancel);
    }
  }

  return {
    callTool(target, name, args, options = {}) {
      return run(target, "tools/call", options, async (call) => asAnswer(await exchange(target, "tools/call", { name, arguments: args }, call)));
    },
    listTools(target, options = {}) {
      return run(target, "tools/list", options, async (call) => {
        const tools: unknown[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < MAX_LIST_PAGES; page++) {
          const answer = asAnswer(await exchange(target, "tools/list", cursor ? { cursor } : {}, call));
          if (!answer.ok) return answer;
          const result = answer.result as { tools?: unknown; nextCursor?: unknown };
          if (!Array.isArray(result?.tools)) throw new Failure("invalid-response", "answered tools/list without a tools array");
          tools.push(...result.tools);
          if (tools.length > GATEWAY_LIMITS.toolsPerTarget) throw new Failure("invalid-response", `lists more than ${GATEWAY_LIMITS.toolsPerTarget} tools`);
          cursor = typeof result.nextCursor === "string" && result.nextCursor !== "" ? result.nextCursor : undefined;
          if (!cursor) return { ok: true, result: tools };
        }
        throw new Failure("invalid-response", `kept paging tools/list past ${MAX_LIST_PAGES} pages`);
      });
    },
    forget(target) {
      connections.get(keyOf(target))?.agent.destroy();
      connections.delete(keyOf(target));
    },
    close() {
      for (const c of connections.values()) c.agent.destroy();
      connections.clear();
    },
  };
}

class SessionExpired extends Error {}
class CallAborted extends Error {}

/** One call's lifetime: the request in flight, destroyed when the call times out or is cancelled. */
class Call {
  stopped: "timeout" | "cancelled" | null = null;
  current: ClientRequest | null = null;
  get aborted() {
    return this.stopped !== null;
  }
  abort(why: "timeout" | "cancelled") {
    if (this.stopped) return;
    this.stopped = why;
    this.current?.destroy(new CallAborted());
  }
}

function agentFor(url: string): http.Agent {
  return url.startsWith("https:") ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
}

function contentType(res: IncomingMessage): string | null {
  return res.headers["content-type"] ?? null;
}

function asAnswer(message: RpcMessage): UpstreamAnswer {
  if ("result" in message) return { ok: true, result: message.result };
  const error = message.error as JsonRpcErrorObject;
  if (typeof error !== "object" || error === null || typeof error.code !== "number" || typeof error.message !== "string") {
    throw new Failure("invalid-response", "answered with a malformed JSON-RPC error");
  }
  return { ok: false, error, failure: null };
}

function failed<R>(target: UpstreamTarget, method: string, e: unknown, at: { stopped: Call["stopped"]; seconds: number; maxBytes: number }): UpstreamAnswer<R> {
  const url = displayUrl(target.url);
  const who = `Target "${target.targetName}" (MCP server at ${url})`;
  let failure: UpstreamFailure;
  let message: string;
  let status: number | undefined;
  const tooLarge = e instanceof AnswerTooLarge || (e as { cause?: unknown })?.cause instanceof AnswerTooLarge;
  if (e instanceof Failure) {
    ({ failure, status } = e);
    message = `${who} ${e.detail}.`;
  } else if (tooLarge) {
    failure = "too-large";
    message = `${who} answered ${method} with more than ${formatBytes(at.maxBytes)}, AgentCore's limit for a tool call.`;
  } else if (at.stopped === "timeout") {
    failure = "timeout";
    message = `${who} did not answer ${method} within ${at.seconds} s.`;
  } else if (e instanceof CallAborted && at.stopped === null) {
    // Another call's initialization of the shared connection was cut short by that call's timeout.
    failure = "timeout";
    message = `${who} did not finish initializing in time.`;
  } else if (at.stopped === "cancelled") {
    failure = "cancelled";
    message = `${who}: the ${method} was cancelled before the server answered.`;
  } else {
    failure = "unreachable";
    message = `${who} could not be reached (${networkReason(e)}).`;
  }
  return { ok: false, failure, error: { code: UPSTREAM_ERROR_CODE, message, data: { target: target.targetName, reason: failure, url, ...(status ? { status } : {}) } } };
}
