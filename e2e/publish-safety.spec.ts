import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { PublishPage } from "./pages/publish-page";

// RefundGateway's engine is in ENFORCE. The spec publishes a lower limit and publishes the seed's back.
test.describe.serial("publishing to a gateway in ENFORCE is deliberate", () => {
  test("the save status says Published version for the published set, also after undoing back to it", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    await ws.discardDraft();
    const status = page.getByTestId("save-status");
    await expect(status).toHaveText("Published version");
    // One keystroke's edit, so one undo takes it back.
    await ws.appendText("x");
    await expect(status).toHaveText("Draft saved");
    await page.keyboard.press("ControlOrMeta+Z");
    await expect(status).toHaveText("Published version");
    await page.reload();
    await ws.waitReady();
    await expect(status).toHaveText("Published version");
  });

  test("a message is required, Enter does not publish, a final confirmation lists what flips, and a toast says what happened", async ({ page, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    const pub = new PublishPage(page);
    await ws.openFor("RefundGateway");
    await ws.discardDraft();
    // The published document as the editor holds it, with the limit typed lower.
    const gatewayId = pub.gatewayId();
    const seed: string = (await (await page.request.get(`/api/gateways/${gatewayId}/policies`)).json()).draft.text;
    expect(seed).toContain("amount < 1000");
    await ws.setText(seed.replace("< 1000", "< 500"));
    await ws.expectClean();
    await ws.expectSaved();
    await pub.reviewFromWorkspace();

    const message = page.getByLabel("Message");
    const publishButton = page.getByRole("button", { name: "Publish", exact: true });
    await expect(message).toHaveValue("");
    await expect(publishButton).toBeDisabled();
    await expect(page.getByText("a message saying what changes and why is required")).toBeVisible();

    // Enter while writing the message never publishes.
    await message.fill("Lower the refund limit to 500");
    await message.press("Enter");
    await expect(pub.confirmation()).toHaveCount(0);
    await expect(pub.result).toHaveCount(0);

    // The final confirmation says what flips: over every call and over recorded calls; Cancel publishes nothing.
    await publishButton.click();
    const confirm = pub.confirmation();
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole("list", { name: "Changed tools" })).toContainText("process_refund: more restrictive", { timeout: 30_000 });
    await expect(confirm.getByTestId("confirm-impact")).toContainText("allowed → denied");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(pub.result).toHaveCount(0);

    await publishButton.click();
    await pub.confirmation().getByRole("button", { name: "Publish to ENFORCE" }).click();
    await expect(pub.result).toContainText(/Published as version \d+/);
    await expect(pub.toasts()).toContainText(/RefundGateway: Published as version \d+: 0 added, 1 changed, 0 removed\./);

    // Back to the seed's limit (the same deliberate path), for the specs that follow.
    await ws.openFor("RefundGateway");
    await ws.setText(seed);
    await ws.expectClean();
    await ws.expectSaved();
    await pub.reviewFromWorkspace();
    await pub.publish("Back to the seed's limit");
    await expect(pub.result).toContainText(/Published as version \d+/);
  });

  test("a mode switch says what happened in a toast", async ({ page, gateways, offsiteRequests: _ }) => {
    const pub = new PublishPage(page);
    await gateways.open();
    await gateways.openGateway("RefundGateway");
    let dialog = await pub.switchMode("LOG_ONLY");
    await dialog.getByRole("button", { name: "Switch to LOG_ONLY" }).click();
    await expect(pub.toasts()).toContainText("RefundGateway is now in LOG_ONLY: nothing is enforced, decisions are only logged.");
    await expect(pub.engineBadge()).toHaveText("LOG_ONLY");
    dialog = await pub.switchMode("ENFORCE");
    await expect(dialog.getByTestId("metrics-figure")).toContainText("local decision log");
    await dialog.getByRole("button", { name: "Switch to ENFORCE" }).click();
    await expect(pub.toasts()).toContainText("RefundGateway now enforces its policies (ENFORCE): denied calls fail.");
    await expect(pub.engineBadge()).toHaveText("ENFORCE");
  });
});
