import { expect, test } from "./fixtures";
import { DraftingPanel } from "./pages/drafting-panel";
import { GatewaysPage } from "./pages/gateways-page";
import { callAs, gatewayId } from "./pages/page-quality";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { rawRequest } from "./pages/simulation-panel";

const REFUND = "RefundTarget___process_refund";

test.describe("a console a security engineer trusts at a glance", () => {
  test("a restricting draft says which published permit would keep others in, replaces it by default, shows the matrix before/after, and Monaco stays error-free", async ({
    page,
    offsiteRequests: _,
  }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    const drafting = new DraftingPanel(page, ws);
    const draft = await drafting.draft("Only the refund-agent role may process refunds, and only under $1000");

    const alert = draft.getByRole("alert", { name: "Access the draft restricts" });
    await expect(alert).toContainText("This draft restricts what existing policies allow.");
    await expect(alert).toContainText("refund_limit_policy would still let admin, support-viewer call process_refund");
    await expect(draft.getByRole("radio", { name: /^Replace refund_limit_policy/ })).toBeChecked();
    await expect(draft.getByRole("radio", { name: "Insert after the current policies" })).not.toBeChecked();

    // The effect, before anything is applied: support-viewer loses the refund, refund-agent keeps it.
    const effect = draft.getByRole("region", { name: "Effect of applying the draft" });
    const matrix = effect.getByRole("table", { name: "Decisions after applying the draft" });
    const row = matrix.getByRole("row").filter({ hasText: "process_refund" });
    await expect(row).toContainText('{"amount"');
    await expect(row.locator('td[data-persona="support-viewer"]')).toContainText("DENY · default deny");
    await expect(row.locator('td[data-persona="support-viewer"]')).toContainText("was ALLOW");
    await expect(row.locator('td[data-persona="refund-agent"]')).toContainText("ALLOW · permit");
    // Inserting instead would change nothing for support-viewer: the matrix says so.
    await draft.getByRole("radio", { name: "Insert after the current policies" }).check();
    await expect(row.locator('td[data-persona="support-viewer"]')).toContainText("ALLOW · permit");
    await expect(effect.getByTestId("effect-summary")).toHaveText(/^0 of \d+ decisions change$/);
    await draft.getByRole("radio", { name: /^Replace refund_limit_policy/ }).check();

    await draft.getByRole("button", { name: "Replace that policy and add the draft" }).click();
    const lines = page.locator(".monaco-editor .view-lines").first();
    await expect(lines).toContainText('principal.getTag("role") == "refund-agent"');
    await expect(lines).not.toContainText("refund_limit_policy");
    await ws.expectClean();
    // Typing fast right after the diff editor went away (this threw "InstantiationService has been disposed").
    await ws.appendText("\n// reviewed by the security team, typed quickly after applying the draft\n");
    await ws.expectSaved();

    // Status at a glance: the gateways list and the overview show the unpublished draft.
    const gateways = new GatewaysPage(page);
    await gateways.open();
    await expect(gateways.row("RefundGateway").getByTestId("gateway-status")).toHaveText(/1 policy\s*unpublished draft/);
    await expect(gateways.row("OrdersGateway").getByTestId("gateway-status")).toHaveText("0 policies");
    await gateways.openGateway("RefundGateway");
    await expect(page.getByRole("region", { name: "Endpoint and identity" }).getByTestId("gateway-status")).toContainText("unpublished draft");
    await expect(page.getByRole("heading", { name: "Overview" })).toHaveCount(0);

    await page.getByRole("tab", { name: "Policy workspace" }).click();
    await ws.waitReady();
    await ws.discardDraft();
    await gateways.open();
    await expect(gateways.row("RefundGateway").getByTestId("gateway-status")).toHaveText("1 policy");
  });

  test("the matrix follows the editor, names a forbid's denial, shows the arguments and opens a cell in Simulate", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    const matrix = await ws.openPanel("Matrix");
    const table = matrix.getByRole("table", { name: "Decision matrix" });
    const viewer = table.getByRole("button", { name: new RegExp(`^${REFUND} as support-viewer`) });
    await expect(viewer).toHaveAccessibleName(/draft ALLOW \(permit\), published ALLOW \(permit\)$/);
    await expect(table.getByTestId("matrix-args").first()).toHaveText(/^\{"amount":\d+\}$/);

    // No button to press: the matrix recomputes after the editor changes.
    await ws.appendText('\n@id("no_viewer_refunds")\nforbid(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource)\nwhen { principal.hasTag("role") && principal.getTag("role") == "support-viewer" };\n');
    await expect(viewer).toHaveAccessibleName(/draft DENY \(forbid\), published ALLOW \(permit\), changed$/);
    await viewer.click();
    const why = matrix.getByRole("region", { name: "Why" });
    await expect(why).toContainText("Draft: DENY by forbid no_viewer_refunds");
    await why.getByRole("button", { name: "Open in Simulate" }).click();
    const simulate = ws.panel("Simulate");
    await expect(simulate).toBeVisible();
    await expect(simulate.getByRole("combobox", { name: "Persona" })).toHaveValue("support-viewer");
    await expect(await rawRequest(simulate)).toHaveValue(new RegExp(REFUND));
    await ws.discardDraft();
  });

  test("History compares any two versions with exact times; the decision log refreshes by itself and shows the gateway's answer", async ({ page, request, offsiteRequests: _ }) => {
    const id = await gatewayId(request, "RefundGateway");
    // Two publishes through the API (a description changed, then back), so there are versions to compare.
    const publish = async (edit: (text: string) => string, message: string) => {
      const { draft } = await (await request.get(`/api/gateways/${id}/policies`)).json();
      const res = await request.post(`/api/gateways/${id}/publish`, { data: { text: edit(draft.text), message, baseVersion: draft.baseVersion } });
      expect(res.ok(), await res.text()).toBe(true);
    };
    await publish((t) => t.replace("Refunds under $1000 are allowed", "Refunds under $1000 are allowed (reviewed)"), "Reviewed the refund limit");
    await publish((t) => t.replace(" (reviewed)", ""), "Back to the seed description");

    await page.goto(`/gateways/${id}/history`);
    const compare = page.getByRole("region", { name: "Compare two versions" });
    await expect(page.getByRole("list", { name: "Versions" }).getByRole("listitem").first()).toContainText(/ago · \d{4}-\d\d-\d\d \d\d:\d\d UTC|just now · \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const versions = await page.getByRole("list", { name: "Versions" }).getByRole("listitem").count();
    await compare.getByRole("combobox", { name: "Compare from" }).selectOption({ index: 1 });
    await compare.getByRole("combobox", { name: "Compare to" }).selectOption({ index: 0 });
    // Monaco loads on first use: on a busy machine that takes a while.
    await expect(compare.getByTestId("version-diff")).toContainText("(reviewed)", { timeout: 30_000 });
    expect(versions).toBeGreaterThanOrEqual(2);

    await page.goto(`/gateways/${id}/decisions`);
    const log = page.getByRole("table", { name: "Recorded calls" });
    await expect(page.getByRole("button", { name: "● Live" })).toHaveAttribute("aria-pressed", "true");
    const denied = await callAs(request, id, "support-viewer", REFUND, { amount: 4321 });
    const row = log.getByRole("row").filter({ hasText: '{"amount":4321}' });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await row.getByRole("button", { name: "Details" }).click();
    await expect(page.getByTestId("gateway-answer").first()).toHaveText(JSON.stringify(denied, null, 2));
  });
});
