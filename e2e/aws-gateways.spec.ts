import { expect, test } from "./fixtures";

// The "aws" project runs the console with AGENTCORE_BACKEND=aws against the fake control plane.
const fake = `http://127.0.0.1:${process.env.E2E_FAKE_AGENTCORE_PORT}`;

async function inject(operation: string, error: string, status: number, count: number) {
  await fetch(`${fake}/__fake/faults`, { method: "POST", body: JSON.stringify({ operation, error, status, count }) });
}

test.beforeEach(async () => {
  await fetch(`${fake}/__fake/reset`, { method: "POST" });
});

test.describe("browsing gateways through the AWS adapter", () => {
  test("the list, a gateway and its tools come from AgentCore's API", async ({ gateways, page }) => {
    await gateways.open();
    await expect(page.getByTestId("backend-badge")).toHaveText("AWS 111122223333/us-east-1");
    await expect(gateways.row("PaymentsGateway")).toContainText("ENFORCE");
    await expect(gateways.row("SupportGateway")).toContainText("no policy engine");

    await gateways.openGateway("SupportGateway");
    await expect(gateways.tool("TicketsApi___createTicket")).toContainText("Open a ticket");
    await expect(page.getByRole("group", { name: "Target KnowledgeBase" })).toContainText("MCP server");
    await expect(page.getByRole("group", { name: "Target KnowledgeBase" })).toContainText("tools/list");

    await page.goto("/");
    await gateways.openGateway("PaymentsGateway");
    await expect(gateways.policy("payment_limit")).toContainText("context.input.amount < 50000");
    await expect(gateways.tool("PaymentsTarget___create_payment")).toContainText("Amount in cents");
  });

  test("access denied and throttling get specific messages, and Retry recovers", async ({ page, offsiteRequests: _ }) => {
    await inject("ListGateways", "AccessDeniedException", 403, 1);
    await page.goto("/");
    const alert = page.getByRole("alert").filter({ hasText: "Access denied by AWS" });
    await expect(alert).toContainText("bedrock-agentcore:ListGateways");
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("link", { name: "PaymentsGateway", exact: true })).toBeVisible();

    await inject("GetGateway", "ThrottlingException", 429, 20);
    await page.goto("/gateways/paymentsgateway-a1b2c3d4e5");
    await expect(page.getByRole("alert").filter({ hasText: "AWS is throttling requests" })).toBeVisible();
    await fetch(`${fake}/__fake/reset`, { method: "POST" });
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "PaymentsGateway" })).toBeVisible();
  });

  test("the JSON API serves the AWS gateways the same way", async ({ request }) => {
    const { gateways } = await (await request.get("/api/gateways")).json();
    expect(gateways.map((g: { name: string }) => g.name)).toEqual(["PaymentsGateway", "SupportGateway"]);
    const missing = await request.get("/api/gateways/nope-0000000000");
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.code).toBe("gateway-not-found");
  });
});
