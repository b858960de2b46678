import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { listDecisions } from "@/lib/store/decisions";
import { call, REFUND, startHarness, type Harness } from "./harness";

const ALLOW_500 =
  '{"jsonrpc":"2.0","id":1,"result":{"isError":false,"content":[{"type":"text","text":"{\\"status\\":\\"success\\",\\"message\\":\\"Refund of $500 processed successfully\\",\\"amount\\":500}"}]}}';
const DENY_NO_DETERMINING =
  '{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to no determining policies]"}}';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe("MCP gateway over HTTP, plain clients", () => {
  it("answers an allowed refund with the exact result bytes, as application/json, whatever Accept says", async () => {
    for (const accept of [undefined, "*/*", "application/json, text/event-stream"]) {
      const res = await h.post(call(REFUND, { amount: 500 }), { headers: accept ? { Accept: accept } : {} });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.text()).toBe(ALLOW_500);
    }
  });

  it("denies a refund over the limit in ENFORCE with the exact -32002 body (HTTP 200)", async () => {
    const res = await h.post(call(REFUND, { amount: 2000 }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(DENY_NO_DETERMINING);
  });

  it("echoes the request id (string ids too) in the deny body", async () => {
    const res = await h.post(call(REFUND, { amount: 2000 }, "call-7"));
    expect(JSON.parse(await res.text())).toEqual({ ...JSON.parse(DENY_NO_DETERMINING), id: "call-7" });
  });

  it("initializes, echoing a supported protocol version, and accepts notifications with 202 and no body", async () => {
    const init = await h.post({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } } });
    expect(init.status).toBe(200);
    const body = await init.json();
    expect(body).toEqual({
      jsonrpc: "2.0",
      id: 0,
      result: { protocolVersion: "2025-06-18", capabilities: { tools: { listChanged: false } }, serverInfo: { name: "RefundGateway", version: "1.0.0" } },
    });
    const old = await (await h.post({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "1999-01-01" } })).json();
    expect(old.result.protocolVersion).toBe("2025-06-18");
    const note = await h.post({ jsonrpc: "2.0", method: "notifications/initialized" });
    expect(note.status).toBe(202);
    expect(await note.text()).toBe("");
  });

  it("lists tools as <Target>___<tool> with their input schemas", async () => {
    const body = await (await h.post({ jsonrpc: "2.0", id: 2, method: "tools/list" }, { gateway: h.orders, token: await h.token("admin", h.orders) })).json();
    expect(body.result.tools.map((t: { name: string }) => t.name).sort()).toEqual([
      "OrdersTarget___cancel_order",
      "OrdersTarget___create_order",
      "OrdersTarget___get_order",
      "OrdersTarget___list_orders",
      "OrdersTarget___update_order",
    ]);
    expect(body.result.tools.find((t: { name: string }) => t.name === "OrdersTarget___get_order").inputSchema.required).toEqual(["orderId"]);
  });

  it("answers a batch with one response per request and none for notifications", async () => {
    const res = await h.post([{ jsonrpc: "2.0", id: 1, method: "ping" }, { jsonrpc: "2.0", method: "notifications/initialized" }, call(REFUND, { amount: 500 }, 2)]);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toHaveLength(2);
    expect(body[0]).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
    expect(body[1].result.isError).toBe(false);
  });

  it("records each call in the decision log with persona, principal, decision and determining policies", async () => {
    await h.post(call(REFUND, { amount: 42 }, 99));
    const [entry] = await listDecisions(h.refund.gatewayId, { q: '"amount": 42' }, h.db);
    expect(entry).toMatchObject({
      persona: "refund-agent",
      principal: { type: "OAuthUser", sub: "refund-agent", claims: { role: "refund-agent", department: "support" } },
      tool: REFUND,
      arguments: { amount: 42 },
      decision: "ALLOW",
      determiningPolicies: ["refund_limit_policy"],
      mode: "ENFORCE",
      blocked: false,
    });
    const denied = await listDecisions(h.refund.gatewayId, { decision: "DENY" }, h.db);
    expect(denied.length).toBeGreaterThan(0);
    expect(denied[0]).toMatchObject({ decision: "DENY", determiningPolicies: [], blocked: true });
  });
});

describe("MCP gateway with the official MCP SDK client", () => {
  it("connects, lists tools, gets the refund result, and sees the denial as an McpError -32002", async () => {
    const token = await h.token();
    const client = new Client({ name: "contract-test", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(h.mcpUrl()), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toMatchObject({ name: "RefundGateway" });
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual([REFUND]);
      const ok = await client.callTool({ name: REFUND, arguments: { amount: 500 } });
      expect(ok).toEqual({
        isError: false,
        content: [{ type: "text", text: '{"status":"success","message":"Refund of $500 processed successfully","amount":500}' }],
      });
      const denied = client.callTool({ name: REFUND, arguments: { amount: 2000 } });
      await expect(denied).rejects.toBeInstanceOf(McpError);
      await expect(denied).rejects.toMatchObject({
        code: -32002,
        message: expect.stringContaining("Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to no determining policies]"),
      });
    } finally {
      await client.close();
    }
  });
});
