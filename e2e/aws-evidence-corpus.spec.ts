import { expect, test } from "./fixtures";
import { AnalysisView } from "./pages/analysis-view";
import { EvidencePanel } from "./pages/evidence-panel";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { PublishPage } from "./pages/publish-page";

// The fake serves 7 days of traffic through PaymentsGateway (ENFORCE, payment_limit: amount < 50000) as metrics and spans.
const fake = `http://127.0.0.1:${process.env.E2E_FAKE_AGENTCORE_PORT}`;
const PAYMENTS = "paymentsgateway-a1b2c3d4e5";

test.beforeEach(async () => {
  await fetch(`${fake}/__fake/reset`, { method: "POST" });
});

test("imported span calls are evidence in the ENFORCE confirmation and in Impact", async ({ gateways, page, request, offsiteRequests: _ }) => {
  test.setTimeout(180_000);
  // The console opens its store on first use, which is slow on a loaded machine: open it before the pages.
  expect((await request.get(`/api/gateways/${PAYMENTS}/decisions`, { timeout: 120_000 })).status()).toBe(200);
  await gateways.open();
  await gateways.openGateway("PaymentsGateway");
  await page.getByRole("tab", { name: "Decisions" }).click();
  const evidence = new EvidencePanel(page);
  await evidence.importSpans("Last 24 hours");
  await expect(evidence.importCard).toContainText("Import complete");

  // The ENFORCE confirmation, from LOG_ONLY: CloudWatch's count of the range and the imported calls the policies deny.
  expect((await request.put(`/api/gateways/${PAYMENTS}/mode`, { data: { mode: "LOG_ONLY" } })).ok()).toBe(true);
  await page.goto(`/gateways/${PAYMENTS}`);
  const pub = new PublishPage(page);
  await expect(pub.engineBadge()).toHaveText("LOG_ONLY");
  const dialog = await pub.switchMode("ENFORCE");
  await dialog.getByLabel("Real traffic in").selectOption({ label: "Last 24 hours" });
  await expect(dialog.getByTestId("mode-evidence-summary")).toContainText(/of [1-9][\d,]* calls imported from spans \(last 24 hours\)/);
  await expect(dialog.getByTestId("denied-spans")).toHaveText(/^[1-9]\d*$/);
  await expect(dialog.getByTestId("metrics-figure")).toContainText(/Real traffic, last 24 hours \(CloudWatch\): [1-9][\d,]* of [\d,]+ calls were denied when they were made and went through anyway/);
  const denied = dialog.getByRole("list", { name: "Calls the published policies deny" });
  await expect(denied.getByRole("listitem").first()).toContainText("imported span");
  await expect(denied.getByRole("listitem").first()).toContainText(/span [0-9a-f]{8}: /);
  await expect(dialog.getByTestId("not-replayable")).toContainText("with no arguments in the span");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect((await request.put(`/api/gateways/${PAYMENTS}/mode`, { data: { mode: "ENFORCE" } })).ok()).toBe(true);

  // Impact: a lower limit in the editor flips imported calls, each labelled with its span.
  const ws = new PolicyWorkspacePage(page);
  await ws.openFor("PaymentsGateway");
  await ws.discardDraft();
  const seed: string = (await (await request.get(`/api/gateways/${PAYMENTS}/policies`)).json()).draft.text;
  await ws.setText(seed.replace("< 50000", "< 10000"));
  await ws.expectClean();
  const panel = await ws.openPanel("Impact");
  await expect(panel.getByTestId("impact-summary")).toContainText(/^[1-9]\d* of \d+ calls change: [1-9]\d* allow→deny/);
  await expect(panel).toContainText(/[1-9][\d,]* calls imported from spans/);
  const flipped = panel.getByRole("list", { name: "Flipped calls" }).getByRole("listitem").filter({ hasText: "imported span" });
  await expect(flipped.first()).toContainText("ALLOW→DENY");
  await expect(flipped.first()).toContainText("create_payment");
  await expect(panel.getByTestId("impact-not-replayable")).toContainText("imported calls with no arguments in the span");
  await expect(new AnalysisView(panel).tool("PaymentsTarget___create_payment").getByTestId("tool-relation")).toHaveText("more restrictive", { timeout: 30_000 });
  await ws.discardDraft();
});
