import { expect, type Page } from "@playwright/test";

/** The gateways list and a gateway's overview, behind verbs a user would use. */
export class GatewaysPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Gateways" })).toBeVisible();
  }

  row(name: string) {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  async filter(text: string) {
    await this.page.getByLabel("Filter gateways by name").fill(text);
  }

  async openGateway(name: string) {
    await this.page.getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  tool(mcpName: string) {
    return this.page.getByRole("article", { name: `Tool ${mcpName}` });
  }

  policy(name: string) {
    return this.page.getByRole("article", { name: `Policy ${name}` });
  }
}
