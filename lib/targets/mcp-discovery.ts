import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { AnswerTooLarge, capResponse } from "./capped-response";
import { formatBytes, GATEWAY_LIMITS, MCP_TARGET_PROTOCOL_VERSIONS } from "./limits";
import { checkMcpServerConfig, displayUrl, type McpServerConfig } from "./mcp-server-config";
import { networkCode, networkReason, STALE_SOCKET } from "./network-errors";
import { assertNoErrors, describeProblem, hasErrors, type TargetProblem } from "./problems";
import { checkToolDefinitions, type ToolDefinition } from "./tool-definition";

/**
 * Tool discovery for an MCP server target, as AgentCore synchronizes one: `initialize`, then
 * `tools/list` following every `nextCursor`, through the MCP SDK's client over Streamable HTTP.
 * Each failure is a specific AppError naming the URL (never the headers); the tools are checked
 * with the rules of every target (tool-definition.ts), so a tool AgentCore would refuse is
 * reported, by name, instead of being dropped.
 */

export interface DiscoveryOptions {
  /** The target's name, for the 256-character rule on `<Target>___<tool>`. */
  targetName?: string;
  /** Each request: initialize and every tools/list page. */
  requestTimeoutMs?: number;
  /** The whole discovery. */
  totalTimeoutMs?: number;
  maxPages?: number;
}

export interface McpDiscovery {
  /** The URL as messages show it (no query). */
  url: string;
  serverInfo: { name: string; version: string };
  protocolVersion: string;
  tools: ToolDefinition[];
  problems: TargetProblem[];
}

const DEFAULTS = { requestTimeoutMs: 15_000, totalTimeoutMs: 60_000, maxPages: 200 };
// tools/list pages are read as data: the SDK's ListToolsResultSchema would refuse a whole page for one odd tool.
const ToolsPage = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

interface Observed {
  network?: unknown;
  status?: number;
  contentType?: string | null;
  tooLarge?: boolean;
}

export async function discoverMcpTools(config: McpServerConfig, options: DiscoveryOptions = {}): Promise<McpDiscovery> {
  const configProblems = checkMcpServerConfig(config);
  if (hasErrors(configProblems)) throw new AppError("mcp-server-invalid-config", configProblems.map(describeProblem).join(" "), { problems: configProblems });
  const { requestTimeoutMs, totalTimeoutMs, maxPages } = { ...DEFAULTS, ...options };
  const url = displayUrl(config.url);
  const observed: Observed = {};
  const deadline = AbortSignal.timeout(totalTimeoutMs);
  const transport = new StreamableHTTPClientTransport(new URL(config.url), {
    requestInit: { headers: config.headers ?? {} },
    fetch: observingFetch(observed, GATEWAY_LIMITS.toolPayloadBytes),
  });
  const client = new Client({ name: "policy-studio", version: "1.0.0" }, { capabilities: {} });
  const requestOptions = { timeout: requestTimeoutMs, signal: deadline };
  const fail = (phase: string, e: unknown) => classify(e, observed, { url, phase, seconds: (deadline.aborted ? totalTimeoutMs : requestTimeoutMs) / 1000, hasHeaders: Boolean(config.headers && Object.keys(config.headers).length) });

  try {
    try {
      await client.connect(transport, requestOptions);
    } catch (e) {
      throw fail("initialize", e);
    }
    const protocolVersion = transport.protocolVersion ?? "";
    if (!(MCP_TARGET_PROTOCOL_VERSIONS as readonly string[]).includes(protocolVersion)) {
      throw new AppError(
        "mcp-server-unsupported",
        `The MCP server at ${url} speaks MCP ${protocolVersion || "of an unknown version"}; AgentCore Gateway supports ${MCP_TARGET_PROTOCOL_VERSIONS.join(", ")}.`,
        { url },
      );
    }
    if (!client.getServerCapabilities()?.tools) {
      throw new AppError("mcp-server-unsupported", `The MCP server at ${url} offers no tools (its initialize answer has no tools capability); AgentCore needs an MCP server with tools.`, { url });
    }

    const listed: unknown[] = [];
    const cursors = new Set<string>();
    let cursor: string | undefined;
    for (let page = 1; ; page++) {
      if (page > maxPages) throw new AppError("mcp-server-unsupported", `The MCP server at ${url} kept paging tools/list past ${maxPages} pages; discovery stopped.`, { url });
      let answer: z.infer<typeof ToolsPage>;
      try {
        answer = await client.request({ method: "tools/list", params: cursor ? { cursor } : {} }, ToolsPage, requestOptions);
      } catch (e) {
        throw fail(page === 1 ? "tools/list" : `tools/list (page ${page})`, e);
      }
      listed.push(...answer.tools);
      if (listed.length > GATEWAY_LIMITS.toolsPerTarget) {
        throw new AppError(
          "mcp-server-unsupported",
          `The MCP server at ${url} lists more than ${GATEWAY_LIMITS.toolsPerTarget} tools (${listed.length} after ${page} page${page === 1 ? "" : "s"}); AgentCore's default limit is ${GATEWAY_LIMITS.toolsPerTarget} tools per target.`,
          { url },
        );
      }
      cursor = answer.nextCursor;
      if (!cursor) break;
      if (cursors.has(cursor)) throw new AppError("mcp-server-not-mcp", `The MCP server at ${url} answered tools/list with a cursor it had already sent; discovery stopped.`, { url });
      cursors.add(cursor);
    }

    const checked = checkToolDefinitions(listed, { dialect: "mcp", targetName: options.targetName });
    const version = client.getServerVersion();
    return { url, serverInfo: { name: version?.name ?? "", version: version?.version ?? "" }, protocolVersion, tools: checked.tools, problems: checked.problems };
  } finally {
    await client.close().catch(() => {});
  }
}

/** The error a route answers when the discovered tools include some AgentCore would refuse. */
export function assertDiscoveredTools(discovery: McpDiscovery): void {
  assertNoErrors("tool-definitions-invalid", `The MCP server at ${discovery.url} lists tools AgentCore would refuse, so the target was not created.`, discovery.problems);
}

/** Records what the transport's POSTs met on the wire, so a failure can be named precisely. */
function observingFetch(observed: Observed, maxBytes: number): (url: string | URL, init?: RequestInit) => Promise<Response> {
  return async (url, init) => {
    const isPost = init?.method === "POST";
    let res: Response;
    try {
      res = await fetch(url, init).catch((e) => {
        // A kept-alive connection the server closed (it restarted since the last discovery): every
        // discovery request only reads, so it is sent once more on a new connection.
        if (!STALE_SOCKET.has(networkCode(e) ?? "")) throw e;
        return fetch(url, init);
      });
    } catch (e) {
      if (isPost) observed.network = e;
      throw e;
    }
    if (!isPost) return res;
    observed.network = undefined;
    observed.status = res.status;
    observed.contentType = res.headers.get("content-type");
    try {
      return capResponse(res, maxBytes);
    } catch (e) {
      observed.tooLarge = true;
      throw e;
    }
  };
}

function classify(e: unknown, observed: Observed, at: { url: string; phase: string; seconds: number; hasHeaders: boolean }): AppError {
  const { url, phase } = at;
  const details = { url, phase };
  const name = (e as { name?: unknown })?.name;
  if (e instanceof AppError) return e;
  if (observed.tooLarge || e instanceof AnswerTooLarge || (e as { cause?: unknown })?.cause instanceof AnswerTooLarge) {
    return new AppError(
      "mcp-server-answer-too-large",
      `The MCP server at ${url} answered ${phase} with more than ${formatBytes(GATEWAY_LIMITS.toolPayloadBytes)}, AgentCore's limit for one tool-list payload.`,
      details,
    );
  }
  if ((e instanceof McpError && e.code === ErrorCode.RequestTimeout) || name === "TimeoutError") {
    return new AppError("mcp-server-timeout", `The MCP server at ${url} did not answer ${phase} within ${at.seconds} s.`, details);
  }
  if (observed.network !== undefined) {
    return new AppError("mcp-server-unreachable", `The MCP server at ${url} could not be reached (${networkReason(observed.network)}).`, details);
  }
  if (e instanceof StreamableHTTPError) {
    const status = observed.status ?? e.code;
    if (status === 401 || status === 403) {
      const help = at.hasHeaders ? "Check the target's headers (e.g. Authorization)." : "It probably needs an Authorization header: add it to the target's headers.";
      return new AppError("mcp-server-auth-refused", `The MCP server at ${url} refused the request (HTTP ${status}). ${help}`, { ...details, status });
    }
    if (e.code === -1) {
      return new AppError("mcp-server-not-mcp", `${url} answered ${phase} with ${observed.contentType ?? "an unknown content type"}, not JSON-RPC: it is not an MCP endpoint (MCP servers usually serve at a path such as /mcp).`, details);
    }
    return new AppError("mcp-server-not-mcp", `${url} answered ${phase} with HTTP ${status}: it is not an MCP endpoint, or not one that accepts this request.`, { ...details, status });
  }
  if (e instanceof McpError) {
    if (phase.startsWith("tools/list") && e.code === ErrorCode.MethodNotFound) {
      return new AppError("mcp-server-unsupported", `The MCP server at ${url} does not implement tools/list.`, details);
    }
    return new AppError("mcp-server-not-mcp", `The MCP server at ${url} answered ${phase} with JSON-RPC error ${e.code}: ${e.message.replace(/^MCP error -?\d+: /, "").slice(0, 300)}`, details);
  }
  if (e instanceof SyntaxError || name === "ZodError" || name === "$ZodError") {
    return new AppError("mcp-server-not-mcp", `${url} answered ${phase} with something that is not a JSON-RPC message: it is not an MCP endpoint.`, details);
  }
  const message = e instanceof Error ? e.message : String(e);
  if (/protocol version is not supported/i.test(message)) {
    return new AppError("mcp-server-unsupported", `The MCP server at ${url} answered with an MCP version AgentCore Gateway does not support (${MCP_TARGET_PROTOCOL_VERSIONS.join(", ")} are).`, details);
  }
  return new AppError("mcp-server-not-mcp", `The MCP server at ${url} could not be used for ${phase}: ${message.slice(0, 300)}`, details);
}
