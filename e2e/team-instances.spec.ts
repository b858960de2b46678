import { expect, test } from "./fixtures";
import { PublishPage } from "./pages/publish-page";
import { gatewayIdOf, instanceB, publishedOf, signIn } from "./pages/team";

const permit = (name: string, tool: string) => `@id("${name}")\npermit(principal, action == AgentCore::Action::"${tool}", resource);`;

// Two `next start` instances (A: the project's baseURL, B) on one PostgreSQL database. OrdersGateway is in
// LOG_ONLY, so a publisher publishes it directly even with approvals on. Cookies do not depend on the
// port, so the session signed in on A is the browser's session on B too (both share AUTH_SECRET).
test.describe.serial("two console instances on one database", () => {
  test("a publish on instance A is what instance B shows", async ({ page, offsiteRequests: _ }) => {
    await signIn(page, "publisher");
    const gatewayId = await gatewayIdOf(page, "OrdersGateway");
    const live = await publishedOf(page, gatewayId);
    const text = `${live.text}\n\n${permit("instances_read_orders", "OrdersTarget___get_order")}\n`.trimStart();
    expect((await page.request.put(`/api/gateways/${gatewayId}/draft`, { data: { text, baseVersion: live.baseVersion } })).ok()).toBe(true);

    const pub = new PublishPage(page);
    await page.goto(`/gateways/${gatewayId}/publish`);
    await expect(pub.change("instances_read_orders", "added")).toBeVisible();
    await pub.publish("Published on instance A");
    await expect(pub.result).toContainText(/Published as version \d+/);

    await page.goto(`${instanceB()}/gateways/${gatewayId}/history`);
    await expect(page.getByRole("list", { name: "Versions" }).getByRole("listitem").first()).toContainText("Published on instance A");
    await page.goto(`${instanceB()}/gateways/${gatewayId}/policies`);
    await expect(page.locator(".monaco-editor .view-lines")).toContainText("instances_read_orders", { timeout: 30_000 });
  });

  test("of two publishes reviewed on the same version, on A and on B, the second gets the conflict view", async ({ page, browser, offsiteRequests: _ }) => {
    await signIn(page, "publisher");
    const gatewayId = await gatewayIdOf(page, "OrdersGateway");
    const live = await publishedOf(page, gatewayId);
    const text = `${live.text}\n\n${permit("instances_list_orders", "OrdersTarget___list_orders")}\n`;
    expect((await page.request.put(`/api/gateways/${gatewayId}/draft`, { data: { text, baseVersion: live.baseVersion } })).ok()).toBe(true);

    // Both review the same draft on the same published version, one on each instance.
    const onA = new PublishPage(page);
    await page.goto(`/gateways/${gatewayId}/publish`);
    await expect(onA.change("instances_list_orders", "added")).toBeVisible();
    const other = await (await browser.newContext()).newPage();
    await signIn(other, "publisher2", `${instanceB()}/gateways/${gatewayId}/publish`);
    const onB = new PublishPage(other);
    await expect(onB.change("instances_list_orders", "added")).toBeVisible();

    await onA.publish("First, on A");
    await expect(onA.result).toContainText(/Published as version \d+/);

    await other.getByLabel("Message").fill("Second, on B");
    await other.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(other.getByRole("heading", { name: "Review & publish: conflict" })).toBeVisible();
    await expect(other.getByRole("region", { name: "Publish conflict" })).toBeVisible();
  });
});
