import { expect, type Locator, type Page } from "@playwright/test";

/** The policy workspace: Monaco editor, problems, outline, schema tab and side panels. */
export class PolicyWorkspacePage {
  readonly editor: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.editor = page.locator(".monaco-editor").first();
    this.problems = page.getByRole("region", { name: "Problems" });
  }

  async openFor(gatewayName: string) {
    await this.page.goto("/");
    await this.page.getByRole("link", { name: gatewayName, exact: true }).click();
    await this.page.getByRole("tab", { name: "Policy workspace" }).click();
    await this.waitReady();
  }

  async waitReady() {
    await expect(this.page.locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 30_000 });
    await expect(this.page.getByText("checking…")).toHaveCount(0);
  }

  /** Replaces the editor's text as a paste would (no auto-closed brackets or quotes). */
  async setText(text: string) {
    await this.focusEditor();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Delete");
    await this.page.keyboard.insertText(text);
  }

  async focusEditor() {
    await this.page.locator(".monaco-editor .view-lines").first().click();
  }

  /** Puts the cursor at the end of the document and inserts text there. */
  async appendText(text: string) {
    await this.focusEditor();
    await this.page.keyboard.press("ControlOrMeta+End");
    await this.page.keyboard.insertText(text);
  }

  problem(line: number) {
    return this.problems.getByRole("button", { name: new RegExp(`at line ${line}, column \\d+`) });
  }

  async expectClean() {
    await expect(this.page.getByTestId("problem-count")).toHaveText("0 errors, 0 warnings");
    await expect(this.problems.getByText("valid against the gateway schema")).toBeVisible();
  }

  async expectSaved() {
    await expect(this.page.getByTestId("save-status")).toHaveText("Draft saved");
  }

  /** Resets the draft to the published policies and waits until the server has done it. */
  async discardDraft() {
    const reset = this.page.waitForResponse((r) => r.request().method() === "DELETE" && /\/draft$/.test(new URL(r.url()).pathname));
    await this.page.getByRole("button", { name: "Discard draft" }).click();
    await this.page.getByRole("dialog", { name: "Discard the draft?" }).getByRole("button", { name: "Discard draft" }).click();
    expect((await reset).ok()).toBe(true);
    await this.waitReady();
  }

  suggestions() {
    return this.page.locator(".monaco-editor .suggest-widget");
  }

  panel(name: string) {
    return this.page.getByRole("tabpanel", { name });
  }

  async openPanel(name: string) {
    await this.page.getByRole("tablist", { name: "Workspace tools" }).getByRole("tab", { name }).click();
    return this.panel(name);
  }
}
