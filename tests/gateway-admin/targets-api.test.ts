process.env.DATA_DIR = "memory://gateway-admin-targets";
process.env.AGENTCORE_BACKEND = "local";

import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getControlPlane } from "@/lib/agentcore";
import { createAwsControlPlane } from "@/lib/agentcore/aws";
import { addTarget } from "@/lib/gateway-admin/targets";
import { startSampleMcpServer, type SampleServer } from "@/scripts/sample-mcp-server/server";
import { closedPort } from "../targets/support";
import { api, REFUND_TOOL } from "./support";

/**
 * Adding targets through the JSON API: each kind's good input, every bad input the issue names with
 * its specific message, and nothing half-created — a refused target leaves the gateway as it was.
 */

let upstream: SampleServer;
let bulk: SampleServer;
let tooMany: SampleServer;
let html: Server;
let htmlUrl: string;
let gatewayId: string;

beforeAll(async () => {
  [upstream, bulk, tooMany] = await Promise.all([
    startSampleMcpServer({ requireHeaders: { authorization: "Bearer helpdesk-secret-4f9a" } }),
    startSampleMcpServer({ toolCount: 1000, pageSize: 100 }),
    startSampleMcpServer({ toolCount: 1001, pageSize: 500 }),
  ]);
  html = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><h1>Welcome to nginx!</h1>"));
  await new Promise<void>((resolve) => html.listen(0, "127.0.0.1", () => resolve()));
  htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}/mcp`;
  const created = await api("POST", "/api/gateways", { name: "HelpdeskGateway", description: "Support tools" });
  expect(created.status).toBe(201);
  gatewayId = created.body.gatewayId;
});
afterAll(async () => {
  await Promise.all([upstream?.close(), bulk?.close(), tooMany?.close()]);
  html?.close();
});

const targetNames = async () => ((await api("GET", `/api/gateways/${gatewayId}`)).body.targets as Array<{ name: string }>).map((t) => t.name).sort();

describe("gateways", () => {
  it("are created with AgentCore-shaped ids and ARNs, no engine and no targets", async () => {
    const { body } = await api("GET", `/api/gateways/${gatewayId}`);
    expect(body.gatewayId).toMatch(/^helpdeskgateway-[a-z0-9]{10}$/);
    expect(body.gatewayArn).toBe(`arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/${body.gatewayId}`);
    expect(body).toMatchObject({ name: "HelpdeskGateway", description: "Support tools", status: "READY", policyEngine: null, targetCount: 0, toolCount: 0 });
    expect(body.gatewayUrl).toMatch(new RegExp(`/mcp/${body.gatewayId}$`));
  });

  it("refuse a taken name (409) and a name AgentCore would refuse (400)", async () => {
    expect(await api("POST", "/api/gateways", { name: "HelpdeskGateway" })).toMatchObject({ status: 409, body: { error: { code: "gateway-name-taken" } } });
    const bad = await api("POST", "/api/gateways", { name: "my_gateway" });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "gateway-name-invalid" } } });
    expect(bad.body.error.message).toContain("letters, digits and single hyphens");
  });

  it("are renamed with PATCH and keep their id", async () => {
    const other = (await api("POST", "/api/gateways", { name: "Scratch" })).body;
    const renamed = await api("PATCH", `/api/gateways/${other.gatewayId}`, { name: "Scratch-2", description: "renamed" });
    expect(renamed).toMatchObject({ status: 200, body: { gatewayId: other.gatewayId, name: "Scratch-2", description: "renamed" } });
    expect(await api("PATCH", `/api/gateways/${other.gatewayId}`, { name: "HelpdeskGateway" })).toMatchObject({ status: 409 });
    expect(await api("DELETE", `/api/gateways/${other.gatewayId}`)).toMatchObject({ status: 200, body: { deleted: other.gatewayId } });
    expect(await api("GET", `/api/gateways/${other.gatewayId}`)).toMatchObject({ status: 404 });
  });
});

describe("inline targets", () => {
  it("are created from a tool list, with tools named <Target>___<tool>", async () => {
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "RefundTarget", type: "inline", tools: [REFUND_TOOL] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "RefundTarget", type: "LAMBDA", answeredBy: "template", tools: [{ ...REFUND_TOOL, name: "RefundTarget___process_refund" }], warnings: [] });
  });

  it("refuse a duplicate target name with 409, creating nothing", async () => {
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "RefundTarget", type: "inline", tools: [{ ...REFUND_TOOL, name: "other" }] });
    expect(res).toMatchObject({ status: 409, body: { error: { code: "target-name-taken" } } });
    expect(res.body.error.message).toContain('already has a target named "RefundTarget"');
    expect(await targetNames()).toEqual(["RefundTarget"]);
  });

  it("refuse invalid tool JSON, saying so", async () => {
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Broken", type: "inline", tools: '[{"name": "a",\n  "description": }]' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "tool-definitions-invalid" } } });
    expect(res.body.error.message).toContain("The tool list is not valid JSON");
    expect(await targetNames()).toEqual(["RefundTarget"]);
  });

  it("name the tool and the field of each mistake", async () => {
    const tools = [
      { name: "get_order", description: "Read", inputSchema: { type: "object", properties: { status: { type: "string", enum: ["open"] } } } },
      { name: "bad name!", description: "x", inputSchema: { type: "array" } },
    ];
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Orders", type: "inline", tools });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Tool 1 (get_order), inputSchema.properties.status: "enum" is not part of AgentCore\'s Lambda tool schema');
    const fields = res.body.error.details.problems.map((p: { tool: { name: string }; field: string }) => `${p.tool.name}: ${p.field}`);
    expect(fields).toEqual(expect.arrayContaining(["bad name!: name", "bad name!: inputSchema.type"]));
    expect(await targetNames()).toEqual(["RefundTarget"]);
  });

  it("take a list of 1,000 tools and refuse 1,001", async () => {
    const tool = (i: number) => ({ name: `t${i}`, description: "d", inputSchema: { type: "object", properties: { v: { type: "string" } } } });
    const ok = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Bulk", type: "inline", tools: Array.from({ length: 1000 }, (_, i) => tool(i)) });
    expect(ok.status).toBe(201);
    expect(ok.body.tools).toHaveLength(1000);
    const tooMany = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Bulk2", type: "inline", tools: Array.from({ length: 1001 }, (_, i) => tool(i)) });
    expect(tooMany).toMatchObject({ status: 400, body: { error: { code: "tool-definitions-invalid" } } });
    expect(tooMany.body.error.message).toContain("1001 tools is more than AgentCore's default limit of 1000 tools per target");
    expect(await api("DELETE", `/api/gateways/${gatewayId}/targets/${ok.body.targetId}`)).toMatchObject({ status: 200 });
    expect(await targetNames()).toEqual(["RefundTarget"]);
  });

  it("refuse a target name AgentCore would refuse, with a suggestion", async () => {
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Refund_Target", type: "inline", tools: [REFUND_TOOL] });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "target-name-invalid" } } });
    expect(res.body.error.message).toContain('try "Refund-Target"');
  });
});

describe("OpenAPI targets", () => {
  it("become one tool per operation with an operationId", async () => {
    const spec = readFileSync("tests/fixtures/openapi/petstore.yaml", "utf8");
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Pets", type: "openapi", spec });
    expect(res.status).toBe(201);
    expect(res.body.type).toBe("OPENAPI");
    expect(res.body.tools.map((t: { name: string }) => t.name)).toContain("Pets___listPets");
    expect(res.body.operations.length).toBeGreaterThanOrEqual(res.body.tools.length);
  });

  it("refuse a 5 MB document with AgentCore's inline limit, creating nothing", async () => {
    const spec = `openapi: 3.0.3\ninfo: {title: big, version: "1"}\nservers: [{url: "https://x.example.com"}]\npaths: {}\n# ${"x".repeat(5 * 1024 * 1024)}`;
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Huge", type: "openapi", spec });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "openapi-invalid" } } });
    expect(res.body.error.message).toContain("The OpenAPI document is 5.00 MB; AgentCore accepts at most 1 MB inline.");
    expect(await targetNames()).toEqual(["Pets", "RefundTarget"]);
  });
});

describe("MCP server targets", () => {
  it("discover the server's tools, keep the headers server-side and show them only masked", async () => {
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Helpdesk", type: "mcp", url: upstream.url, headers: { Authorization: "Bearer helpdesk-secret-4f9a" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "MCP_SERVER", answeredBy: "upstream", toolsSource: "synced", mcpServer: { url: upstream.url, headers: { Authorization: "Bearer ••••4f9a" } } });
    expect(res.body.tools.map((t: { name: string }) => t.name)).toEqual([
      "Helpdesk___create_ticket",
      "Helpdesk___get_ticket",
      "Helpdesk___update_ticket_status",
      "Helpdesk___search_tickets",
      "Helpdesk___escalate_ticket",
    ]);
    const detail = await api("GET", `/api/gateways/${gatewayId}`);
    expect(JSON.stringify(detail.body)).not.toContain("helpdesk-secret");
    const list = await api("GET", "/api/gateways");
    expect(JSON.stringify(list.body)).not.toContain("helpdesk-secret");
  });

  it("say when the server cannot be reached", async () => {
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Down", type: "mcp", url: `http://127.0.0.1:${await closedPort()}/mcp` });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "mcp-server-unreachable" } } });
    expect(res.body.error.message).toMatch(/could not be reached \(connection refused\)/);
  });

  it("say when the URL is not an MCP server", async () => {
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Web", type: "mcp", url: htmlUrl });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "mcp-server-not-mcp" } } });
    expect(res.body.error.message).toContain("it is not an MCP endpoint");
  });

  it("say which header the server wants when it refuses the request", async () => {
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "NoAuth", type: "mcp", url: upstream.url });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "mcp-server-auth-refused" } } });
    expect(res.body.error.message).toContain("add it to the target's headers");
  });

  it("take a server listing 1,000 tools over pages and refuse one listing 1,001", async () => {
    const ok = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Bulk", type: "mcp", url: bulk.url });
    expect(ok.status).toBe(201);
    expect(ok.body.tools).toHaveLength(1000);
    const over = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Over", type: "mcp", url: tooMany.url });
    expect(over).toMatchObject({ status: 400, body: { error: { code: "mcp-server-unsupported" } } });
    expect(over.body.error.message).toContain("lists more than 1000 tools");
    await api("DELETE", `/api/gateways/${gatewayId}/targets/${ok.body.targetId}`);
  });

  it("refuse bad settings before anything is sent", async () => {
    const res = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Creds", type: "mcp", url: "http://user:pw@127.0.0.1:1/mcp", headers: { "Content-Type": "x" } });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "mcp-server-invalid-config" } } });
    expect(res.body.error.message).toContain("The URL carries credentials.");
    expect(res.body.error.message).not.toContain("pw@");
    expect(await targetNames()).toEqual(["Helpdesk", "Pets", "RefundTarget"]);
  });
});

describe("response templates", () => {
  it("are set per tool and refused when they name nothing", async () => {
    const refund = (await api("GET", `/api/gateways/${gatewayId}`)).body.targets.find((t: { name: string }) => t.name === "RefundTarget");
    const path = `/api/gateways/${gatewayId}/targets/${refund.targetId}/tools/process_refund/response`;
    const set = await api("PUT", path, { template: { refundId: "R-{{arguments.amount}}", status: "approved" } });
    expect(set).toMatchObject({ status: 200, body: { responseTemplates: { process_refund: { refundId: "R-{{arguments.amount}}" } } } });
    expect(await api("PUT", path, { template: "{{secrets.key}}" })).toMatchObject({ status: 400, body: { error: { code: "response-template-invalid" } } });
    expect(await api("DELETE", path)).toMatchObject({ status: 200, body: { responseTemplates: {} } });
  });
});

describe("on the AWS backend", () => {
  it("gateways and targets are managed in AgentCore: 400, and nothing is sent", async () => {
    const aws = createAwsControlPlane({ region: "us-east-1", endpoint: `http://127.0.0.1:${await closedPort()}`, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    await expect(aws.createGateway({ name: "X" })).rejects.toMatchObject({ code: "managed-in-agentcore", status: 400 });
    await expect(addTarget(aws, "gw", { name: "T", type: "inline", tools: [REFUND_TOOL] }, "me")).rejects.toMatchObject({ code: "managed-in-agentcore" });
    expect((await getControlPlane()).kind).toBe("local");
  });
});
