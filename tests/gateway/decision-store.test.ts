import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { addDecisionToSuite } from "@/lib/gateway/decision-to-test-case";
import { getConnectInfo } from "@/lib/gateway/connect";
import { curlCommand } from "@/lib/gateway/curl";
import { exampleArguments } from "@/lib/mcp/example-args";
import { ensureGatewayClients } from "@/lib/store/clients";
import { decisionFacets, listDecisions, MAX_RECORDED_RESPONSE, recentCalls, recordedResponse } from "@/lib/store/decisions";
import { testCases } from "@/lib/store/schema";
import { call, REFUND, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.post(call(REFUND, { amount: 500 }));
  await h.post(call(REFUND, { amount: 2000 }));
  await h.post(call(REFUND, { amount: 700 }), { token: await h.token("support-viewer") });
});
afterAll(async () => h?.close());

describe("decision log queries", () => {
  it("filter by decision, tool, persona and free text, newest first", async () => {
    const gid = h.refund.gatewayId;
    expect((await listDecisions(gid, {}, h.db)).map((d) => d.arguments.amount)).toEqual([700, 2000, 500]);
    expect((await listDecisions(gid, { decision: "DENY" }, h.db)).map((d) => d.arguments.amount)).toEqual([2000]);
    expect(await listDecisions(gid, { tool: "Other___x" }, h.db)).toEqual([]);
    expect((await listDecisions(gid, { persona: "support-viewer" }, h.db)).map((d) => d.persona)).toEqual(["support-viewer"]);
    expect((await listDecisions(gid, { q: "2000" }, h.db)).map((d) => d.arguments.amount)).toEqual([2000]);
    expect((await listDecisions(gid, { q: "REFUND_LIMIT" }, h.db)).length).toBe(2);
    expect(await listDecisions(gid, { q: "100%_" }, h.db)).toEqual([]);
    expect(await decisionFacets(gid, h.db)).toEqual({ tools: [REFUND], personas: ["refund-agent", "support-viewer"] });
  });

  it("give the impact corpus the newest recorded calls with who made them and what happened", async () => {
    const calls = await recentCalls(h.refund.gatewayId, 2, h.db);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      persona: "support-viewer",
      principal: { type: "OAuthUser", sub: "support-viewer", claims: { role: "support-viewer" } },
      tool: REFUND,
      arguments: { amount: 700 },
      decision: "ALLOW",
      mode: "ENFORCE",
    });
  });

  it("turn a recorded call into a test case expecting the recorded decision", async () => {
    const [denied] = await listDecisions(h.refund.gatewayId, { decision: "DENY" }, h.db);
    const tc = await addDecisionToSuite(h.refund.gatewayId, denied.id, {}, h.db);
    expect(tc).toMatchObject({
      suite: "default",
      expected: "DENY",
      principal: denied.principal,
      request: { method: "tools/call", params: { name: REFUND, arguments: { amount: 2000 } } },
    });
    const [row] = await h.db.select().from(testCases).where(eq(testCases.id, tc.id));
    expect(row.gatewayId).toBe(h.refund.gatewayId);
    await expect(addDecisionToSuite(h.orders.gatewayId, denied.id, {}, h.db)).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("clients and connect info", () => {
  it("create one client per default persona once, even when asked concurrently", async () => {
    const [a, b] = await Promise.all([ensureGatewayClients(h.orders.gatewayId, h.db), ensureGatewayClients(h.orders.gatewayId, h.db)]);
    expect(a.map((c) => c.persona).sort()).toEqual(["admin", "refund-agent", "support-viewer"]);
    expect(b.map((c) => c.clientId).sort()).toEqual(a.map((c) => c.clientId).sort());
    expect(a[0].clientId).toMatch(/^[a-z0-9]{26}$/);
  });

  it("describe the endpoints and a curl command that really works", async () => {
    const info = await getConnectInfo(h.refund.gatewayId, { db: h.db, controlPlane: h.cp, publicUrl: h.server.url });
    expect(info.mcpUrl).toBe(`${h.server.url}/mcp/${h.refund.gatewayId}`);
    expect(info.tokenEndpoint).toBe(`${h.server.url}/oauth2/token`);
    expect(info.clients.find((c) => c.persona === "refund-agent")?.claims).toMatchObject({ role: "refund-agent" });
    expect(exampleArguments(info.tools[0].inputSchema)).toEqual({ amount: 500 });
    const c = info.clients[0];
    const cmd = curlCommand({ ...info, clientId: c.clientId, clientSecret: c.clientSecret, tool: info.tools[0] });
    expect(cmd).toContain(`-d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"${REFUND}","arguments":{"amount":500}}}'`);
    expect(cmd).toContain(`client_id=${c.clientId}&client_secret=${c.clientSecret}`);
    if (existsSync("/usr/bin/curl")) {
      // Run it as a user would paste it (async: the gateway serves from this process).
      const { stdout: out } = await promisify(execFile)("sh", ["-c", cmd], { encoding: "utf8", timeout: 20_000 });
      expect(out).toBe(
        '{"jsonrpc":"2.0","id":1,"result":{"isError":false,"content":[{"type":"text","text":"{\\"status\\":\\"success\\",\\"message\\":\\"Refund of $500 processed successfully\\",\\"amount\\":500}"}]}}',
      );
    }
  });

  it("say the connect panel is local-only on AWS", async () => {
    const aws = { ...h.cp, info: async () => ({ kind: "aws" as const, label: "AWS" }) };
    await expect(getConnectInfo(h.refund.gatewayId, { db: h.db, controlPlane: aws, publicUrl: "x" })).rejects.toMatchObject({ code: "not-available", status: 404 });
  });
});

describe("the gateway's answer in the log", () => {
  it("is kept byte for byte as the caller received it, allowed or denied", async () => {
    const denied = await h.post(call(REFUND, { amount: 1500 }));
    const allowed = await h.post(call(REFUND, { amount: 15 }));
    const log = await listDecisions(h.refund.gatewayId, { limit: 2 }, h.db);
    expect(log.map((e) => JSON.stringify(e.response))).toEqual([await allowed.text(), await denied.text()]);
    expect(log[1].response).toMatchObject({ error: { code: -32002 } });
  });

  it("keeps only the beginning of an answer past 16 KB, saying how long it was", () => {
    const big = { jsonrpc: "2.0" as const, id: 1, result: { isError: false, content: [{ type: "text", text: "x".repeat(MAX_RECORDED_RESPONSE) }] } };
    const kept = recordedResponse(big);
    expect(kept).toMatchObject({ truncated: true, length: JSON.stringify(big).length });
    expect("head" in kept && kept.head).toBe(JSON.stringify(big).slice(0, MAX_RECORDED_RESPONSE));
    const small = { ...big, result: { ...big.result, content: [{ type: "text", text: "ok" }] } };
    expect(recordedResponse(small)).toBe(small);
  });
});
