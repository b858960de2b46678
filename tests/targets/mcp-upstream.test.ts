import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createUpstreamPool, UPSTREAM_ERROR_CODE, type UpstreamPool } from "@/lib/targets/mcp-upstream";
import { startSampleMcpServer, type SampleServer } from "@/scripts/sample-mcp-server/server";
import { closedPort } from "./support";

const ticket = { title: "Printer on fire", priority: "urgent", requester: { email: "ops@example.com", team: "support" }, tags: ["hardware"] };

let sample: SampleServer;
let pool: UpstreamPool;
beforeAll(async () => {
  sample = await startSampleMcpServer();
  pool = createUpstreamPool({ timeoutMs: 5_000 });
});
afterAll(async () => {
  pool?.close();
  await sample?.close();
});
const target = () => ({ targetName: "Helpdesk", url: sample.url });

async function direct(url: string, name: string, args: Record<string, unknown>) {
  const client = new Client({ name: "direct", version: "1" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  try {
    return await client.callTool({ name, arguments: args });
  } finally {
    await client.close();
  }
}

describe("forwarding tools/call to an MCP server target", () => {
  it("sends the original tool name and arguments and returns the upstream's result unchanged", async () => {
    sample.calls.length = 0;
    const answer = await pool.callTool(target(), "create_ticket", ticket);
    expect(answer).toEqual({ ok: true, result: await direct(sample.url, "create_ticket", ticket) });
    expect(sample.calls[0]).toMatchObject({ tool: "create_ticket", arguments: ticket });
  });

  it("returns a tool's own error result (isError) unchanged", async () => {
    const answer = await pool.callTool(target(), "create_ticket", { title: "x", priority: "whenever" });
    expect(answer).toMatchObject({ ok: true, result: { isError: true, content: [{ type: "text", text: expect.stringContaining("Invalid arguments for tool create_ticket") }] } });
  });

  it("returns the upstream's JSON-RPC error unchanged, data included", async () => {
    sample.setFault({ kind: "rpc-error", methods: ["tools/call"] });
    try {
      expect(await pool.callTool(target(), "get_ticket", { ticketId: "TCK-1" })).toEqual({
        ok: false,
        failure: null,
        error: { code: -32042, message: "The helpdesk is closed for maintenance", data: { retryAfter: 60 } },
      });
    } finally {
      sample.setFault(null);
    }
  });

  it("keeps one initialized connection per upstream and reuses it", async () => {
    const fresh = await startSampleMcpServer();
    const own = createUpstreamPool();
    try {
      for (let i = 0; i < 5; i++) expect((await own.callTool({ targetName: "T", url: fresh.url }, "get_ticket", { ticketId: `TCK-${i}` })).ok).toBe(true);
      await Promise.all(Array.from({ length: 5 }, () => own.callTool({ targetName: "T", url: fresh.url }, "get_ticket", { ticketId: "TCK-9" })));
      expect(fresh.methodCounts).toEqual({ initialize: 1, "notifications/initialized": 1, "tools/call": 10 });
    } finally {
      await fresh.close();
    }
  });

  it("sends the target's static headers", async () => {
    const locked = await startSampleMcpServer({ requireHeaders: { authorization: "Bearer helpdesk-token-42" } });
    try {
      const ok = await pool.callTool({ targetName: "Locked", url: locked.url, headers: { Authorization: "Bearer helpdesk-token-42" } }, "get_ticket", { ticketId: "TCK-1" });
      expect(ok.ok).toBe(true);
      const refused = await pool.callTool({ targetName: "Locked", url: locked.url, headers: { Authorization: "Bearer stale-token-99" } }, "get_ticket", { ticketId: "TCK-1" });
      expect(refused).toEqual({
        ok: false,
        failure: "auth-refused",
        error: {
          code: UPSTREAM_ERROR_CODE,
          message: `Target "Locked" (MCP server at ${locked.url}) refused the target's credentials (HTTP 401); check the target's headers.`,
          data: { target: "Locked", reason: "auth-refused", url: locked.url, status: 401 },
        },
      });
      expect(JSON.stringify(refused)).not.toContain("stale-token-99");
    } finally {
      await locked.close();
    }
  });

  it("reads answers sent as SSE streams", async () => {
    const sse = await startSampleMcpServer({ sse: true });
    try {
      expect(await pool.callTool({ targetName: "Sse", url: sse.url }, "get_ticket", { ticketId: "TCK-7" })).toEqual({ ok: true, result: await direct(sse.url, "get_ticket", { ticketId: "TCK-7" }) });
    } finally {
      await sse.close();
    }
  });

  it("lists the upstream's tools exactly as it sends them, every page", async () => {
    const paged = await startSampleMcpServer({ toolCount: 12, pageSize: 5 });
    try {
      const answer = await pool.listTools({ targetName: "Paged", url: paged.url });
      expect(answer.ok && answer.result.map((t) => (t as { name: string }).name)).toHaveLength(12);
      const client = new Client({ name: "direct", version: "1" });
      await client.connect(new StreamableHTTPClientTransport(new URL(paged.url)));
      const first = (await client.listTools()).tools[0];
      await client.close();
      expect(answer.ok && answer.result[0]).toEqual(first);
    } finally {
      await paged.close();
    }
  });
});

describe("surviving an upstream that restarts", () => {
  it("a stateless server restarted on the same port: the next call goes through", async () => {
    const first = await startSampleMcpServer();
    const port = first.port;
    const t = { targetName: "Restarts", url: first.url };
    expect((await pool.callTool(t, "get_ticket", { ticketId: "A" })).ok).toBe(true);
    await first.close();
    const second = await startSampleMcpServer({ port });
    try {
      expect((await pool.callTool(t, "get_ticket", { ticketId: "B" })).ok).toBe(true);
      expect(second.calls.map((c) => c.arguments)).toEqual([{ ticketId: "B" }]);
    } finally {
      await second.close();
    }
  });

  it("a server with sessions restarted: the expired session is initialized again", async () => {
    const first = await startSampleMcpServer({ stateful: true });
    const port = first.port;
    const t = { targetName: "Sessions", url: first.url };
    expect((await pool.callTool(t, "get_ticket", { ticketId: "A" })).ok).toBe(true);
    await first.close();
    const second = await startSampleMcpServer({ stateful: true, port });
    try {
      expect((await pool.callTool(t, "get_ticket", { ticketId: "B" })).ok).toBe(true);
      expect(second.methodCounts).toMatchObject({ initialize: 1, "tools/call": 2 });
      expect(second.calls).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it("a connection reset once under a request: sent again on a new connection", async () => {
    sample.calls.length = 0;
    sample.setFault({ kind: "reset", methods: ["tools/call"], count: 1 });
    expect((await pool.callTool(target(), "get_ticket", { ticketId: "TCK-5" })).ok).toBe(true);
    expect(sample.calls).toHaveLength(1);
  });
});

describe("when the upstream cannot answer, the gateway's JSON-RPC error names the target", () => {
  const failure = async (t: { targetName: string; url: string }, options?: { timeoutMs?: number }) => {
    const answer = await pool.callTool(t, "get_ticket", { ticketId: "TCK-1" }, options);
    if (answer.ok) throw new Error("expected a failure");
    return answer;
  };
  const withFault = async (fault: Parameters<SampleServer["setFault"]>[0], options?: { timeoutMs?: number }) => {
    sample.setFault(fault);
    try {
      return await failure(target(), options);
    } finally {
      sample.setFault(null);
    }
  };

  it("unreachable", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/mcp`;
    expect(await failure({ targetName: "Gone", url })).toEqual({
      ok: false,
      failure: "unreachable",
      error: { code: -32603, message: `Target "Gone" (MCP server at ${url}) could not be reached (connection refused).`, data: { target: "Gone", reason: "unreachable", url } },
    });
  });

  it("timeout", async () => {
    const answer = await withFault({ kind: "hang", methods: ["tools/call"] }, { timeoutMs: 300 });
    expect(answer).toMatchObject({ failure: "timeout", error: { code: -32603, message: `Target "Helpdesk" (MCP server at ${sample.url}) did not answer tools/call within 0.3 s.` } });
  });

  it("garbage", async () => {
    const answer = await withFault({ kind: "garbage", methods: ["tools/call"] });
    expect(answer).toMatchObject({
      failure: "invalid-response",
      error: { code: -32603, message: `Target "Helpdesk" (MCP server at ${sample.url}) answered tools/call with something that is not a JSON-RPC response (HTTP 200, application/json).` },
    });
  });

  it("an HTML page", async () => {
    const answer = await withFault({ kind: "html", methods: ["tools/call"] });
    expect(answer.error.message).toBe(`Target "Helpdesk" (MCP server at ${sample.url}) answered tools/call with something that is not a JSON-RPC response (HTTP 200, text/html).`);
  });

  it("oversized", async () => {
    const answer = await withFault({ kind: "oversized", methods: ["tools/call"] });
    expect(answer).toMatchObject({ failure: "too-large", error: { message: `Target "Helpdesk" (MCP server at ${sample.url}) answered tools/call with more than 6 MB, AgentCore's limit for a tool call.` } });
  });

  it("an HTTP error", async () => {
    const answer = await withFault({ kind: "status", status: 502, methods: ["tools/call"] });
    expect(answer).toMatchObject({ failure: "http-error", error: { message: `Target "Helpdesk" (MCP server at ${sample.url}) answered tools/call with HTTP 502.`, data: { status: 502 } } });
  });

  it("and the upstream works again once it recovers", async () => {
    expect((await pool.callTool(target(), "get_ticket", { ticketId: "TCK-2" })).ok).toBe(true);
  });
});
