import { expect, test } from "./fixtures";
import { EvidencePanel } from "./pages/evidence-panel";

// The fake serves 7 days of traffic through PaymentsGateway as CloudWatch metrics and aws/spans spans.
const fake = `http://127.0.0.1:${process.env.E2E_FAKE_AGENTCORE_PORT}`;

test.beforeEach(async () => {
  await fetch(`${fake}/__fake/reset`, { method: "POST" });
});

test.describe("evidence from CloudWatch on AWS", () => {
  test("charts on the overview, span import with progress on the Decisions tab", async ({ gateways, page, request }) => {
    // The console opens its store on first use, which is slow on a loaded machine: open it before the pages.
    test.setTimeout(180_000);
    expect((await request.get("/api/gateways/paymentsgateway-a1b2c3d4e5/decisions", { timeout: 120_000 })).status()).toBe(200);
    await gateways.open();
    await gateways.openGateway("PaymentsGateway");
    const evidence = new EvidencePanel(page);
    await expect(evidence.card).toContainText("CloudWatch");
    await evidence.expectDrawn("Allowed vs denied");
    await evidence.expectDrawn("Latency");
    await expect(evidence.chart("Allowed vs denied")).toContainText(/Denied: no determining policy: [1-9][\d,]* in range/);

    await page.getByRole("tab", { name: "Decisions" }).click();
    await evidence.expectDrawn("Allowed vs denied");
    await evidence.importSpans("Last 24 hours");
    await expect(evidence.importCard).toContainText("Import complete");
    // The corpus spec may have imported the same spans first: each is stored once either way.
    await expect(evidence.importCard).toContainText(/[1-9][\d,]* new calls|[1-9][\d,]* already imported/);
    await expect(evidence.importCard).toContainText(/Kept but not re-evaluated: [1-9][\d,]* calls with no arguments in the span/);
    await expect(evidence.importCard.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("value", "1");

    // Importing the same range again adds nothing.
    await evidence.importSpans("Last 24 hours");
    await expect(evidence.importCard).toContainText("0 new calls");
  });

  test("says how to turn on Transaction Search when there are no spans", async ({ gateways, page }) => {
    await fetch(`${fake}/__fake/traffic`, { method: "POST", body: JSON.stringify({ transactionSearch: false }) });
    await gateways.open();
    await gateways.openGateway("PaymentsGateway");
    await page.getByRole("tab", { name: "Decisions" }).click();
    await new EvidencePanel(page).importSpans("Last 6 hours");
    const alert = new EvidencePanel(page).importCard.getByRole("alert");
    await expect(alert).toContainText("Tracing or Transaction Search is not enabled");
    await expect(alert).toContainText("update-trace-segment-destination");
  });
});
