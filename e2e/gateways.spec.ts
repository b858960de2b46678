import { expect, test } from "./fixtures";

test.describe("browsing gateways on the local workspace", () => {
  test("the list shows both demo gateways with engine modes, counts and the active backend", async ({ gateways, page }) => {
    await gateways.open();
    await expect(page.getByTestId("backend-badge")).toHaveText("Local workspace");

    const refund = gateways.row("RefundGateway");
    await expect(refund).toContainText("READY");
    await expect(refund).toContainText("ENFORCE");
    await expect(refund).toContainText(/arn:aws:bedrock-agentcore:us-east-1:\d{12}:gateway\/refundgateway-[a-z0-9]{10}/);

    const orders = gateways.row("OrdersGateway");
    await expect(orders).toContainText("LOG_ONLY");
    // Name, Status, Policy engine, Policies, Targets, Tools.
    await expect(orders.getByRole("cell").nth(5)).toHaveText("5");
  });

  test("filtering by name narrows the list and says when nothing matches", async ({ gateways, page }) => {
    await gateways.open();
    await gateways.filter("refund");
    await expect(gateways.row("RefundGateway")).toBeVisible();
    await expect(gateways.row("OrdersGateway")).toHaveCount(0);
    await gateways.filter("nothing-like-this");
    await expect(page.getByText("No gateway matches")).toBeVisible();
  });

  test("a gateway shows its endpoint, tools with readable schemas, and its engine's policies", async ({ gateways, page }) => {
    await gateways.open();
    await gateways.openGateway("OrdersGateway");
    await expect(page.getByTestId("gateway-url")).toContainText(/http:\/\/127\.0\.0\.1:\d+\/mcp\/ordersgateway-/);
    await expect(page.getByText("Custom JWT")).toBeVisible();

    const create = gateways.tool("OrdersTarget___create_order");
    await expect(create).toContainText("Create an order for a customer");
    await expect(create).toContainText("shippingAddress");
    await expect(create).toContainText('"express"');
    await create.getByText("Raw input schema (JSON)").click();
    await expect(create.locator("pre")).toContainText('"required"');

    await page.goto("/");
    await gateways.openGateway("RefundGateway");
    const policy = gateways.policy("refund_limit_policy");
    await expect(policy).toContainText("ACTIVE");
    await expect(policy).toContainText("context.input.amount < 1000");
    await expect(gateways.tool("RefundTarget___process_refund")).toContainText("Refund amount in dollars");
  });

  test("an unknown gateway gets a specific not-found message with a retry", async ({ page, offsiteRequests: _ }) => {
    await page.goto("/gateways/nosuchgateway-0000000000");
    const alert = page.getByRole("alert").filter({ hasText: "Gateway not found" });
    await expect(alert).toContainText("Gateway not found");
    await expect(alert).toContainText('No gateway with id "nosuchgateway-0000000000"');
    await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
  });

  test("the JSON API answers the same data for scripts", async ({ request }) => {
    const list = await request.get("/api/gateways");
    expect(list.ok()).toBe(true);
    const { gateways } = await list.json();
    const refund = gateways.find((g: { name: string }) => g.name === "RefundGateway");
    expect(refund).toMatchObject({ status: "READY", toolCount: 1, policyEngine: { mode: "ENFORCE" } });
    const detail = await (await request.get(`/api/gateways/${refund.gatewayId}`)).json();
    expect(detail.targets[0].tools[0]).toMatchObject({ name: "RefundTarget___process_refund", description: "Process a customer refund" });
    const missing = await request.get("/api/gateways/nope");
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.code).toBe("gateway-not-found");
  });
});
