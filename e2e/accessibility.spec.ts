import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { gatewayId, mainPages, seriousA11yViolations } from "./pages/page-quality";

test.describe("accessibility and the keyboard", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`axe finds no serious or critical violation on any main page, nor in an open dialog (${colorScheme})`, async ({ page, request, offsiteRequests: _ }) => {
      // Seven pages, Monaco among them, each read whole by axe: most of a minute on a busy two-core machine.
      test.setTimeout(120_000);
      const id = await gatewayId(request, "RefundGateway");
      await page.emulateMedia({ colorScheme });
      for (const p of mainPages(id)) {
        await page.goto(p.path);
        await p.ready(page);
        expect(await seriousA11yViolations(page), `axe on the ${p.name} page`).toEqual([]);
      }
      await page.goto(`/gateways/${id}`);
      await page.getByRole("button", { name: "Switch gateway to LOG_ONLY" }).click();
      const dialog = page.getByRole("dialog", { name: /Switch RefundGateway from ENFORCE to LOG_ONLY/ });
      await expect(dialog.getByTestId("mode-evidence-summary")).toBeVisible();
      expect(await seriousA11yViolations(page), "axe with the mode dialog open").toEqual([]);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    });
  }

  test("a diff keeps both sides' accessible names when it folds into one column and back", async ({ page, request, offsiteRequests: _ }) => {
    const id = await gatewayId(request, "RefundGateway");
    const { draft } = await (await request.get(`/api/gateways/${id}/policies`)).json();
    const saved = await request.put(`/api/gateways/${id}/draft`, { data: { text: `${draft.text}\n// a reviewed note\n` } });
    expect(saved.ok(), await saved.text()).toBe(true);
    try {
      await page.goto(`/gateways/${id}/publish`);
      const diff = page.getByTestId("publish-diff");
      await expect(diff).toContainText("a reviewed note", { timeout: 30_000 });
      const sides = diff.locator('[role="textbox"]');
      const names = () => sides.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
      for (const width of [700, 1280, 700]) {
        await page.setViewportSize({ width, height: 800 });
        await expect.poll(names).toEqual([expect.stringMatching(/, before$/), expect.stringMatching(/, after$/)]);
      }
      expect(await seriousA11yViolations(page), "axe with the diff folded").toEqual([]);
      await page.emulateMedia({ colorScheme: "dark" });
      await page.reload();
      await expect(diff).toContainText("a reviewed note", { timeout: 30_000 });
      expect(await seriousA11yViolations(page), "axe with the diff folded, dark").toEqual([]);
    } finally {
      await request.delete(`/api/gateways/${id}/draft`);
    }
  });

  test("a skip link comes first and moves to the page's content", async ({ page, offsiteRequests: _ }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test("dialogs trap focus, close on Escape and give focus back; no native confirm() anywhere", async ({ page, request, offsiteRequests: _ }) => {
    page.on("dialog", (d) => {
      throw new Error(`a native ${d.type()} dialog opened: ${d.message()}`);
    });
    const id = await gatewayId(request, "RefundGateway");
    await page.goto(`/gateways/${id}`);
    const opener = page.getByRole("button", { name: "Switch gateway to LOG_ONLY" });
    await opener.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: /Switch RefundGateway/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Switch to LOG_ONLY" })).toBeEnabled();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement)), "focus stays inside the dialog").toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    const ws = new PolicyWorkspacePage(page);
    await page.goto(`/gateways/${id}/policies`);
    await ws.waitReady();
    const discard = page.getByRole("button", { name: "Discard draft" });
    await discard.click();
    const ask = page.getByRole("dialog", { name: "Discard the draft?" });
    await expect(ask).toContainText("Your edits are lost.");
    await expect(ask.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(ask).toBeHidden();
    await expect(discard).toBeFocused();
  });

  test("tab strips follow the ARIA tabs pattern: arrows move, Home/End jump, links open on Enter", async ({ page, request, offsiteRequests: _ }) => {
    const id = await gatewayId(request, "RefundGateway");
    await page.goto(`/gateways/${id}`);
    const sections = page.getByRole("tablist", { name: "Gateway sections" });
    await sections.getByRole("tab", { name: "Overview", selected: true }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(sections.getByRole("tab", { name: "Policy workspace" })).toBeFocused();
    // Arrowing across links moves focus only; Enter opens the section.
    await expect(page).toHaveURL(new RegExp(`/gateways/${id}$`));
    await page.keyboard.press("End");
    await expect(sections.getByRole("tab", { name: "Decisions" })).toBeFocused();
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowLeft");
    await expect(sections.getByRole("tab", { name: "Decisions" })).toBeFocused();
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    await expect(sections.getByRole("tab", { name: "Policy workspace" })).toBeFocused();
    await page.keyboard.press("Enter");
    const ws = new PolicyWorkspacePage(page);
    await ws.waitReady();
    await expect(page.getByRole("tab", { name: "Policy workspace", selected: true })).toBeVisible();

    const tools = page.getByRole("tablist", { name: "Workspace tools" });
    await tools.getByRole("tab", { name: "Draft with AI" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(tools.getByRole("tab", { name: "Simulate", selected: true })).toBeFocused();
    await expect(ws.panel("Simulate")).toBeVisible();
    await page.keyboard.press("End");
    await expect(tools.getByRole("tab", { name: "Impact", selected: true })).toBeFocused();
    await expect(ws.panel("Impact")).toBeVisible();
    // Only the selected tab is in the Tab order.
    await expect(tools.getByRole("tab", { name: "Simulate" })).toHaveAttribute("tabindex", "-1");

    const view = page.getByRole("tablist", { name: "Workspace view" });
    await view.getByRole("tab", { name: "Policies" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(view.getByRole("tab", { name: "Schema", selected: true })).toBeFocused();
    await expect(page.getByRole("tabpanel", { name: "Schema", exact: true }).getByLabel("Generated schema")).toBeVisible();
    await page.keyboard.press("ArrowLeft");
    await expect(view.getByRole("tab", { name: "Policies", selected: true })).toBeFocused();
  });

  test("the editor says how to leave it with the keyboard, and Escape does", async ({ page, request, offsiteRequests: _ }) => {
    const id = await gatewayId(request, "RefundGateway");
    const ws = new PolicyWorkspacePage(page);
    await page.goto(`/gateways/${id}/policies`);
    await ws.waitReady();
    await expect(page.getByText("Esc leaves the editor")).toBeVisible();
    await ws.focusEditor();
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest(".monaco-editor")))).toBe(true);
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest(".monaco-editor"))), "focus left the editor").toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
  });
});
