import { expect, type Locator, type Page } from "@playwright/test";
import type { PolicyWorkspacePage } from "./policy-workspace";

/** The Simulate panel's JSON-RPC body in raw JSON (the panel shows the arguments as a form until Raw JSON is pressed). */
export async function rawRequest(simulate: Locator): Promise<Locator> {
  const toggle = simulate.getByRole("button", { name: "Raw JSON" });
  const body = simulate.getByLabel("JSON-RPC request");
  // A call opened from elsewhere starts the panel afresh, form first: press again until the body shows.
  await expect(async () => {
    if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
    await expect(body).toBeVisible({ timeout: 1_000 });
  }).toPass();
  return body;
}

/** The workspace's Simulate, Suites, Matrix and Impact panels. */
export class SimulationPanel {
  constructor(
    readonly page: Page,
    readonly ws: PolicyWorkspacePage,
  ) {}

  /** Replays a tools/call of `tool` with `args` as `persona` against the editor's text; answers the result region. */
  async replay(tool: string, persona: string, args: Record<string, unknown>) {
    const panel = await this.ws.openPanel("Simulate");
    await panel.getByRole("combobox", { name: "Tool" }).selectOption(tool);
    await panel.getByRole("combobox", { name: "Persona" }).selectOption(persona);
    await (await rawRequest(panel)).fill(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool, arguments: args } }, null, 2));
    await panel.getByRole("button", { name: "Run against the editor" }).click();
    return panel.getByRole("region", { name: "Simulation result" });
  }

  /** Puts a tools/call of `tool` with `args` in the Simulate panel's body and adds it to the session being built. */
  async addToSession(tool: string, args: Record<string, unknown>) {
    const panel = await this.ws.openPanel("Simulate");
    await panel.getByRole("combobox", { name: "Tool" }).selectOption(tool);
    await (await rawRequest(panel)).fill(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool, arguments: args } }, null, 2));
    await this.session().getByRole("button", { name: "Add this call to the session" }).click();
  }

  /** Runs the session against the editor's text; answers the list of per-call results. */
  async runSession() {
    await this.session().getByRole("button", { name: "Run session against the editor" }).click();
    return this.session().getByRole("list", { name: "Session results" });
  }

  session() {
    return this.ws.panel("Simulate").getByRole("region", { name: "Session" });
  }

  /** Saves the replayed call as a test case in `suite`, expecting the decision shown unless told otherwise. */
  async saveCase(result: Locator, opts: { suite: string; name?: string; expected?: "ALLOW" | "DENY" }) {
    const form = result.getByRole("form", { name: "Save as test case" });
    if (opts.name) await form.getByLabel("Case name").fill(opts.name);
    await form.getByLabel("Suite").fill(opts.suite);
    if (opts.expected) await form.getByLabel("Expect").selectOption(opts.expected);
    await form.getByRole("button", { name: "Save as test case" }).click();
    await expect(form.getByRole("status")).toContainText("Saved");
  }

  /** Runs one suite in the Suites panel; answers the panel. */
  async runSuite(suite: string) {
    const panel = await this.ws.openPanel("Suites");
    await panel.getByRole("combobox", { name: "Suite" }).selectOption(suite);
    await panel.getByRole("button", { name: "Run suite" }).click();
    return panel;
  }
}
