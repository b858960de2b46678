import { expect, type Locator } from "@playwright/test";

/** The exact analysis (in the Impact panel or the publish review): per-tool relations, examples, findings, personas. */
export class AnalysisView {
  readonly root: Locator;

  constructor(container: Locator) {
    this.root = container.getByRole("region", { name: "Every caller, every argument", exact: true });
  }

  tool(name: string) {
    return this.root.getByRole("article", { name, exact: true });
  }

  /** Waits until the analysis of the current text is shown and the tool has the relation. */
  async expectRelation(tool: string, relation: string) {
    await expect(this.root).toHaveAttribute("aria-busy", "false", { timeout: 30_000 });
    await expect(this.tool(tool).getByTestId("tool-relation")).toHaveText(relation);
  }

  examples(tool: string, kind: "Newly allowed" | "Newly denied") {
    return this.root.getByRole("region", { name: `${kind}: ${tool}` }).getByRole("listitem");
  }

  /** The arguments of an example, as the solver found them. */
  async argumentsOf(example: Locator): Promise<Record<string, unknown>> {
    return JSON.parse((await example.getByTestId("example-arguments").textContent()) ?? "{}") as Record<string, unknown>;
  }

  persona(name: string) {
    return this.root.getByRole("region", { name: `What ${name} can call` });
  }
}
