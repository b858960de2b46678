import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DecisionLogPage } from "./pages/connect-page";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { SimulationPanel } from "./pages/simulation-panel";

const A = (t: string) => `AgentCore::Action::"OrdersTarget___${t}"`;
const GET = "OrdersTarget___get_order";
const UPDATE = "OrdersTarget___update_order";
const POLICIES = `@id("reads")
permit(principal, action == ${A("get_order")}, resource);

@id("update_after_read")
permit(principal, action == ${A("update_order")}, resource)
when temporal {
  formerly within 1h ${A("get_order")}::response{ eventResource: resource, output.orderId: context.input.orderId }
};
`;
const SESSION_HEADER = "x-amzn-bedrock-agentcore-policy-session-id";

async function ordersId(request: APIRequestContext): Promise<string> {
  const { gateways } = await (await request.get("/api/gateways")).json();
  return gateways.find((g: { name: string }) => g.name === "OrdersGateway").gatewayId;
}

async function publish(request: APIRequestContext, gatewayId: string, text: string) {
  const { draft } = await (await request.get(`/api/gateways/${gatewayId}/policies`)).json();
  const res = await request.post(`/api/gateways/${gatewayId}/publish`, { data: { text, message: "e2e sessions", baseVersion: draft.baseVersion } });
  expect(res.status(), await res.text()).toBe(200);
}

test("a two-call session in Simulate: the gated update is allowed only after the read, and the session is saved as a case", async ({ page, offsiteRequests: _ }) => {
  // A long story: editing, two replays, two session runs and a suite run.
  test.slow();
  const ws = new PolicyWorkspacePage(page);
  const sim = new SimulationPanel(page, ws);
  const suite = `e2e-sessions-${Date.now().toString(36)}`;
  await ws.openFor("OrdersGateway");
  await ws.discardDraft();
  await ws.setText(POLICIES);
  // The temporal policy checks clean; what only the service checks is a note beside the diagnostics.
  await expect(page.getByTestId("problem-count")).toHaveText("0 errors, 0 warnings, 1 note");
  await expect(ws.problems).toContainText("checked by the service when published");
  await expect(page.getByRole("navigation", { name: "Policies in the draft" })).toContainText(/update_after_read\s*Dogwood/);

  // On its own (a new session with no earlier events) the update is denied.
  const alone = await sim.replay(UPDATE, "refund-agent", { orderId: "ord-1001" });
  await expect(alone.getByTestId("sim-decision")).toHaveText("DENY");

  await sim.addToSession(GET, { orderId: "ord-1001" });
  await sim.addToSession(UPDATE, { orderId: "ord-1001" });
  const results = await sim.runSession();
  await expect(results.getByTestId("session-decision-1")).toHaveText("ALLOW");
  await expect(results.getByTestId("session-decision-2")).toHaveText("ALLOW");
  const second = results.getByRole("listitem", { name: "Call 2 result" });
  await expect(second).toContainText("determined by update_after_read");
  await expect(second).toContainText("made true by call 1 (get_order response)");
  await expect(results.getByRole("listitem", { name: "Call 1 result" })).toContainText("Recorded in the session: request, response");

  await sim.session().getByRole("form", { name: "Save session as test case" }).getByLabel("Suite").fill(suite);
  await sim.session().getByRole("button", { name: "Save session as test case" }).click();
  await expect(sim.session().getByRole("status")).toContainText("Saved");

  // Without the read, the same update is denied: the read's response is what made it true.
  await sim.session().getByRole("button", { name: "Remove call 1" }).click();
  const without = await sim.runSession();
  await expect(without.getByTestId("session-decision-1")).toHaveText("DENY");
  await expect(without).toContainText("Recorded in the session: request, error");

  const suites = await sim.runSuite(suite);
  await expect(suites.getByTestId("suite-summary")).toHaveText("Draft: 1 passed, 0 failed · Published: 0 passed, 1 failed");
  await ws.discardDraft();
});

test("the local gateway: a call without a policy session id is refused, the update goes through only after the read, and the decision log says why", async ({ page, request, offsiteRequests: _ }) => {
  const gatewayId = await ordersId(request);
  await publish(request, gatewayId, POLICIES);
  try {
    expect((await request.put(`/api/gateways/${gatewayId}/mode`, { data: { mode: "ENFORCE" } })).status()).toBe(200);
    const connect = await (await request.get(`/api/gateways/${gatewayId}/connect`)).json();
    const client = connect.clients.find((c: { persona: string }) => c.persona === "refund-agent");
    const tokenRes = await request.post(connect.tokenEndpoint, { form: { grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret } });
    const { access_token: token } = await tokenRes.json();
    const session = `e2e-${Date.now().toString(36)}`;
    const callTool = (tool: string, headers: Record<string, string> = { [SESSION_HEADER]: session }) =>
      request.post(connect.mcpUrl, {
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, ...headers },
        data: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool, arguments: { orderId: "ord-1001" } } },
      });

    const missing = await callTool(GET, {});
    expect(missing.status()).toBe(400);
    expect((await missing.json()).error.message).toMatch(/^ValidationException: .*x-amzn-bedrock-agentcore-policy-session-id/);

    expect((await (await callTool(UPDATE)).json()).error.code).toBe(-32002);
    expect((await (await callTool(GET)).json()).result.isError).toBe(false);
    expect((await (await callTool(UPDATE)).json()).result.isError).toBe(false);

    const log = new DecisionLogPage(page);
    await log.open(gatewayId);
    await log.rows().first().getByRole("button", { name: `session ${session} · call 3` }).click();
    await expect(page.getByTestId("session-filter")).toContainText(session);
    await expect(log.rows()).toHaveCount(3);
    await expect(log.rows().first()).toContainText("ALLOW");
    await expect(log.rows().first().getByTestId("temporal-evidence")).toHaveText("update_after_read: made true by call 2 (OrdersTarget___get_order response)");
    await expect(log.rows().last()).toContainText("DENY");
  } finally {
    await request.put(`/api/gateways/${gatewayId}/mode`, { data: { mode: "LOG_ONLY" } });
    await publish(request, gatewayId, "");
    await request.delete(`/api/gateways/${gatewayId}/draft`);
  }
});
