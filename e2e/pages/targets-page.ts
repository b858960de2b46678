import { expect, type Page } from "@playwright/test";

/** Creating local gateways and their targets, behind the verbs a user would use. */
export class TargetsPage {
  constructor(readonly page: Page) {}

  async newGateway(name: string) {
    await this.page.goto("/");
    await this.page.getByRole("button", { name: "New gateway" }).click();
    const dialog = this.page.getByRole("dialog", { name: "New gateway" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Create gateway" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  gatewayId(): string {
    return new URL(this.page.url()).pathname.split("/")[2];
  }

  /** Opens "Add target" and picks a kind; answers the dialog to fill. */
  async openAddTarget(kind: "Inline tools" | "MCP server" | "OpenAPI", name: string) {
    await this.page.getByRole("button", { name: "Add target" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Add target" });
    await dialog.getByRole("radio", { name: kind }).check();
    await dialog.getByLabel("Target name").fill(name);
    return dialog;
  }

  /** Submits the open dialog and waits until the target is on the page (closing the warnings view if shown). */
  async submitTarget(name: string) {
    const dialog = this.page.getByRole("dialog", { name: "Add target" });
    await dialog.getByRole("button", { name: "Add target" }).click();
    const group = this.target(name);
    await expect(group.or(dialog.getByRole("button", { name: "Done" }))).toBeVisible({ timeout: 30_000 });
    if (await dialog.getByRole("button", { name: "Done" }).isVisible()) await dialog.getByRole("button", { name: "Done" }).click();
    await expect(group).toBeVisible();
    await expect(dialog).toBeHidden();
  }

  target(name: string) {
    return this.page.getByRole("group", { name: `Target ${name}` });
  }

  tool(mcpName: string) {
    return this.page.getByRole("article", { name: `Tool ${mcpName}` });
  }

  async createEngine(mode: "LOG_ONLY" | "ENFORCE") {
    const form = this.page.getByRole("form", { name: "Create policy engine" });
    await form.getByRole("radio", { name: mode }).check();
    await form.getByRole("button", { name: "Create policy engine and attach" }).click();
    await expect(this.page.getByTestId("engine-mode").first()).toContainText(mode);
  }
}
