process.env.DATA_DIR = "memory://gateway-admin-forwarding";
process.env.AGENTCORE_BACKEND = "local";

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getControlPlane } from "@/lib/agentcore";
import { startGatewayServer, type GatewayServer } from "@/lib/gateway/node-server";
import { getDb } from "@/lib/store/db";
import { listDecisions } from "@/lib/store/decisions";
import { startSampleMcpServer, type SampleServer } from "@/scripts/sample-mcp-server/server";
import { agentToken, api } from "./support";

/**
 * The local gateway in front of a real MCP server (the sample helpdesk, with a required Authorization
 * header): an allowed call reaches the server with the tool's own name and arguments and its answer
 * comes back unchanged; a denied call never reaches it; a failing server gets a clear error naming
 * the target, recorded in the decision log. Clients are the MCP SDK's and plain HTTP.
 */

const SECRET = "Bearer helpdesk-secret-77aa";
let upstream: SampleServer;
let server: GatewayServer;
let gatewayId: string;
let token: string;

beforeAll(async () => {
  upstream = await startSampleMcpServer({ requireHeaders: { authorization: SECRET } });
  gatewayId = (await api("POST", "/api/gateways", { name: "HelpdeskGateway" })).body.gatewayId;
  expect((await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Helpdesk", type: "mcp", url: upstream.url, headers: { Authorization: SECRET } })).status).toBe(201);
  expect((await api("POST", `/api/gateways/${gatewayId}/engine`, { name: "HelpdeskEngine", mode: "ENFORCE" })).status).toBe(201);
  const { baseVersion } = (await api("GET", `/api/gateways/${gatewayId}/policies`)).body.draft;
  const text = `@id("read_tickets")\npermit(principal, action == AgentCore::Action::"Helpdesk___get_ticket", resource);\n`;
  expect((await api("POST", `/api/gateways/${gatewayId}/publish`, { text, message: "reads only", baseVersion })).status).toBe(200);

  server = await startGatewayServer({ db: await getDb(), controlPlane: await getControlPlane() });
  token = await agentToken(server.url, gatewayId);
});
afterAll(async () => {
  await server?.close();
  await upstream?.close();
});

async function sdkClient(): Promise<Client> {
  const client = new Client({ name: "test-agent", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp/${gatewayId}`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

const body = (name: string, args: unknown, id = 1) => JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });
const viaGateway = (name: string, args: unknown) =>
  fetch(`${server.url}/mcp/${gatewayId}`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: body(`Helpdesk___${name}`, args) }).then((r) => r.json());
const direct = (name: string, args: unknown) =>
  fetch(upstream.url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", Authorization: SECRET }, body: body(name, args) }).then((r) => r.json());
const setMode = (mode: "ENFORCE" | "LOG_ONLY") => api("PUT", `/api/gateways/${gatewayId}/mode`, { mode });

describe("the local gateway in front of an MCP server", () => {
  it("forwards an allowed call with the tool's own name and arguments, and returns the server's exact result", async () => {
    upstream.calls.length = 0;
    const client = await sdkClient();
    const result = await client.callTool({ name: "Helpdesk___get_ticket", arguments: { ticketId: "TCK-482910" } });
    await client.close();
    expect(upstream.calls.map((c) => [c.tool, c.arguments, c.authorized])).toEqual([["get_ticket", { ticketId: "TCK-482910" }, true]]);
    const expected = await direct("get_ticket", { ticketId: "TCK-482910" });
    expect(JSON.stringify(result)).toBe(JSON.stringify(expected.result));
  });

  it("never forwards a denied call", async () => {
    upstream.calls.length = 0;
    const client = await sdkClient();
    await expect(client.callTool({ name: "Helpdesk___escalate_ticket", arguments: { ticketId: "TCK-1", level: "tier2", reason: "angry" } })).rejects.toMatchObject({ code: -32002 });
    await client.close();
    expect(upstream.calls).toEqual([]);
    const [logged] = await listDecisions(gatewayId, { limit: 1 });
    expect(logged).toMatchObject({ tool: "Helpdesk___escalate_ticket", decision: "DENY", blocked: true, upstreamError: null });
  });

  it("lists the server's live tools, filtered in ENFORCE to those a policy could permit", async () => {
    const client = await sdkClient();
    const { tools } = await client.listTools();
    await client.close();
    expect(tools.map((t) => t.name)).toEqual(["Helpdesk___get_ticket"]);
    await setMode("LOG_ONLY");
    const all = await sdkClient();
    const listed = (await all.listTools()).tools;
    await all.close();
    await setMode("ENFORCE");
    expect(listed.map((t) => t.name)).toHaveLength(5);
    expect(listed.find((t) => t.name === "Helpdesk___create_ticket")?.inputSchema).toMatchObject({ properties: { priority: { enum: ["low", "normal", "high", "urgent"] } } });
  });

  it("lets LOG_ONLY calls through to the server, recording the decision the policies made", async () => {
    await setMode("LOG_ONLY");
    upstream.calls.length = 0;
    const answer = await viaGateway("escalate_ticket", { ticketId: "TCK-1", level: "tier2", reason: "angry" });
    await setMode("ENFORCE");
    expect(answer.result.content[0].text).toBe(JSON.stringify({ ticketId: "TCK-1", escalatedTo: "tier2", paged: false }));
    expect(upstream.calls.map((c) => c.tool)).toEqual(["escalate_ticket"]);
    const [logged] = await listDecisions(gatewayId, { limit: 1 });
    expect(logged).toMatchObject({ decision: "DENY", mode: "LOG_ONLY", blocked: false });
  });

  it("returns the server's JSON-RPC error unchanged", async () => {
    upstream.setFault({ kind: "rpc-error", methods: ["tools/call"], count: 1 });
    const answer = await viaGateway("get_ticket", { ticketId: "TCK-2" });
    expect(answer).toEqual({ jsonrpc: "2.0", id: 1, error: { code: -32042, message: "The helpdesk is closed for maintenance", data: { retryAfter: 60 } } });
  });

  it("answers a server that sends garbage with an error naming the target, and logs it", async () => {
    upstream.setFault({ kind: "html", methods: ["tools/call"], count: 1 });
    const answer = await viaGateway("get_ticket", { ticketId: "TCK-3" });
    expect(answer.error).toMatchObject({ code: -32603, data: { target: "Helpdesk", reason: "invalid-response" } });
    expect(answer.error.message).toBe(`Target "Helpdesk" (MCP server at ${upstream.url}) answered tools/call with something that is not a JSON-RPC response (HTTP 200, text/html).`);
    const [logged] = await listDecisions(gatewayId, { limit: 1 });
    expect(logged).toMatchObject({ decision: "ALLOW", upstreamError: answer.error.message });
    // The gateway keeps serving: the next call goes through.
    expect((await viaGateway("get_ticket", { ticketId: "TCK-4" })).result.content[0].type).toBe("text");
  });
});
