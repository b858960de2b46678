import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverTools } from "@/lib/agentcore/discover-tools";
import { startHarness, type Harness } from "../gateway/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe("listing a gateway's tools through its MCP endpoint", () => {
  it("returns the tools with their MCP names and input schemas", async () => {
    const tools = await discoverTools(h.mcpUrl(h.orders), await h.token("admin", h.orders));
    expect(tools.map((t) => t.name)).toContain("OrdersTarget___create_order");
    expect(tools.find((t) => t.name === "OrdersTarget___get_order")?.inputSchema).toMatchObject({ required: ["orderId"] });
  });

  it("says the token was rejected, without echoing it", async () => {
    const err = await discoverTools(h.mcpUrl(), "not-a-real-token-abc").catch((e) => e);
    expect(err).toMatchObject({ code: "forbidden" });
    expect(err.message).toMatch(/rejected the token \(HTTP 401\)/);
    expect(err.message).not.toContain("not-a-real-token-abc");
  });

  it("names the host it could not reach", async () => {
    const err = await discoverTools("http://127.0.0.1:9/mcp/x", "t").catch((e) => e);
    expect(err).toMatchObject({ code: "backend-unreachable" });
    expect(err.message).toContain("127.0.0.1:9");
  });

  it("reads a Streamable HTTP answer sent as an SSE stream and follows cursors", async () => {
    const pages = [
      { result: { tools: [{ name: "A___one", inputSchema: { type: "object" } }], nextCursor: "p2" } },
      { result: { tools: [{ name: "A___two", description: "second" }] } },
    ];
    const seen: unknown[] = [];
    const fake: typeof fetch = async (_url, init) => {
      const body = JSON.parse(String(init?.body));
      seen.push(body.params);
      const page = pages[seen.length - 1];
      return new Response(`event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", id: body.id, ...page })}\n\n`, {
        headers: { "content-type": "text/event-stream" },
      });
    };
    const tools = await discoverTools("http://127.0.0.1:1/mcp", "t", fake);
    expect(tools).toEqual([
      { name: "A___one", description: "", inputSchema: { type: "object" } },
      { name: "A___two", description: "second", inputSchema: { type: "object" } },
    ]);
    expect(seen).toEqual([{}, { cursor: "p2" }]);
  });
});
