import { expect, test } from "./fixtures";
import { DecisionLogPage } from "./pages/connect-page";
import { callAs } from "./pages/page-quality";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { rawRequest, SimulationPanel } from "./pages/simulation-panel";

const TOOL = "RefundTarget___process_refund";

test("test cases you can tell apart: named by their arguments, numbered when repeated, opened in Simulate, re-run alone, added from the decision log to a chosen suite", async ({ page, request }) => {
  const ws = new PolicyWorkspacePage(page);
  const sim = new SimulationPanel(page, ws);
  // Other specs save cases on RefundGateway too: this one keeps to its own suites.
  const suite = `e2e-names-${Date.now().toString(36)}`;
  const logSuite = `${suite}-log`;
  await ws.openFor("RefundGateway");
  const gatewayId = new URL(page.url()).pathname.split("/")[2];

  // Two calls of one tool saved under their default names: the arguments tell them apart; a repeat is numbered.
  const small = await sim.replay(TOOL, "refund-agent", { amount: 500 });
  await sim.saveCase(small, { suite });
  await expect(small.getByRole("status")).toContainText('Saved “process_refund {"amount":500} as refund-agent” to suite');
  const mid = await sim.replay(TOOL, "refund-agent", { amount: 700 });
  await expect(mid.getByLabel("Case name")).toHaveValue('process_refund {"amount":700} as refund-agent');
  await sim.saveCase(mid, { suite });
  await sim.saveCase(mid, { suite });
  await expect(mid.getByRole("status")).toContainText('Saved “process_refund {"amount":700} as refund-agent (2)”');
  // A name the user typed that the suite already has is refused, not duplicated.
  await mid.getByLabel("Case name").fill('process_refund {"amount":500} as refund-agent');
  await mid.getByRole("button", { name: "Save as test case" }).click();
  await expect(mid.getByRole("status")).toContainText('already has a case named "process_refund {"amount":500} as refund-agent"');

  // The Suites panel: distinguishable names and an Arguments column.
  const suites = await ws.openPanel("Suites");
  await suites.getByRole("combobox", { name: "Suite" }).selectOption(suite);
  const table = suites.getByRole("table", { name: "Test cases" });
  await expect(table.getByRole("columnheader", { name: "Arguments" })).toBeVisible();
  const rows = table.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('process_refund {"amount":500} as refund-agent');
  await expect(rows.nth(0).getByTestId("case-arguments")).toHaveText('{"amount":500}');
  await expect(rows.nth(1).getByTestId("case-arguments")).toHaveText('{"amount":700}');
  await expect(rows.nth(2)).toContainText("(2)");

  // Re-run one case alone: only its row gets a result.
  await suites.getByRole("button", { name: 'Run process_refund {"amount":700} as refund-agent', exact: true }).click();
  await expect(rows.nth(1)).toContainText("pass (ALLOW)");
  await expect(rows.nth(0)).not.toContainText("pass");

  // Open one in Simulate: the panel shows that call.
  await suites.getByRole("button", { name: 'Open process_refund {"amount":500} as refund-agent in Simulate' }).click();
  const simulate = ws.panel("Simulate");
  await expect(simulate).toBeVisible();
  await expect(await rawRequest(simulate)).toHaveValue(/"amount": 500/);

  // From the decision log: a dialog asks for the suite (a new one here) and the expected decision.
  const amount = 3000 + (Date.now() % 1000);
  await callAs(request, gatewayId, "refund-agent", TOOL, { amount });
  const log = new DecisionLogPage(page);
  await log.open(gatewayId);
  await log.search(String(amount));
  const row = log.rows().filter({ hasText: `{"amount":${amount}}` }).first();
  await expect(row).toContainText("DENY");
  await row.getByRole("button", { name: /to test suite$/ }).click();
  const dialog = page.getByRole("dialog", { name: /to a test suite$/ });
  await expect(dialog.getByLabel("Expected decision")).toHaveValue("DENY");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await log.addToSuite(row, { suite: logSuite, expected: "ALLOW" });
  await expect(row.getByRole("status")).toContainText(`Saved to suite “${logSuite}”`);
  await expect(row.getByRole("status")).toContainText(`process_refund {"amount":${amount}} as refund-agent`);

  const { cases } = await (await request.get(`/api/gateways/${gatewayId}/suites?suite=${logSuite}`)).json();
  expect(cases).toMatchObject([{ suite: logSuite, name: `process_refund {"amount":${amount}} as refund-agent`, expected: "ALLOW", request: { params: { arguments: { amount } } } }]);

  for (const s of [suite, logSuite]) expect((await request.delete(`/api/gateways/${gatewayId}/suites?suite=${s}`)).ok()).toBe(true);
});
