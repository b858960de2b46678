import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { PublishPage } from "./pages/publish-page";
import { gatewayIdOf, signIn, signedIn } from "./pages/team";

const CAP = ["", '@id("team_cap_50000")', 'forbid(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource)', "when { context.input.amount > 50000 };", ""].join("\n");

// Team console (PostgreSQL, sign-in, REQUIRE_APPROVAL=true): RefundGateway is in ENFORCE.
test.describe.serial("a change request before ENFORCE", () => {
  // Three people sign in through the identity provider in one story.
  test.describe.configure({ timeout: 180_000 });

  test("a viewer reads but cannot edit or publish; the header names who is signed in", async ({ page, offsiteRequests: _ }) => {
    await signIn(page, "viewer");
    await expect(page.getByTestId("account")).toContainText("viewer");
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    await expect(page.getByText("Read only")).toBeVisible();
    await page.goto(`/gateways/${await gatewayIdOf(page, "RefundGateway")}/publish`);
    await expect(page.getByText("Publishing needs the publisher role; you are signed in as a viewer.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Request approval" })).toBeDisabled();
  });

  test("an author drafts, a publisher requests approval, another publisher reviews and approves: it is published", async ({ page, browser, offsiteRequests: _ }) => {
    // The author writes the draft; publishing is not theirs to do.
    await signIn(page, "author");
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    await ws.discardDraft();
    await ws.appendText(CAP);
    await ws.expectClean();
    await ws.expectSaved();
    const gatewayId = new PublishPage(page).gatewayId();
    await new PublishPage(page).reviewFromWorkspace();
    await expect(page.getByText("Publishing needs the publisher role; you are signed in as an author.")).toBeVisible();

    // A publisher reviews the same draft; the gateway enforces, so publishing asks for approval.
    const pia = await signedIn(browser, "publisher", `/gateways/${gatewayId}/publish`);
    const piaReview = new PublishPage(pia);
    await expect(piaReview.change("team_cap_50000", "added")).toBeVisible();
    await expect(pia.getByText("RefundGateway enforces its policies, so this publish becomes a change request that another publisher approves.")).toBeVisible();
    await pia.getByLabel("Message").fill("Cap refunds at 50000");
    await pia.getByRole("button", { name: "Request approval" }).click();
    const note = pia.getByRole("status").filter({ hasText: "Waiting for approval" });
    await expect(note).toContainText("Nothing changes on the gateway until another publisher approves it.");
    await note.getByRole("link", { name: /Open change request #\d+/ }).click();
    await expect(pia.getByText("You requested this, so another publisher must approve or reject it.")).toBeVisible();
    await expect(pia.getByRole("button", { name: "Approve and publish" })).toHaveCount(0);
    const requestUrl = new URL(pia.url()).pathname;

    // Another publisher finds it in Change requests, sees the same review and approves it.
    const paul = await signedIn(browser, "publisher2", "/change-requests");
    await paul.getByRole("link", { name: /Publish to RefundGateway: Cap refunds at 50000/ }).first().click();
    await expect(paul).toHaveURL(new RegExp(`${requestUrl}$`));
    await expect(paul.getByRole("heading", { name: /Publish to RefundGateway: Cap refunds at 50000/ })).toBeVisible();
    await expect(new PublishPage(paul).change("team_cap_50000", "added")).toBeVisible();
    await expect(paul.getByTestId("publish-impact")).toBeVisible();
    await paul.getByLabel("Reason (required to reject)").fill("Matches the finance limit");
    await paul.getByRole("button", { name: "Approve and publish" }).click();
    await expect(paul.getByText("approved", { exact: true })).toBeVisible();
    await expect(paul.getByTestId("change-request-result")).toContainText(/Published as version \d+: 1 added/);
    await expect(paul.getByText("Reason: Matches the finance limit")).toBeVisible();

    // The history names the requester as author, the approver in the audit log.
    await paul.goto(`/gateways/${gatewayId}/history`);
    await expect(paul.getByRole("list", { name: "Versions" }).getByRole("listitem").first()).toContainText("Cap refunds at 50000 (change request #");
    await expect(paul.getByRole("list", { name: "Versions" }).getByRole("listitem").first()).toContainText("pia");
    const audit = paul.getByRole("table", { name: "Audit log" });
    await expect(audit.getByRole("row").nth(1)).toContainText("paul");
    await expect(audit.getByRole("row").nth(1)).toContainText("Approved change request");
  });

  test("signing out ends the console session; signing in again goes through the provider", async ({ page, offsiteRequests: _ }) => {
    await signIn(page, "author");
    expect((await page.request.get("/api/gateways")).status()).toBe(200);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    const res = await page.request.get("/api/gateways");
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "sign-in-required" } });
    // The provider still knows the browser, so the way back is one click.
    await page.getByRole("link", { name: "Sign in again" }).click();
    await expect(page.getByTestId("account")).toContainText("arthur");
  });
});
