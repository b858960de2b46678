import { expect, type Page } from "@playwright/test";
import type { PolicyWorkspacePage } from "./policy-workspace";

/** The workspace's Simulate, Suites, Matrix and Impact panels. */
export class SimulationPanel {
  constructor(
    readonly page: Page,
    readonly ws: PolicyWorkspacePage,
  ) {}

  async replay(tool: string, persona: string, args: Record<string, unknown>) {
    const panel = await this.ws.openPanel("Simulate");
    await panel.getByRole("combobox", { name: "Tool" }).selectOption(tool);
    await panel.getByRole("combobox", { name: "Persona" }).selectOption(persona);
    await panel.getByLabel("JSON-RPC request").fill(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool, arguments: args } }, null, 2));
    await panel.getByRole("button", { name: "Run against the editor" }).click();
    return panel.getByRole("region", { name: "Simulation result" });
  }

  async saveCase(result: ReturnType<SimulationPanel["replay"]> extends Promise<infer L> ? L : never) {
    await result.getByRole("button", { name: /Save as test case/ }).click();
    await expect(result.getByRole("status")).toContainText("Saved");
  }
}
