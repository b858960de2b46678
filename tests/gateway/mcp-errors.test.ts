import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueAccessToken } from "@/lib/gateway/tokens";
import { call, REFUND, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const rpc = async (res: Response) => ({ status: res.status, body: await res.json() });

describe("token endpoint (client-credentials, like Cognito)", () => {
  it("issues a Bearer token from a form body or HTTP Basic", async () => {
    const c = await h.client("support-viewer");
    const form = await fetch(`${h.server.url}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.clientSecret}`,
    });
    expect(form.status).toBe(200);
    const body = await form.json();
    expect(Object.keys(body)).toEqual(["access_token", "token_type", "expires_in"]);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    const claims = JSON.parse(Buffer.from(body.access_token.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ sub: "support-viewer", client_id: c.clientId, role: "support-viewer", aud: h.refund.gatewayId, iss: `${h.server.url}/oauth2` });

    const basic = await fetch(`${h.server.url}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString("base64")}` },
      body: "grant_type=client_credentials",
    });
    expect(basic.status).toBe(200);
  });

  it("refuses a wrong secret, an unknown grant and a missing grant with OAuth error codes", async () => {
    const c = await h.client("admin");
    const post = (body: string) =>
      fetch(`${h.server.url}/oauth2/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
    const wrong = await post(`grant_type=client_credentials&client_id=${c.clientId}&client_secret=nope`);
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe("invalid_client");
    const grant = await post(`grant_type=password&client_id=${c.clientId}&client_secret=${c.clientSecret}`);
    expect(grant.status).toBe(400);
    expect((await grant.json()).error).toBe("unsupported_grant_type");
    expect((await (await post(`client_id=${c.clientId}`)).json()).error).toBe("invalid_request");
    const json = await fetch(`${h.server.url}/oauth2/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(json.status).toBe(400);
  });
});

describe("token errors on the MCP endpoint", () => {
  it("answers a missing token with 401 and a Bearer challenge without an error code", async () => {
    const res = await h.post(call(REFUND, { amount: 500 }), { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(`Bearer realm="${h.refund.gatewayId}"`);
  });

  it("answers a malformed or forged token with 401 invalid_token", async () => {
    for (const token of ["not-a-jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."]) {
      const res = await h.post(call(REFUND, { amount: 500 }), { token });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="[^"]+", error="invalid_token"/);
    }
    const res = await h.post(call(REFUND, { amount: 500 }), { token: null, headers: { Authorization: "Basic abc" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/error="invalid_request"/);
  });

  it("answers an expired token with 401 invalid_token saying it expired", async () => {
    const c = await h.client("refund-agent");
    const { token } = await issueAccessToken(h.db, c, { issuer: `${h.server.url}/oauth2`, now: Math.floor(Date.now() / 1000) - 7200 });
    const res = await h.post(call(REFUND, { amount: 500 }), { token });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/error="invalid_token", error_description="The access token expired\."/);
  });

  it("refuses a token issued for another gateway", async () => {
    const res = await h.post(call(REFUND, { amount: 500 }), { token: await h.token("refund-agent", h.orders) });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/another gateway/);
  });
});

describe("JSON-RPC errors", () => {
  it("-32700 for malformed JSON", async () => {
    const { status, body } = await rpc(await h.post('{"jsonrpc":"2.0",'));
    expect(status).toBe(400);
    expect(body).toEqual({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error: the body is not valid JSON." } });
  });

  it("-32600 for messages that are not JSON-RPC requests", async () => {
    for (const bad of ['"hello"', "42", "[]", '{"jsonrpc":"1.0","id":1,"method":"ping"}', '{"jsonrpc":"2.0","id":1}', '{"jsonrpc":"2.0","id":{},"method":"ping"}']) {
      const { status, body } = await rpc(await h.post(bad));
      expect(status, bad).toBe(400);
      expect(body.error.code, bad).toBe(-32600);
    }
  });

  it("-32601 for an unknown method", async () => {
    const { status, body } = await rpc(await h.post({ jsonrpc: "2.0", id: 5, method: "resources/list" }));
    expect(status).toBe(200);
    expect(body).toEqual({ jsonrpc: "2.0", id: 5, error: { code: -32601, message: "Method not found: resources/list" } });
  });

  it("-32602 for an unknown tool, a missing name, and arguments that do not match the input schema", async () => {
    const cases: Array<[unknown, string, string?]> = [
      [call("RefundTarget___nope", {}), "Unknown tool: RefundTarget___nope"],
      [{ jsonrpc: "2.0", id: 1, method: "tools/call", params: {} }, 'Invalid params: "name" (the tool to call) is required.'],
      [call(REFUND, {}), "Invalid arguments for tool RefundTarget___process_refund: amount: is required"],
      [call(REFUND, { amount: "500" }), 'Invalid arguments for tool RefundTarget___process_refund: amount: expected integer, got string "500"'],
      [call(REFUND, { amount: 5.5 }), "Invalid arguments for tool RefundTarget___process_refund: amount: expected integer, got number 5.5"],
      [call(REFUND, [500]), 'Invalid arguments for tool RefundTarget___process_refund: "arguments" must be an object.'],
      [call("OrdersTarget___list_orders", { status: "lost" }), 'status: must be one of "pending", "shipped", "delivered", "cancelled", got "lost"', "orders"],
      [
        call("OrdersTarget___create_order", { customerId: "c1", total: 10, items: [{ sku: "A", quantity: "2" }], shippingAddress: { line1: "x", city: "y" } }),
        'items[0].quantity: expected integer, got string "2"; shippingAddress.country: is required',
        "orders",
      ],
    ];
    for (const [body, message, gw] of cases) {
      const gateway = gw === "orders" ? h.orders : h.refund;
      const res = await rpc(await h.post(body, { gateway, token: await h.token("admin", gateway) }));
      expect(res.status).toBe(200);
      expect(res.body.error.code, message).toBe(-32602);
      expect(res.body.error.message).toContain(message);
    }
  });

  it("413 for a body over 1 MB, without reading it all", async () => {
    const big = JSON.stringify(call(REFUND, { amount: 500, pad: "x".repeat(1024 * 1024) }));
    const res = await h.post(big);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/exceeds 1 MB/);
  });

  it("405 for GET (no server-sent stream); a caller without a token learns nothing about an unknown gateway", async () => {
    const get = await fetch(h.mcpUrl(), { headers: { Authorization: `Bearer ${await h.token()}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const res = await fetch(`${h.server.url}/mcp/nope-123`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(res.status).toBe(401);
    const known = await fetch(h.mcpUrl(), { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect([known.status, await known.text()]).toEqual([res.status, await res.text().then((t) => t.replace("nope-123", h.refund.gatewayId))]);
  });

  it("keeps serving after a burst of garbage", async () => {
    const junk = ["", "{", "null", "[1,2]", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"x"}', "\u0000\u0001", '{"__proto__":{"x":1}}'];
    const results = await Promise.all(junk.map((b) => h.post(b)));
    for (const r of results) expect([200, 400]).toContain(r.status);
    const ok = await h.post(call(REFUND, { amount: 500 }));
    expect(ok.status).toBe(200);
  });

  it("refuses a browser request from another origin", async () => {
    const res = await h.post(call(REFUND, { amount: 500 }), { headers: { Origin: "http://evil.example" } });
    expect(res.status).toBe(403);
  });
});
