import { expect, type Page } from "@playwright/test";

/** A gateway's Connect panel and decision log, behind the verbs a developer would use. */
export class ConnectPage {
  constructor(readonly page: Page) {}

  async open(gatewayId: string) {
    await this.page.goto(`/gateways/${gatewayId}/connect`);
    await expect(this.page.getByRole("heading", { name: "Endpoints" })).toBeVisible();
  }

  client(persona: string) {
    return this.page.getByRole("article", { name: `Client ${persona}` });
  }

  async mcpUrl() {
    return (await this.page.getByLabel("MCP URL", { exact: true }).textContent())!.trim();
  }

  async tokenEndpoint() {
    return (await this.page.getByLabel("Token endpoint", { exact: true }).textContent())!.trim();
  }

  curl(persona: string) {
    return this.page.getByLabel(`curl command of ${persona}`, { exact: true });
  }

  async copyCurl(persona: string) {
    await this.page.getByRole("button", { name: `Copy curl command of ${persona}` }).click();
    await expect(this.page.getByRole("button", { name: `Copy curl command of ${persona}` })).toHaveText("Copied");
  }

  async revealSecret(persona: string) {
    await this.client(persona).getByRole("button", { name: "Reveal" }).click();
    return (await this.page.getByLabel(`Client secret of ${persona}`, { exact: true }).textContent())!.trim();
  }
}

/** What a curl command from the Connect panel does, parsed back so a test can replay it. */
export function parseCurl(command: string) {
  const quoted = [...command.matchAll(/'((?:[^']|'\\'')*)'/g)].map((m) => m[1].replace(/'\\''/g, "'"));
  const [tokenEndpoint, , form, , mcpUrl, , body] = quoted;
  return { tokenEndpoint, form, mcpUrl, body };
}

export class DecisionLogPage {
  constructor(readonly page: Page) {}

  async open(gatewayId: string) {
    await this.page.goto(`/gateways/${gatewayId}/decisions`);
    await expect(this.page.getByRole("heading", { name: "Decision log" })).toBeVisible();
  }

  async refresh() {
    await this.page.getByRole("button", { name: /^Refresh/ }).click();
  }

  async search(text: string) {
    await this.page.getByLabel("Search recorded calls").fill(text);
  }

  async filterDecision(decision: "ALLOW" | "DENY" | "") {
    await this.page.getByRole("combobox", { name: "Decision", exact: true }).selectOption(decision);
  }

  rows() {
    return this.page.getByRole("table", { name: "Recorded calls" }).getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  /** "Add to test suite": the dialog asks for the suite and the expected decision (default: the recorded one). */
  async addToSuite(row: ReturnType<DecisionLogPage["rows"]>, opts: { suite?: string; expected?: "ALLOW" | "DENY" } = {}) {
    await row.getByRole("button", { name: /to test suite$/ }).click();
    const dialog = this.page.getByRole("dialog", { name: /to a test suite$/ });
    if (opts.suite) await dialog.getByLabel(/^Suite/).fill(opts.suite);
    if (opts.expected) await dialog.getByLabel("Expected decision").selectOption(opts.expected);
    await dialog.getByRole("button", { name: "Add to suite" }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByRole("status")).toContainText("Saved to suite");
  }
}
