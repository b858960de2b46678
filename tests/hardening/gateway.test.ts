import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { rateLimiter } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { listDecisions } from "@/lib/store/decisions";
import { call as toolCall, REFUND, startHarness, type Harness } from "../gateway/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe("the local MCP gateway and token endpoint refuse bad input specifically", () => {
  it("answers -32602 for a NUL character in the arguments, and records nothing", async () => {
    const before = (await listDecisions(h.refund.gatewayId, {}, h.db)).length;
    const res = await h.post(toolCall(REFUND, { amount: 5, note: "a\u0000b" }));
    const body = await res.json();
    expect(body.error).toMatchObject({ code: -32602, message: expect.stringContaining("arguments.note contains a NUL character") });
    expect((await listDecisions(h.refund.gatewayId, {}, h.db)).length).toBe(before);
  });

  it("accepts JSON-RPC only as application/json", async () => {
    const res = await h.post(toolCall(REFUND, { amount: 5 }), { headers: { "Content-Type": "text/plain" } });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe(-32600);
  });

  it("answers a 50 MB chunked token request with 413 before it has read it all", async () => {
    const url = new URL(h.server.url);
    let sent = 0;
    const total = 50 * 1024 * 1024;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method: "POST", path: "/oauth2/token", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        req.destroy();
      });
      req.on("error", (e) => (sent < total ? undefined : reject(e)));
      const chunk = Buffer.alloc(64 * 1024, "a");
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(total);
  });

  it("refuses a client_id with a NUL character as a bad request, not a server error", async () => {
    const res = await fetch(`${h.server.url}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "a\u0000b", client_secret: "x" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("invalid_request");
  });
});

describe("the console's API layer", () => {
  it("does not let a rotated X-Forwarded-For escape the drafting limit unless a proxy is trusted", () => {
    const direct = rateLimiter(2, 60_000, () => false);
    const req = (ip: string) => new Request("http://127.0.0.1:3000/x", { headers: { "x-forwarded-for": ip } });
    direct(req("10.0.0.1"));
    direct(req("10.0.0.2"));
    expect(() => direct(req("10.0.0.3"))).toThrow(/Too many drafting requests/);
    const proxied = rateLimiter(2, 60_000, () => true);
    for (const ip of ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) proxied(req(ip));
  });

  it("logs a failure with its method and path only, never the query or the body", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const handler = route({ query: z.object({ q: z.string() }) }, async () => {
        throw new Error("boom");
      });
      const res = await handler(new Request("http://127.0.0.1:3000/api/gateways/g/decisions?q=secret-claim-value"), { params: Promise.resolve({}) });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: "internal", message: "Something went wrong on the server. The details were logged." } });
      const logged = spy.mock.calls.map((c) => c.join(" ")).join("\n");
      expect(logged).toContain("GET /api/gateways/g/decisions");
      expect(logged).not.toContain("secret-claim-value");
    } finally {
      spy.mockRestore();
    }
  });
});

describe("the console's HTTP server", () => {
  it("answers TRACE-like methods, which Next cannot route, with the API's JSON 405", async () => {
    const { refuseForbiddenMethods } = await import("@/lib/http/forbidden-methods");
    refuseForbiddenMethods();
    const server = http.createServer((_req, res) => res.end("routed"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const send = (method: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method, path: "/api/gateways" }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
        req.end();
      });
    try {
      const trace = await send("TRACE");
      expect(trace.status).toBe(405);
      expect(JSON.parse(trace.body).error.code).toBe("method-not-allowed");
      expect(await send("GET")).toEqual({ status: 200, body: "routed" });
    } finally {
      server.close();
    }
  });
});
