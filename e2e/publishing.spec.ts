import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { PublishPage } from "./pages/publish-page";

const CANARY = [
  "",
  '@id("e2e_no_huge_refunds")',
  '@description("Never refund above 100000")',
  'forbid(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource)',
  "when { context.input.amount > 100000 };",
  "",
].join("\n");

// Runs on the shared embedded server: it ends with RefundGateway as seeded (refund_limit_policy, < 1000, ENFORCE).
test.describe.serial("publishing RefundGateway", () => {
  test("edit → review the diff → publish → the published view shows it; switch modes; roll back to the first version", async ({ page, gateways, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    const pub = new PublishPage(page);

    // Start from the published set, then add a forbid.
    await ws.openFor("RefundGateway");
    await ws.discardDraft();
    await expect(page.locator(".monaco-editor .view-lines")).toContainText("amount < 1000");
    await ws.appendText(CANARY);
    await ws.expectClean();
    await ws.expectSaved();
    const gatewayId = pub.gatewayId();

    // Review: diff, per-policy changes, validation, order, then publish with a message.
    await pub.reviewFromWorkspace();
    await expect(pub.change("e2e_no_huge_refunds", "added")).toBeVisible();
    await expect(pub.change("refund_limit_policy", "unchanged")).toBeVisible();
    await expect(page.getByTestId("publish-validation")).toContainText("Valid");
    await expect(pub.operations()).toContainText("CreatePolicy e2e_no_huge_refunds");
    await expect(page.getByText("Forbids are added and permits removed first")).toBeVisible();
    await expect(page.getByTestId("publish-impact")).toBeVisible();
    await pub.publish("Cap refunds at 100000");
    await expect(pub.result).toContainText(/Published as version \d+: 1 added, 0 changed, 0 removed\./);
    const published = Number(/Published as version (\d+)/.exec((await pub.result.textContent()) ?? "")![1]);
    await expect(pub.result.getByRole("list", { name: "Applied" })).toContainText("e2e_no_huge_refunds");

    await pub.result.getByRole("link", { name: "View the published policies" }).click();
    await expect(gateways.policy("e2e_no_huge_refunds")).toBeVisible();
    await expect(gateways.policy("refund_limit_policy")).toContainText("< 1000");

    // Engine mode: ENFORCE → LOG_ONLY → ENFORCE, each behind a confirmation with evidence.
    await expect(pub.engineBadge()).toHaveText("ENFORCE");
    let dialog = await pub.switchMode("LOG_ONLY");
    await expect(dialog).toContainText("not any policy's own enforcement mode");
    await dialog.getByRole("button", { name: "Switch to LOG_ONLY" }).click();
    await expect(dialog).toBeHidden();
    await expect(pub.engineBadge()).toHaveText("LOG_ONLY");

    dialog = await pub.switchMode("ENFORCE");
    await expect(dialog.getByTestId("mode-evidence-summary")).toContainText("Would now be denied");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(pub.engineBadge()).toHaveText("LOG_ONLY");
    dialog = await pub.switchMode("ENFORCE");
    await dialog.getByRole("button", { name: "Switch to ENFORCE" }).click();
    await expect(dialog).toBeHidden();
    await expect(pub.engineBadge()).toHaveText("ENFORCE");

    // History: both versions and the audit trail; roll back to version 1 through the review.
    await pub.historyTab();
    await expect(pub.version(published)).toContainText("Cap refunds at 100000");
    await expect(pub.version(published)).toContainText("e2e-tester");
    await expect(pub.version(1)).toContainText("before the first publish");
    const audit = page.getByRole("table", { name: "Audit log" });
    await expect(audit).toContainText("ENFORCE → LOG_ONLY");
    await expect(audit).toContainText("LOG_ONLY → ENFORCE");

    await pub.rollBackTo(1);
    await expect(pub.change("e2e_no_huge_refunds", "removed")).toBeVisible();
    await expect(pub.operations()).toContainText("DeletePolicy e2e_no_huge_refunds");
    await pub.publish("Back to the seed");
    await expect(pub.result).toContainText(`Rolled back to version 1 as version ${published + 1}`);

    await pub.openHistory(gatewayId);
    await expect(pub.version(published + 1)).toContainText("Back to the seed");
    await expect(page.getByRole("table", { name: "Audit log" })).toContainText("rollback");

    // The seeded state is back for the specs that follow.
    await page.goto(`/gateways/${gatewayId}`);
    await expect(gateways.policy("e2e_no_huge_refunds")).toHaveCount(0);
    await expect(gateways.policy("refund_limit_policy")).toContainText("< 1000");
    await expect(pub.engineBadge()).toHaveText("ENFORCE");
  });
});
