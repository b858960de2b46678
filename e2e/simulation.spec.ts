import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { rawRequest, SimulationPanel } from "./pages/simulation-panel";

const DENIED =
  '{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to no determining policies]"}}';

test("replaying refunds on RefundGateway: decisions, exact gateway responses, a suite, the matrix and the impact of a new limit", async ({ page, request, offsiteRequests: _ }) => {
  const ws = new PolicyWorkspacePage(page);
  const sim = new SimulationPanel(page, ws);
  // Other specs save cases and record calls on RefundGateway too: this one keeps to its own suite.
  const suite = `e2e-refunds-${Date.now().toString(36)}`;
  await ws.openFor("RefundGateway");

  // The body is pre-filled with example arguments that fit the tool's input schema.
  const simulate = await ws.openPanel("Simulate");
  await simulate.getByRole("combobox", { name: "Tool" }).selectOption("RefundTarget___process_refund");
  await expect(await rawRequest(simulate)).toHaveValue(/"name": "RefundTarget___process_refund"[\s\S]*"amount": \d+/);
  await expect(simulate.getByTestId("call-check")).toContainText("the arguments match its input schema");

  const allowed = await sim.replay("RefundTarget___process_refund", "refund-agent", { amount: 500 });
  await expect(allowed.getByTestId("sim-decision")).toHaveText("ALLOW");
  await expect(allowed).toContainText("determined by refund_limit_policy");
  await expect(allowed.getByTestId("cedar-request")).toContainText(/"context": \{\s*"input": \{\s*"amount": 500\s*\}/);
  await expect(allowed.getByTestId("cedar-request")).toContainText('"role": "refund-agent"');
  await expect(allowed.getByTestId("sim-listed")).toContainText("tools/list in ENFORCE shows this tool to this principal");
  await sim.saveCase(allowed, { suite, name: "refund 500" });

  const denied = await sim.replay("RefundTarget___process_refund", "refund-agent", { amount: 2000 });
  await expect(denied.getByTestId("sim-decision")).toHaveText("DENY");
  await expect(denied.getByTestId("response-enforce")).toHaveText(JSON.stringify(JSON.parse(DENIED), null, 2));
  await expect(denied.getByTestId("response-log-only")).toContainText('"isError": false');
  await sim.saveCase(denied, { suite, name: "refund 2000" });

  // Bad arguments are flagged while typing, and get the gateway's specific JSON-RPC error.
  const bad = await sim.replay("RefundTarget___process_refund", "refund-agent", { amount: "lots" });
  await expect(simulate.getByTestId("call-check")).toContainText("amount");
  await expect(bad.getByTestId("response-enforce")).toContainText("-32602");
  await expect(bad.getByTestId("response-enforce")).toContainText("amount");

  // Clicking the determining policy jumps to it in the editor.
  const again = await sim.replay("RefundTarget___process_refund", "refund-agent", { amount: 500 });
  await again.getByRole("button", { name: "refund_limit_policy" }).click();

  const suites = await sim.runSuite(suite);
  await expect(suites.getByTestId("suite-summary")).toHaveText("Draft: 2 passed, 0 failed · Published: 2 passed, 0 failed");
  const { gateways } = await (await request.get("/api/gateways")).json();
  const refund = gateways.find((g: { name: string }) => g.name === "RefundGateway");
  const exported = await (await request.get(`/api/gateways/${refund.gatewayId}/suites/export?suite=${suite}`)).json();
  expect(exported).toMatchObject({ format: "policy-studio-suite/1", suite, cases: [{ name: "refund 500", expected: "ALLOW" }, { name: "refund 2000", expected: "DENY" }] });

  const matrix = await ws.openPanel("Matrix");
  await expect(matrix.getByRole("table", { name: "Decision matrix" })).toContainText("process_refund");
  await matrix.getByRole("button", { name: /RefundTarget___process_refund as admin/ }).click();
  await expect(matrix.getByRole("region", { name: "Why" })).toContainText("Published: ALLOW by refund_limit_policy");

  // Raising the limit in the editor flips the 2000 case, before anything is published.
  await ws.setText(
    '@id("refund_limit_policy")\npermit(\n  principal,\n  action == AgentCore::Action::"RefundTarget___process_refund",\n  resource\n)\nwhen { context.input.amount < 5000 };\n',
  );
  await ws.expectClean();
  // The Impact panel follows the draft by itself.
  const impact = await ws.openPanel("Impact");
  await expect(impact.getByTestId("impact-summary")).toContainText(/\d+ of \d+ calls change: \d+ allow→deny, [1-9]\d* deny→allow/);
  const flips = impact.getByRole("list", { name: "Flipped calls" });
  await expect(flips.getByRole("listitem").filter({ hasText: `case: ${suite} / refund 2000` })).toContainText("DENY→ALLOW");
  await expect(flips.getByRole("listitem").filter({ hasText: `case: ${suite} / refund 500` })).toHaveCount(0);
  const rerun = await sim.runSuite(suite);
  await expect(rerun.getByTestId("suite-summary")).toHaveText("Draft: 1 passed, 1 failed · Published: 2 passed, 0 failed");

  // A principal no policy could ever permit does not even see the tool in tools/list.
  await ws.setText(
    '@id("supervisors_only")\npermit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource)\nwhen { principal.hasTag("role") && principal.getTag("role") == "supervisor" };\n',
  );
  await ws.expectClean();
  const hidden = await sim.replay("RefundTarget___process_refund", "refund-agent", { amount: 5 });
  await expect(hidden.getByTestId("sim-decision")).toHaveText("DENY");
  await expect(hidden.getByTestId("sim-listed")).toContainText("hides this tool from this principal");

  // Leave the workspace as the seed had it.
  await ws.discardDraft();
  expect((await request.delete(`/api/gateways/${refund.gatewayId}/suites?suite=${suite}`)).ok()).toBe(true);
});

test("scripts replay calls through POST /simulate with the same engine", async ({ request }) => {
  const { gateways } = await (await request.get("/api/gateways")).json();
  const refund = gateways.find((g: { name: string }) => g.name === "RefundGateway");
  const call = (amount: unknown) => ({ principal: { sub: "agent-7", claims: { role: "refund-agent" } }, request: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount } } } });
  const res = await request.post(`/api/gateways/${refund.gatewayId}/simulate`, { data: { calls: [call(500), call(2000), { principal: { sub: "x", claims: {} }, request: "{oops" }] } });
  expect(res.ok()).toBe(true);
  const { results } = await res.json();
  expect(results[0]).toMatchObject({ decision: "ALLOW", determiningPolicies: ["refund_limit_policy"], response: { ENFORCE: { result: { isError: false } } } });
  expect(results[1]).toMatchObject({ decision: "DENY", response: { ENFORCE: { error: { code: -32002 } }, LOG_ONLY: { result: { isError: false } } } });
  expect(results[2].response.ENFORCE.error.code).toBe(-32700);
  const custom = await request.post(`/api/gateways/${refund.gatewayId}/simulate`, { data: { policies: 'permit(principal, action in AgentCore::Action::"CallTool", resource);', calls: [call(999999)] } });
  expect((await custom.json()).results[0].decision).toBe("ALLOW");
  const empty = await request.post(`/api/gateways/${refund.gatewayId}/simulate`, { data: { calls: [] } });
  expect(empty.status()).toBe(400);
  expect((await empty.json()).error.message).toContain("at least one call");
});
