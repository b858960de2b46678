import { expect, type Page } from "@playwright/test";

/** The policy-evidence charts and the span import, behind verbs a user would use. */
export class EvidencePanel {
  constructor(readonly page: Page) {}

  get card() {
    return this.page.getByRole("region", { name: /^Policy evidence/ });
  }

  chart(title: string) {
    return this.page.getByRole("figure", { name: title });
  }

  async chooseRange(label: string) {
    await this.card.getByLabel("Time range").selectOption({ label });
  }

  get importCard() {
    return this.page.getByRole("region", { name: "Import recorded calls from AgentCore spans" });
  }

  async importSpans(rangeLabel: string) {
    await this.importCard.getByLabel("Range").selectOption({ label: rangeLabel });
    await this.importCard.getByRole("button", { name: "Import spans" }).click();
  }

  async expectDrawn(title: string) {
    await expect(this.chart(title).locator("canvas").first()).toBeVisible();
  }
}
