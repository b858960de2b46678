import { expect, test } from "./fixtures";
import { DraftingPanel } from "./pages/drafting-panel";
import { PolicyWorkspacePage } from "./pages/policy-workspace";

test.describe("drafting Cedar from plain language, offline", () => {
  test("views allowed, updates and creation prohibited on OrdersGateway: diff, then Insert", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("OrdersGateway");
    const drafting = new DraftingPanel(page, ws);
    const draft = await drafting.draft("Order information may be viewed, but updates and creation are prohibited");
    await expect(draft.getByTestId("drafter-label")).toHaveText("Offline rules");
    await expect(draft.getByTestId("draft-status")).toHaveText("valid first time");
    await expect(draft).toContainText("Permits get_order, list_orders for any principal.");
    await expect(draft).toContainText("Forbids create_order, update_order for any principal.");
    await expect(draft.getByRole("group", { name: "Assumptions" })).toContainText("counted create_order, update_order");
    await expect(page.getByTestId("draft-diff")).toContainText("OrdersTarget___update_order");

    await draft.getByRole("button", { name: "Insert" }).click();
    await ws.expectClean();
    const outline = page.getByRole("navigation", { name: "Policies in the draft" });
    await expect(outline).toContainText("permit_get_order_list_orders");
    await expect(outline).toContainText("forbid_create_order_update_order");
    await ws.expectSaved();
    await ws.discardDraft();
  });

  test("only the refund-agent role under $1000 on RefundGateway: Replace, and a vague request gets a question", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    const drafting = new DraftingPanel(page, ws);
    const draft = await drafting.draft("Only the refund-agent role may process refunds, and only under $1000");
    await expect(draft).toContainText("Permits process_refund for principals with role refund-agent when amount < 1000.");
    await draft.getByText("Replace the current policies").click();
    await draft.getByRole("button", { name: "Replace" }).click();
    await expect(page.locator(".monaco-editor .view-lines")).toContainText('principal.getTag("role") == "refund-agent"');
    await ws.expectClean();

    const vague = await drafting.draft("Make everything secure please");
    await expect(vague.getByTestId("draft-status")).toHaveText("still invalid — review the errors");
    await expect(vague.getByRole("group", { name: "Questions" })).toContainText("did not understand “secure”");
    await expect(drafting.panel.getByLabel("Policy request")).toHaveValue("Make everything secure please");
    await page.reload();
    await expect((await ws.openPanel("Draft with AI")).getByLabel("Policy request")).toHaveValue("Make everything secure please");
    await ws.discardDraft();
  });

  test("a draft that allows every call is a warning before Insert, and Insert waits for a deliberate tick", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("OrdersGateway");
    const drafting = new DraftingPanel(page, ws);
    const draft = await drafting.draft("Allow everything");
    const alert = draft.getByRole("alert", { name: "Access warning" });
    await expect(alert).toContainText("This draft allows every call to everyone.");
    await expect(alert).toContainText("permit_all_tools permits every call of every tool");
    const insert = draft.getByRole("button", { name: "Insert" });
    await expect(insert).toBeDisabled();
    // The warning comes before the apply controls, not only in the findings list below them.
    const [alertBox, insertBox] = [await alert.boundingBox(), await insert.boundingBox()];
    expect(alertBox!.y).toBeLessThan(insertBox!.y);
    await alert.getByLabel("I have read this and still want to apply the draft").check();
    await expect(insert).toBeEnabled();
    await draft.getByRole("button", { name: "Discard" }).click();
    await expect(draft).toBeHidden();
  });

  test("the generate route answers scripts with JSON, and rejects an empty request", async ({ request }) => {
    const { gateways } = await (await request.get("/api/gateways")).json();
    const orders = gateways.find((g: { name: string }) => g.name === "OrdersGateway");
    const res = await request.post(`/api/gateways/${orders.gatewayId}/draft/generate`, { data: { request: "Nobody may cancel orders" } });
    const body = await res.json();
    expect(body).toMatchObject({ drafter: "offline", status: "valid", questions: [], diagnostics: [], accessWarnings: [] });
    expect(body.policies[0].statement).toContain('forbid(\n  principal,\n  action == AgentCore::Action::"OrdersTarget___cancel_order"');
    expect(body.policies[0].statement).toMatch(/^@id\("forbid_cancel_order"\)\n@description\("Forbids cancel_order for any principal\."\)/);
    const everything = await (await request.post(`/api/gateways/${orders.gatewayId}/draft/generate`, { data: { request: "Allow everything" } })).json();
    expect(everything.accessWarnings).toEqual([expect.objectContaining({ type: "ALLOW_ALL" })]);
    const bad = await request.post(`/api/gateways/${orders.gatewayId}/draft/generate`, { data: { request: "" } });
    expect(bad.status()).toBe(400);
    const claude = await request.post(`/api/gateways/${orders.gatewayId}/draft/generate`, { data: { request: "Nobody may cancel orders", drafter: "anthropic" } });
    expect(claude.status()).toBe(503);
    expect((await claude.json()).error.message).toContain("ANTHROPIC_API_KEY");
  });
});
