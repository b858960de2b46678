import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { rawRequest } from "./pages/simulation-panel";

const REFUND = "RefundTarget___process_refund";
const refundCall = (amount: number) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: REFUND, arguments: { amount } } });

test("the Impact panel follows the draft, shows each call's arguments, tells a forbid from default deny, and opens a row in Simulate", async ({ page, request, offsiteRequests: _ }) => {
  const ws = new PolicyWorkspacePage(page);
  const suite = `e2e-impact-${Date.now().toString(36)}`;
  const { gateways } = await (await request.get("/api/gateways")).json();
  const refund = gateways.find((g: { name: string }) => g.name === "RefundGateway");
  // The refund-agent persona's own principal, so the opened call selects that persona.
  const agent = { sub: "refund-agent", claims: { role: "refund-agent", department: "support", scope: "refunds:write orders:read" } };
  for (const [name, amount] of [["refund 700", 700], ["refund 40", 40]] as const) {
    const saved = await request.post(`/api/gateways/${refund.gatewayId}/suites`, { data: { suite, name, principal: agent, request: refundCall(amount), expected: "ALLOW" } });
    expect(saved.ok()).toBe(true);
  }

  await ws.openFor("RefundGateway");
  await ws.discardDraft();
  const panel = await ws.openPanel("Impact");
  const summary = panel.getByTestId("impact-summary");
  await expect(summary).toContainText(/^0 of \d+ calls change/);
  const flips = panel.getByRole("list", { name: "Flipped calls" });
  const row = (amount: number) => flips.getByRole("listitem").filter({ hasText: `case: ${suite} / refund ${amount}` });

  // A forbid: the 700 refund flips, and the row says which forbid denies it, with the arguments inline.
  await ws.appendText('\n@id("e2e_no_mid_refunds")\nforbid(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource) when { context.input.amount > 500 };\n');
  await expect(row(700)).toContainText("ALLOW→DENY");
  await expect(row(700)).toContainText('process_refund {"amount":700}');
  await expect(row(700).getByTestId("flip-denial")).toHaveText("denied by forbid e2e_no_mid_refunds");
  await expect(row(40)).toHaveCount(0);

  // A lower limit instead: now no permit applies to 700 (default deny). The panel updated by itself.
  await ws.discardDraft();
  const seed: string = (await (await request.get(`/api/gateways/${refund.gatewayId}/policies`)).json()).draft.text;
  await ws.setText(seed.replace("< 1000", "< 100"));
  await expect(row(700).getByTestId("flip-denial")).toHaveText("denied because no permit applies (default deny)");
  await expect(row(40)).toHaveCount(0);

  // A row opens in Simulate with its caller and body.
  await row(700).getByRole("button", { name: /^Open .* in Simulate$/ }).click();
  const simulate = ws.panel("Simulate");
  await expect(simulate).toBeVisible();
  await expect(simulate.getByRole("combobox", { name: "Persona" })).toHaveValue("refund-agent");
  await expect(await rawRequest(simulate)).toHaveValue(/"amount": 700/);
  await simulate.getByRole("button", { name: "Run against the editor" }).click();
  await expect(simulate.getByRole("region", { name: "Simulation result" }).getByTestId("sim-decision")).toHaveText("DENY");

  await ws.discardDraft();
  expect((await request.delete(`/api/gateways/${refund.gatewayId}/suites?suite=${suite}`)).ok()).toBe(true);
});
