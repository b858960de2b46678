import http from "node:http";
import { expect, test } from "./fixtures";

/**
 * Through the real server (next start): the console answers only to its own host names, so a page on
 * another site that resolves to 127.0.0.1 (DNS rebinding) can neither read nor change anything.
 */

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with exactly the headers given (fetch would not let a test set Host). */
function raw(baseURL: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  const url = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

test.describe("host names and origins", () => {
  let gatewayId = "";
  test.beforeAll(async ({ request }) => {
    const { gateways } = await (await request.get("/api/gateways")).json();
    gatewayId = gateways.find((g: { name: string }) => g.name === "RefundGateway").gatewayId;
  });

  test("a rebinding page's host gets 421 on pages, reads, mutations, the token endpoint and the MCP gateway", async ({ baseURL }) => {
    const port = new URL(baseURL!).port;
    const evil = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
    const json = { ...evil, "content-type": "application/json" };
    const answers = await Promise.all([
      raw(baseURL!, "GET", `/gateways/${gatewayId}`, evil),
      raw(baseURL!, "GET", `/api/gateways/${gatewayId}/connect`, evil),
      raw(baseURL!, "PUT", `/api/gateways/${gatewayId}/mode`, json, JSON.stringify({ mode: "LOG_ONLY" })),
      raw(baseURL!, "POST", "/oauth2/token", { ...evil, "content-type": "application/x-www-form-urlencoded" }, "grant_type=client_credentials&client_id=x&client_secret=y"),
      raw(baseURL!, "POST", `/mcp/${gatewayId}`, json, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" })),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(421);
      expect(a.body).not.toContain("clientSecret");
    }
    expect(JSON.parse(answers[1].body).error.code).toBe("host-not-allowed");
    // Nothing changed: the gateway is still enforcing.
    const { policyEngine } = JSON.parse((await raw(baseURL!, "GET", `/api/gateways/${gatewayId}`, { host: `127.0.0.1:${port}` })).body);
    expect(policyEngine.mode).toBe("ENFORCE");
  });

  test("a foreign Origin cannot change anything even with the console's own Host, and a null Origin neither", async ({ baseURL }) => {
    const host = new URL(baseURL!).host;
    for (const origin of ["http://evil.example", "null"]) {
      const r = await raw(baseURL!, "PUT", `/api/gateways/${gatewayId}/mode`, { host, origin, "content-type": "application/json" }, JSON.stringify({ mode: "LOG_ONLY" }));
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).error.code).toBe("foreign-origin");
    }
    const token = await raw(baseURL!, "POST", "/oauth2/token", { host, origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" }, "grant_type=client_credentials&client_id=x&client_secret=y");
    expect(token.status).toBe(403);
  });

  test("the loopback names the console listens on are accepted", async ({ baseURL }) => {
    const port = new URL(baseURL!).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) expect((await raw(baseURL!, "GET", "/api/gateways", { host })).status).toBe(200);
  });

  test("pages cannot be framed and say where their content may come from", async ({ baseURL }) => {
    const r = await raw(baseURL!, "GET", "/", { host: new URL(baseURL!).host });
    expect(r.headers["x-frame-options"]).toBe("DENY");
    expect(r.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(r.headers["content-security-policy"]).toContain("default-src 'self'");
  });

  test("TRACE and an undecodable path get a JSON 4xx, not a plain-text 500", async ({ baseURL }) => {
    const host = new URL(baseURL!).host;
    const trace = await raw(baseURL!, "TRACE", "/api/gateways", { host });
    expect(trace.status).toBe(405);
    expect(JSON.parse(trace.body).error.code).toBe("method-not-allowed");
    const bad = await raw(baseURL!, "GET", "/api/gateways/%E0%A4%A", { host });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe("bad-request");
  });
});
