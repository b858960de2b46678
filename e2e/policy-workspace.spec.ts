import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";

const ARN = /arn:aws:bedrock-agentcore:us-east-1:\d{12}:gateway\/refundgateway-[a-z0-9]{10}/;

test.describe("authoring Cedar in the policy workspace", () => {
  test("a typo gets a marker with the validator's message on its line; fixing it clears it; the draft survives a reload", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    await ws.expectClean();
    await expect(page.getByRole("navigation", { name: "Policies in the draft" })).toContainText("refund_limit_policy");

    await ws.setText(
      [
        '@id("small_refunds")',
        "permit(",
        "  principal,",
        '  action == AgentCore::Action::"RefundTarget___process_refund",',
        "  resource",
        ")",
        "when { context.input.amout < 500 };",
        "",
      ].join("\n"),
    );
    const problem = ws.problem(7);
    await expect(problem).toBeVisible();
    await expect(problem).toContainText("amout");
    await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible();

    await problem.click();
    await ws.setText(
      ['@id("small_refunds")', "permit(", "  principal,", '  action == AgentCore::Action::"RefundTarget___process_refund",', "  resource", ")", "when { context.input.amount < 500 };", ""].join(
        "\n",
      ),
    );
    await ws.expectClean();
    await ws.expectSaved();

    await page.reload();
    await ws.waitReady();
    await expect(page.locator(".monaco-editor .view-lines")).toContainText("amount < 500");
    await expect(page.getByRole("navigation", { name: "Policies in the draft" })).toContainText("small_refunds");

    // Discarding goes back to the published policy, after a confirmation.
    await ws.discardDraft();
    await expect(page.locator(".monaco-editor .view-lines")).toContainText("amount < 1000");
  });

  test("completion offers the refund tool's input fields and the tool actions; hover explains a field", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    await ws.setText('permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource)\nwhen { context.input.');
    await page.keyboard.press("ControlOrMeta+Space");
    await expect(ws.suggestions()).toContainText("amount");
    await page.keyboard.press("Enter");
    await page.keyboard.insertText(" < 10 };");
    await ws.expectClean();

    await ws.appendText('\nforbid(principal, action == AgentCore::Action::"');
    await page.keyboard.press("ControlOrMeta+Space");
    await expect(ws.suggestions()).toContainText("RefundTarget___process_refund");
    await page.keyboard.press("Escape");

    await page.locator(".monaco-editor .view-line", { hasText: "amount" }).getByText("amount").first().hover();
    await expect(page.locator(".monaco-editor .monaco-hover:not(.hidden)")).toContainText("Refund amount in dollars");
  });

  test("Format rewrites the policy with Cedar's formatter", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    await ws.setText('permit(principal,action==AgentCore::Action::"RefundTarget___process_refund",resource) when {context.input.amount<10};');
    await page.getByRole("button", { name: "Format" }).click();
    await expect(page.locator(".monaco-editor .view-lines")).toContainText("context.input.amount < 10");
    await expect(page.locator(".monaco-editor .view-line").nth(1)).toContainText("principal,");
    await ws.discardDraft();
  });

  test("the Schema tab shows the schema generated from the tools, in Cedar and JSON", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("OrdersGateway");
    await page.getByRole("tab", { name: "Schema" }).click();
    const schema = page.getByLabel("Generated schema");
    await expect(schema).toContainText('action "OrdersTarget___create_order" in [Action::"CallTool"]');
    await expect(schema).toContainText("entity OAuthUser");
    await page.getByRole("tab", { name: "JSON schema" }).click();
    await expect(schema).toContainText('"OrdersTarget___get_order"');
    await expect(page.getByRole("link", { name: /Download/ })).toHaveAttribute("href", /format=json/);
  });

  test("the schema and policies are JSON for scripts; a saved draft answers with diagnostics", async ({ request }) => {
    const { gateways } = await (await request.get("/api/gateways")).json();
    const refund = gateways.find((g: { name: string }) => g.name === "RefundGateway");
    const schemaText = await (await request.get(`/api/gateways/${refund.gatewayId}/schema?format=cedar`)).text();
    expect(schemaText).toContain("RefundTarget___process_refund");
    const policies = await (await request.get(`/api/gateways/${refund.gatewayId}/policies`)).json();
    expect(policies.published[0]).toMatchObject({ name: "refund_limit_policy", enforcementMode: "ACTIVE" });
    expect(policies.published[0].statement).toMatch(ARN);
    const saved = await request.put(`/api/gateways/${refund.gatewayId}/draft`, { data: { text: "permit(principal, action, resource) when { context.input.nope };" } });
    expect(saved.ok()).toBe(true);
    const body = await saved.json();
    expect(body.diagnostics.length).toBeGreaterThan(0);
    expect(body.diagnostics[0]).toMatchObject({ severity: "error", startLine: 1 });
    const bad = await request.put(`/api/gateways/${refund.gatewayId}/draft`, { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid-json");
    const foreign = await request.put(`/api/gateways/${refund.gatewayId}/draft`, { data: { text: "" }, headers: { origin: "http://evil.example" } });
    expect(foreign.status()).toBe(403);
    await request.delete(`/api/gateways/${refund.gatewayId}/draft`);
  });
});
