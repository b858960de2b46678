import { expect, type Locator, type Page } from "@playwright/test";

/** The review & publish screen, the history page and the overview's mode switch. */
export class PublishPage {
  readonly diff: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.diff = page.getByTestId("publish-diff");
    this.result = page.getByRole("region", { name: "Publish result" });
  }

  /** The current gateway's id, from a URL under /gateways/{id}. */
  gatewayId(): string {
    const id = new URL(this.page.url()).pathname.split("/")[2];
    if (!id) throw new Error(`not on a gateway page: ${this.page.url()}`);
    return id;
  }

  /** From the policy workspace: saves the draft and opens its review. */
  async reviewFromWorkspace() {
    await this.page.getByRole("button", { name: "Review & publish" }).click();
    await expect(this.page).toHaveURL(/\/publish$/);
    await expect(this.diff.locator(".monaco-diff-editor")).toBeVisible({ timeout: 30_000 });
  }

  /** Through the gateway's History tab. */
  async historyTab() {
    await this.page.getByRole("tab", { name: "History" }).click();
    await expect(this.page.getByRole("heading", { name: "Published versions" })).toBeVisible();
  }

  change(name: string, kind: "added" | "changed" | "removed" | "unchanged") {
    return this.page.getByRole("list", { name: "Policy changes" }).getByRole("listitem", { name: `${name}: ${kind}` });
  }

  operations() {
    return this.page.getByRole("list", { name: "Operations in order" });
  }

  /** Publishes with a message; on a gateway in ENFORCE whose decisions change, through the final confirmation. */
  async publish(message: string) {
    await this.page.getByLabel("Message").fill(message);
    await this.page.getByRole("button", { name: "Publish", exact: true }).click();
    const confirm = this.confirmation();
    await expect(this.result.or(confirm)).toBeVisible();
    if (await confirm.isVisible()) await confirm.getByRole("button", { name: "Publish to ENFORCE" }).click();
    await expect(this.result).toBeVisible();
  }

  /** The last confirmation before a publish to a gateway in ENFORCE: what flips. */
  confirmation() {
    return this.page.getByRole("dialog", { name: /which enforces its policies\?$/ });
  }

  /** The page's toast region (role="status"). */
  toasts() {
    return this.page.getByRole("status", { name: "Notifications" });
  }

  async openHistory(gatewayId = this.gatewayId()) {
    await this.page.goto(`/gateways/${gatewayId}/history`);
    await expect(this.page.getByRole("heading", { name: "Published versions" })).toBeVisible();
  }

  version(n: number) {
    return this.page.getByRole("listitem", { name: `Version ${n}`, exact: true });
  }

  async rollBackTo(n: number) {
    await this.version(n).getByRole("button", { name: "Roll back to this version" }).click();
    await expect(this.page).toHaveURL(new RegExp(`/publish\\?rollbackOf=${n}$`));
    await expect(this.diff.locator(".monaco-diff-editor")).toBeVisible({ timeout: 30_000 });
  }

  /** Switches the engine's mode on the gateway from the overview, through the confirmation. */
  async switchMode(to: "LOG_ONLY" | "ENFORCE") {
    await this.page.getByRole("button", { name: `Switch gateway to ${to}` }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog.getByTestId("mode-evidence-summary")).toBeVisible();
    return dialog;
  }

  engineBadge() {
    return this.page.getByTestId("engine-mode").first();
  }
}
