import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertDiscoveredTools, discoverMcpTools } from "@/lib/targets/mcp-discovery";
import { startSampleMcpServer, type SampleServer } from "@/scripts/sample-mcp-server/server";
import { describeProblem } from "@/lib/targets/problems";
import { closedPort, rejection } from "./support";

let sample: SampleServer;
beforeAll(async () => {
  sample = await startSampleMcpServer();
});
afterAll(() => sample?.close());

describe("discovering an MCP server's tools through the MCP SDK client", () => {
  it("initializes and lists the helpdesk tools with their JSON Schemas", async () => {
    const d = await discoverMcpTools({ url: sample.url }, { targetName: "Helpdesk" });
    expect(d).toMatchObject({ url: sample.url, serverInfo: { name: "sample-helpdesk", version: "1.0.0" }, protocolVersion: "2025-11-25", problems: [] });
    expect(d.tools.map((t) => t.name)).toEqual(["create_ticket", "get_ticket", "update_ticket_status", "search_tickets", "escalate_ticket"]);
    expect(d.tools[0].inputSchema).toMatchObject({ type: "object", required: ["title", "priority", "requester"], properties: { priority: { enum: ["low", "normal", "high", "urgent"] } } });
  });

  it("follows every nextCursor: 1,000 tools in pages of 37", async () => {
    const big = await startSampleMcpServer({ toolCount: 1000, pageSize: 37 });
    try {
      const d = await discoverMcpTools({ url: big.url });
      expect(d.tools).toHaveLength(1000);
      expect(d.tools.at(-1)?.name).toBe("bulk_tool_1000");
    } finally {
      await big.close();
    }
  });

  it("refuses more than 1,000 tools, AgentCore's default per target", async () => {
    const absurd = await startSampleMcpServer({ toolCount: 1200, pageSize: 500 });
    try {
      const err = await rejection(discoverMcpTools({ url: absurd.url }));
      expect(err).toMatchObject({ code: "mcp-server-unsupported", status: 400 });
      expect(err.message).toBe(`The MCP server at ${absurd.url} lists more than 1000 tools (1200 after 3 pages); AgentCore's default limit is 1000 tools per target.`);
    } finally {
      await absurd.close();
    }
  });

  it("sends the target's static headers, and says when the server refuses them", async () => {
    const locked = await startSampleMcpServer({ requireHeaders: { authorization: "Bearer s3cret-token-1234" } });
    try {
      const ok = await discoverMcpTools({ url: locked.url, headers: { Authorization: "Bearer s3cret-token-1234" } });
      expect(ok.tools).toHaveLength(5);
      const without = await rejection(discoverMcpTools({ url: locked.url }));
      expect(without).toMatchObject({ code: "mcp-server-auth-refused" });
      expect(without.message).toBe(`The MCP server at ${locked.url} refused the request (HTTP 401). It probably needs an Authorization header: add it to the target's headers.`);
      const wrong = await rejection(discoverMcpTools({ url: locked.url, headers: { Authorization: "Bearer wrong-value-5678" } }));
      expect(wrong.message).toContain("Check the target's headers");
      expect(JSON.stringify(wrong)).not.toContain("wrong-value-5678");
    } finally {
      await locked.close();
    }
  });

  it("works with a server that keeps sessions", async () => {
    const stateful = await startSampleMcpServer({ stateful: true });
    try {
      expect((await discoverMcpTools({ url: stateful.url })).tools).toHaveLength(5);
    } finally {
      await stateful.close();
    }
  });
});

describe("discovery failures name the URL and say what happened", () => {
  it("unreachable: nothing listens on the port", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/mcp`;
    const err = await rejection(discoverMcpTools({ url }));
    expect(err).toMatchObject({ code: "mcp-server-unreachable", status: 400, message: `The MCP server at ${url} could not be reached (connection refused).` });
  });

  it("not MCP: a 404 page", async () => {
    const url = sample.url.replace(/\/mcp$/, "/nope");
    const err = await rejection(discoverMcpTools({ url }));
    expect(err).toMatchObject({ code: "mcp-server-not-mcp", message: `${url} answered initialize with HTTP 404: it is not an MCP endpoint, or not one that accepts this request.` });
  });

  it("not MCP: an HTML page", async () => {
    sample.setFault({ kind: "html" });
    try {
      const err = await rejection(discoverMcpTools({ url: sample.url }));
      expect(err).toMatchObject({ code: "mcp-server-not-mcp" });
      expect(err.message).toBe(`${sample.url} answered initialize with text/html, not JSON-RPC: it is not an MCP endpoint (MCP servers usually serve at a path such as /mcp).`);
    } finally {
      sample.setFault(null);
    }
  });

  it("not MCP: garbage where JSON should be", async () => {
    sample.setFault({ kind: "garbage" });
    try {
      const err = await rejection(discoverMcpTools({ url: sample.url }));
      expect(err).toMatchObject({ code: "mcp-server-not-mcp", message: `${sample.url} answered initialize with something that is not a JSON-RPC message: it is not an MCP endpoint.` });
    } finally {
      sample.setFault(null);
    }
  });

  it("timeout: the server accepts the request and never answers", async () => {
    sample.setFault({ kind: "hang", methods: ["tools/list"] });
    try {
      const err = await rejection(discoverMcpTools({ url: sample.url }, { requestTimeoutMs: 300 }));
      expect(err).toMatchObject({ code: "mcp-server-timeout", message: `The MCP server at ${sample.url} did not answer tools/list within 0.3 s.` });
    } finally {
      sample.setFault(null);
    }
  });

  it("too large: a tools/list page over 6 MB", async () => {
    sample.setFault({ kind: "oversized", methods: ["tools/list"] });
    try {
      const err = await rejection(discoverMcpTools({ url: sample.url }));
      expect(err).toMatchObject({ code: "mcp-server-answer-too-large", message: `The MCP server at ${sample.url} answered tools/list with more than 6 MB, AgentCore's limit for one tool-list payload.` });
    } finally {
      sample.setFault(null);
    }
  });

  it("bad settings are refused before anything is sent, without echoing header values", async () => {
    const err = await rejection(discoverMcpTools({ url: "ftp://127.0.0.1/mcp", headers: { "Bad Header": "x", "X-Key": "line\nbreak-secret" } }));
    expect(err).toMatchObject({ code: "mcp-server-invalid-config" });
    expect(err.message).toBe(
      'url: The URL must be http or https (Streamable HTTP); ftp is not. headers.Bad Header: "Bad Header" is not a valid HTTP header name. headers.X-Key: A header value cannot contain line breaks.',
    );
    expect(err.message).not.toContain("break-secret");
  });
});

describe("tools the server lists are checked like any target's", () => {
  it("reports each tool AgentCore would refuse by position and name, and the target is refused", async () => {
    const odd = await startSampleMcpServer({
      toolCount: 1,
      rawTools: [
        { name: "with_ref", inputSchema: { type: "object", properties: { a: { $ref: "#/$defs/A" } }, $defs: { A: { type: "string" } } } },
        { name: "no schema" },
      ],
    });
    try {
      const d = await discoverMcpTools({ url: odd.url }, { targetName: "Odd" });
      expect(d.tools.map((t) => t.name)).toEqual(["create_ticket"]);
      expect(d.problems.map(describeProblem)).toEqual([
        'Tool 2 (with_ref), inputSchema.$defs: AgentCore does not accept "$defs" in a tool\'s schema: creating or synchronizing the target fails. Have the server return fully resolved, self-contained schemas.',
        'Tool 2 (with_ref), inputSchema.properties.a.$ref: AgentCore does not accept "$ref" in a tool\'s schema: creating or synchronizing the target fails. Have the server return fully resolved, self-contained schemas.',
        'Tool 3 (no schema), name: "no schema" contains characters outside A-Z, a-z, 0-9, "_", "-" and "." (the MCP specification\'s tool-name characters).',
        'Tool 3 (no schema), inputSchema: inputSchema is required: a JSON Schema object with type "object".',
      ]);
      const err = (() => {
        try {
          assertDiscoveredTools(d);
        } catch (e) {
          return e as { code: string; message: string; details: { problems: unknown[] } };
        }
      })();
      expect(err).toMatchObject({ code: "tool-definitions-invalid" });
      expect(err?.message).toMatch(new RegExp(`^The MCP server at ${odd.url} lists tools AgentCore would refuse, so the target was not created\\. Tool 2 \\(with_ref\\)`));
      expect(err?.details.problems).toHaveLength(4);
    } finally {
      await odd.close();
    }
  });
});
