import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startSampleMcpServer, type SampleServer } from "../scripts/sample-mcp-server/server";
import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { PublishPage } from "./pages/publish-page";
import { TargetsPage } from "./pages/targets-page";

const SECRET = "Bearer e2e-helpdesk-token-9c1d";
let upstream: SampleServer;

// Each story creates a gateway, targets and an engine, and opens the editor: longer than one page's visit.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  upstream = await startSampleMcpServer({ requireHeaders: { authorization: SECRET } });
});
test.afterAll(async () => upstream?.close());

test("a developer puts the console in front of their own MCP server: allowed calls reach it unchanged, denied ones never do", async ({ page, request, offsiteRequests: _ }) => {
  const targets = new TargetsPage(page);
  await targets.newGateway("HelpdeskE2E");
  const gatewayId = targets.gatewayId();

  const dialog = await targets.openAddTarget("MCP server", "Helpdesk");
  await dialog.getByLabel("Server URL (Streamable HTTP)").fill(upstream.url);
  await dialog.getByRole("button", { name: "Add header" }).click();
  await dialog.getByLabel("Header 1 name").fill("Authorization");
  await dialog.getByLabel("Header 1 value").fill(SECRET);
  await targets.submitTarget("Helpdesk");
  await expect(targets.tool("Helpdesk___get_ticket")).toBeVisible();
  await expect(targets.tool("Helpdesk___escalate_ticket")).toBeVisible();
  await expect(targets.target("Helpdesk")).toContainText("Bearer ••••9c1d");
  await expect(page.getByText(SECRET)).toHaveCount(0);

  await targets.createEngine("ENFORCE");

  const ws = new PolicyWorkspacePage(page);
  await ws.openFor("HelpdeskE2E");
  await ws.setText('@id("read_tickets")\npermit(principal, action == AgentCore::Action::"Helpdesk___get_ticket", resource);\n');
  await ws.expectClean();
  await ws.expectSaved();
  const pub = new PublishPage(page);
  await pub.reviewFromWorkspace();
  await pub.publish("Agents may read tickets");
  await expect(pub.result).toContainText(/Published as version \d+/);

  // An agent, with the MCP SDK's client and a token of the gateway's own OAuth endpoint.
  const connect = await (await request.get(`/api/gateways/${gatewayId}/connect`)).json();
  const agent = connect.clients.find((c: { persona: string }) => c.persona === "refund-agent");
  const tokenRes = await request.post(connect.tokenEndpoint, { form: { grant_type: "client_credentials", client_id: agent.clientId, client_secret: agent.clientSecret } });
  const { access_token } = await tokenRes.json();
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(connect.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${access_token}` } } }));
  upstream.calls.length = 0;

  const allowed = await client.callTool({ name: "Helpdesk___get_ticket", arguments: { ticketId: "TCK-100200" } });
  await expect(client.callTool({ name: "Helpdesk___escalate_ticket", arguments: { ticketId: "TCK-100200", level: "tier3", reason: "now" } })).rejects.toMatchObject({ code: -32002 });
  expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["Helpdesk___get_ticket"]);
  await client.close();

  // The server's own record (GET /__calls): the allowed call arrived as sent, the denied one never did.
  const calls = await (await fetch(upstream.url.replace(/\/mcp$/, "/__calls"))).json();
  expect(calls.map((c: { tool: string; arguments: unknown; authorized: boolean }) => [c.tool, c.arguments, c.authorized])).toEqual([["get_ticket", { ticketId: "TCK-100200" }, true]]);

  // And its answer came back exactly as the server gives it.
  const direct = await fetch(upstream.url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", Authorization: SECRET },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "get_ticket", arguments: { ticketId: "TCK-100200" } } }),
  }).then((r) => r.json());
  expect(JSON.stringify(allowed)).toBe(JSON.stringify(direct.result));
});

test("a developer pastes inline tools and an OpenAPI document, fixes a refused tool, and sets a tool's response", async ({ page, offsiteRequests: _ }) => {
  const targets = new TargetsPage(page);
  await targets.newGateway("PasteE2E");

  // A tool AgentCore's Lambda schema refuses: the error names the tool and the field; nothing is created.
  let dialog = await targets.openAddTarget("Inline tools", "Orders");
  const refused = [{ name: "get_order", description: "Read an order", inputSchema: { type: "object", properties: { status: { type: "string", enum: ["open", "shipped"] } } } }];
  await dialog.getByLabel("Tool definitions (JSON array)", { exact: true }).fill(JSON.stringify(refused, null, 2));
  await dialog.getByRole("button", { name: "Add target" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Tool 1 (get_order)");
  await expect(dialog.getByRole("alert")).toContainText("inputSchema.properties.status");
  await expect(dialog.getByRole("alert")).toContainText('"enum" is not part of AgentCore\'s Lambda tool schema');

  const fixed = [{ name: "get_order", description: "Read an order", inputSchema: { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] } }];
  await dialog.getByLabel("Tool definitions (JSON array)", { exact: true }).fill(JSON.stringify(fixed, null, 2));
  await targets.submitTarget("Orders");
  await expect(targets.tool("Orders___get_order")).toBeVisible();

  dialog = await targets.openAddTarget("OpenAPI", "Pets");
  await dialog.getByLabel("OpenAPI document (JSON or YAML)", { exact: true }).fill(readFileSync("tests/fixtures/openapi/petstore.yaml", "utf8"));
  await targets.submitTarget("Pets");
  await expect(targets.tool("Pets___listPets")).toBeVisible();

  const tool = targets.tool("Orders___get_order");
  await tool.getByText("Response template (default: echo)").click();
  await tool.getByLabel("Response template of get_order").fill('{"orderId": "{{arguments.orderId}}", "status": "shipped"}');
  await tool.getByRole("button", { name: "Save template" }).click();
  await expect(tool.getByRole("status")).toContainText("Saved");
  await expect(tool.getByText("Response template (custom)")).toBeVisible();
});

test("a developer renames a gateway (a taken name is refused in the dialog), exports it, deletes a target, then the gateway", async ({ page, offsiteRequests: _ }) => {
  const targets = new TargetsPage(page);
  await targets.newGateway("LifecycleE2E");
  const gatewayId = targets.gatewayId();
  for (const [target, tool] of [
    ["Scratch", "ping"],
    ["Keep", "get_status"],
  ]) {
    const dialog = await targets.openAddTarget("Inline tools", target);
    await dialog.getByLabel("Tool definitions (JSON array)", { exact: true }).fill(JSON.stringify([{ name: tool, description: "A tool", inputSchema: { type: "object", properties: {} } }]));
    await targets.submitTarget(target);
  }

  // Rename: a name another gateway has is refused with the server's words, and the dialog stays open to fix it.
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  const rename = page.getByRole("dialog", { name: "Rename LifecycleE2E" });
  await rename.getByLabel("Name").fill("RefundGateway");
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(rename.getByRole("alert")).toContainText('A gateway named "RefundGateway" already exists');
  await rename.getByLabel("Name").fill("LifecycleRenamed");
  await rename.getByLabel("Description (optional)").fill("Renamed in the console");
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "LifecycleRenamed" })).toBeVisible();
  expect(targets.gatewayId(), "the id stays the same").toBe(gatewayId);

  // Export: the file has the new name and both targets.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("LifecycleRenamed.gateway.json");
  const exported = JSON.parse(readFileSync(await file.path(), "utf8"));
  expect(exported.gateway.name).toBe("LifecycleRenamed");
  expect(exported.targets.map((t: { name: string }) => t.name).sort()).toEqual(["Keep", "Scratch"]);

  // Delete a target: its tools leave the gateway; the other stays.
  await targets.target("Scratch").getByRole("button", { name: "Delete" }).click();
  const deleteTarget = page.getByRole("dialog", { name: "Delete target Scratch?" });
  await deleteTarget.getByRole("button", { name: "Delete Scratch" }).click();
  await expect(deleteTarget).toBeHidden();
  await expect(targets.target("Scratch")).toHaveCount(0);
  await expect(targets.tool("Scratch___ping")).toHaveCount(0);
  await expect(targets.tool("Keep___get_status")).toBeVisible();

  // Delete the gateway: back on the list, without it.
  await page.getByRole("button", { name: "Delete gateway" }).click();
  const deleteGateway = page.getByRole("dialog", { name: "Delete LifecycleRenamed?" });
  await deleteGateway.getByRole("button", { name: "Delete LifecycleRenamed" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("table").getByTestId("gateway-status").first()).toBeVisible();
  await expect(page.getByRole("table")).not.toContainText("LifecycleRenamed");
});
