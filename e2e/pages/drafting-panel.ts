import { expect, type Locator, type Page } from "@playwright/test";
import type { PolicyWorkspacePage } from "./policy-workspace";

/** The workspace's "Draft with AI" panel. */
export class DraftingPanel {
  panel!: Locator;

  constructor(
    readonly page: Page,
    readonly ws: PolicyWorkspacePage,
  ) {}

  async draft(request: string, drafter?: string) {
    this.panel = await this.ws.openPanel("Draft with AI");
    await this.panel.getByLabel("Policy request").fill(request);
    if (drafter) await this.panel.getByRole("combobox", { name: "Drafter" }).selectOption({ label: drafter });
    await this.panel.getByRole("button", { name: "Generate" }).click();
    await expect(this.panel.getByTestId("draft-status")).toBeVisible();
    return this.panel.getByRole("region", { name: "Draft", exact: true });
  }
}
