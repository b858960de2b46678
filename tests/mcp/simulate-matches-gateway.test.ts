process.env.DATA_DIR = "memory://simulate-matches-gateway";
process.env.AGENTCORE_BACKEND = "local";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as simulateRoute from "@/app/api/gateways/[gatewayId]/simulate/route";
import { getControlPlane } from "@/lib/agentcore";
import type { ControlPlane, GatewayDetail } from "@/lib/agentcore/types";
import { startGatewayServer, type GatewayServer } from "@/lib/gateway/node-server";
import { ensureGatewayClients, type GatewayClient } from "@/lib/store/clients";
import { getDb } from "@/lib/store/db";

/**
 * The simulator and the local gateway read calls with one MCP wire module (lib/mcp), so the same call
 * gets the same bytes from both — the answer of the gateway in each engine mode, errors included.
 */

const REFUND = "RefundTarget___process_refund";
const call = (args: unknown, extra: Record<string, unknown> = {}) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: REFUND, arguments: args }, ...extra });

const TABLE: Array<[string, unknown]> = [
  ["an allowed refund", call({ amount: 500 })],
  ["a refund over the limit", call({ amount: 2000 })],
  ["a string id", { ...call({ amount: 20 }), id: "req-7" }],
  ["a null id", { ...call({ amount: 2500 }), id: null }],
  ["text that is not JSON", "{oops"],
  ["a JSON value that is not an object", "7"],
  ["the wrong jsonrpc version", { ...call({ amount: 1 }), jsonrpc: "1.0" }],
  ["no method", { jsonrpc: "2.0", id: 3 }],
  ["a method that is not a string", { jsonrpc: "2.0", id: 3, method: 42 }],
  ["an id that is an object", { ...call({ amount: 1 }), id: { n: 1 } }],
  ["params that are an array", { jsonrpc: "2.0", id: 4, method: "tools/call", params: [REFUND] }],
  ["no tool name", { jsonrpc: "2.0", id: 5, method: "tools/call", params: { arguments: {} } }],
  ["an unknown tool", { jsonrpc: "2.0", id: 6, method: "tools/call", params: { name: "Nope___x", arguments: {} } }],
  ["arguments that are an array", { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: REFUND, arguments: [1] } }],
  ["an argument of the wrong type", call({ amount: "500" })],
  ["a fractional amount for an integer", call({ amount: 12.5 })],
  ["a missing required argument", call({})],
  ["no arguments at all", { jsonrpc: "2.0", id: 8, method: "tools/call", params: { name: REFUND } }],
  ["an amount Cedar cannot hold", call({ amount: 1e20 })],
  ["an extra argument", call({ amount: 5, note: "extra" })],
  ["a tool answered by its response template", { ...call({ title: "Printer on fire", priority: 2 }), params: { name: "Tickets___open_ticket", arguments: { title: "Printer on fire", priority: 2 } } }],
  ["a template that renders past its cap (an error result)", { ...call({ text: "x" }), params: { name: "Tickets___shout", arguments: { text: "x".repeat(2000) } } }],
  ["a tool on the default echo template", { ...call({}), params: { name: "Tickets___close_ticket", arguments: { id: "T-1" } } }],
];

const TICKET_TOOLS = [
  { name: "open_ticket", description: "Open a ticket", inputSchema: { type: "object", properties: { title: { type: "string" }, priority: { type: "integer" } }, required: ["title"] } },
  { name: "shout", description: "Repeat loudly", inputSchema: { type: "object", properties: { text: { type: "string" } } } },
  { name: "close_ticket", description: "Close a ticket", inputSchema: { type: "object", properties: { id: { type: "string" } } } },
];
// 1,000 copies of a 2,000-character argument: past the 1 MB a template may render to.
const SHOUT = Array.from({ length: 1000 }, () => "{{arguments.text}}").join("");

let server: GatewayServer;
let cp: ControlPlane;
let refund: GatewayDetail;
let agent: GatewayClient;
let token: string;

beforeAll(async () => {
  const db = await getDb();
  cp = await getControlPlane();
  const refundId = (await cp.listGateways()).find((g) => g.name === "RefundGateway")!.gatewayId;
  await cp.createGatewayTarget(refundId, {
    name: "Tickets",
    type: "LAMBDA",
    tools: TICKET_TOOLS,
    responseTemplates: { open_ticket: { ticket: "T-{{arguments.title}}", priority: "{{arguments.priority}}", via: "{{name}}" }, shout: SHOUT },
  });
  refund = await cp.getGateway(refundId);
  await cp.createPolicy(refund.policyEngine!.policyEngineId, {
    name: "tickets_open",
    statement: `permit(principal, action in [AgentCore::Action::"Tickets___open_ticket", AgentCore::Action::"Tickets___shout"], resource);`,
  });
  server = await startGatewayServer({ db, controlPlane: cp });
  agent = (await ensureGatewayClients(refund.gatewayId, db)).find((c) => c.persona === "refund-agent")!;
  const res = await fetch(`${server.url}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: agent.clientId, client_secret: agent.clientSecret }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(() => server?.close());

async function gatewayAnswer(body: unknown): Promise<string> {
  const res = await fetch(`${server.url}/mcp/${refund.gatewayId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return res.text();
}

async function simulated(body: unknown): Promise<{ LOG_ONLY: unknown; ENFORCE: unknown }> {
  // The principal the agent's token carries: its sub, and its claims (client_id included) as tags.
  const principal = { sub: agent.sub, claims: { ...agent.claims, client_id: agent.clientId } };
  const req = new Request(`http://127.0.0.1:3000/api/gateways/${refund.gatewayId}/simulate`, {
    method: "POST",
    headers: { "content-type": "application/json", host: "127.0.0.1:3000" },
    body: JSON.stringify({ calls: [{ principal, request: typeof body === "string" ? body : body }] }),
  });
  const res = await simulateRoute.POST(req, { params: Promise.resolve({ gatewayId: refund.gatewayId }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Array<{ response: { LOG_ONLY: unknown; ENFORCE: unknown } }> }).results[0].response;
}

async function setMode(mode: "ENFORCE" | "LOG_ONLY") {
  await cp.setGatewayPolicyEngine(refund.gatewayId, { policyEngineArn: refund.policyEngine!.policyEngineArn, mode });
}

describe.each(["ENFORCE", "LOG_ONLY"] as const)("with the engine in %s, Simulate answers byte for byte what the local gateway answers", (mode) => {
  beforeAll(() => setMode(mode));

  for (const [what, body] of TABLE) {
    it(what, async () => {
      const [fromGateway, fromSimulator] = await Promise.all([gatewayAnswer(body), simulated(body)]);
      expect(JSON.stringify(fromSimulator[mode])).toBe(fromGateway);
    });
  }
});

describe("a tool with a response template", () => {
  it("answers with the rendered template, in the gateway as in Simulate", async () => {
    await setMode("ENFORCE");
    const body = { jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: "Tickets___open_ticket", arguments: { title: "Printer on fire", priority: 2 } } };
    const answer = await gatewayAnswer(body);
    expect(answer).toBe(
      '{"jsonrpc":"2.0","id":9,"result":{"isError":false,"content":[{"type":"text","text":"{\\"ticket\\":\\"T-Printer on fire\\",\\"priority\\":2,\\"via\\":\\"Tickets___open_ticket\\"}"}]}}',
    );
    expect(JSON.stringify((await simulated(body)).ENFORCE)).toBe(answer);
  });
});
