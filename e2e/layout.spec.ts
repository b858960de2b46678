import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { callAs, gatewayId, horizontalOverflow, mainPages } from "./pages/page-quality";

test.use({ viewport: { width: 1024, height: 768 } });

test.describe("at 1024 × 768", () => {
  test("no main page is wider than the window: long ARNs, policy code and tables stay inside their boxes", async ({ page, request, offsiteRequests: _ }) => {
    const id = await gatewayId(request, "RefundGateway");
    // Rows in the decision log, allowed and denied.
    await callAs(request, id, "refund-agent", "RefundTarget___process_refund", { amount: 500 });
    await callAs(request, id, "support-viewer", "RefundTarget___process_refund", { amount: 2500000000 });
    for (const p of [...mainPages(id), ...mainPages(await gatewayId(request, "OrdersGateway"))]) {
      await page.goto(p.path);
      await p.ready(page);
      expect(await horizontalOverflow(page), `horizontal overflow on the ${p.name} page (${p.path})`).toBeLessThanOrEqual(0);
    }
    await page.goto(`/gateways/${id}/decisions`);
    const table = page.getByRole("table", { name: "Recorded calls" });
    await expect(table).toBeVisible();
    await page.getByRole("button", { name: "Details" }).first().click();
    expect(await horizontalOverflow(page), "with a call's details open").toBeLessThanOrEqual(0);
  });

  test("the workspace folds its outline and lets either side panel be shown or hidden", async ({ page, request, offsiteRequests: _ }) => {
    const id = await gatewayId(request, "RefundGateway");
    const ws = new PolicyWorkspacePage(page);
    await page.goto(`/gateways/${id}/policies`);
    await ws.waitReady();
    const outline = page.getByRole("navigation", { name: "Policies in the draft" });
    await expect(outline).toBeHidden();
    await page.getByRole("button", { name: "Show the outline" }).click();
    await expect(outline).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Hide the tools panel" }).click();
    await expect(page.getByRole("complementary", { name: "Workspace tools" })).toBeHidden();
    await page.getByRole("button", { name: "Show the tools panel" }).click();
    await expect(ws.panel("Draft with AI")).toBeVisible();
  });
});
