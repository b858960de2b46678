import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";

const TOOL = "OrdersTarget___list_orders";

test("simulating with a form: fields from the input schema, the same call in Raw JSON, stale results", async ({ page, context, offsiteRequests: _ }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const ws = new PolicyWorkspacePage(page);
  await ws.openFor("OrdersGateway");
  const simulate = await ws.openPanel("Simulate");
  await simulate.getByRole("combobox", { name: "Tool" }).selectOption(TOOL);
  await simulate.getByRole("combobox", { name: "Persona" }).selectOption("support-viewer");

  // The arguments are a form laid out from list_orders' input schema: an enum, a string, an integer.
  const args = simulate.getByRole("group", { name: "Arguments" });
  await expect(args.getByRole("combobox", { name: "status", exact: true })).toHaveValue("");
  await args.getByRole("combobox", { name: "status", exact: true }).selectOption("shipped");
  await args.getByRole("textbox", { name: "customerId", exact: true }).fill("cust-42");
  await args.getByRole("spinbutton", { name: "limit", exact: true }).fill("25");
  await expect(simulate.getByTestId("call-check")).toContainText("the arguments match its input schema");

  await simulate.getByRole("button", { name: "Run against the editor" }).click();
  const result = simulate.getByRole("region", { name: "Simulation result" });
  await expect(result.getByTestId("sim-decision")).toHaveText(/^(ALLOW|DENY)$/);
  await expect(result).toBeInViewport();
  await expect(simulate.getByText("Stale:")).toHaveCount(0);
  // Responses are pretty-printed, each with a Copy button.
  expect(await result.getByTestId("response-log-only").innerText()).toContain('\n  "jsonrpc": "2.0"');
  await result.getByRole("button", { name: "Copy Gateway response with the engine in LOG_ONLY" }).click();
  await expect(result.getByRole("button", { name: "Copy Gateway response with the engine in LOG_ONLY" })).toHaveText("Copied");

  // Raw JSON is one click away and holds the same call.
  const toggle = simulate.getByRole("button", { name: "Raw JSON" });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const body = simulate.getByLabel("JSON-RPC request");
  const sent = JSON.parse(await body.inputValue());
  expect(sent).toEqual({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: TOOL, arguments: { status: "shipped", customerId: "cust-42", limit: 25 } } });

  // Raw edits the form can show come back in the form; ones it cannot keep the body raw, with the reason.
  await body.fill(JSON.stringify({ ...sent, params: { name: TOOL, arguments: { status: "delivered", limit: 30 } } }, null, 2));
  await expect(simulate.getByText("Stale: the persona, arguments or policies changed since this run — run again.")).toBeVisible();
  await toggle.click();
  await expect(args.getByRole("spinbutton", { name: "limit", exact: true })).toHaveValue("30");
  await expect(args.getByRole("combobox", { name: "status", exact: true })).toHaveValue(/\d/);
  await expect(args.getByRole("combobox", { name: "status", exact: true }).locator("option:checked")).toHaveText("delivered");
  await expect(args.getByRole("textbox", { name: "customerId", exact: true })).toHaveValue("");
  await toggle.click();
  await body.fill(JSON.stringify({ ...sent, params: { name: TOOL, arguments: { limit: 30, cursor: "x" } } }));
  await expect(simulate.getByTestId("raw-only")).toContainText('"cursor" is not in the tool\'s input schema');
  await expect(toggle).toBeDisabled();
  await body.fill(JSON.stringify(sent));
  await toggle.click();
  await expect(args.getByRole("spinbutton", { name: "limit", exact: true })).toHaveValue("25");

  // Back to the call that ran: fresh again; another persona, or an edit to the policies, makes it stale.
  await expect(simulate.getByText("Stale:")).toHaveCount(0);
  await simulate.getByRole("combobox", { name: "Persona" }).selectOption("admin");
  await expect(simulate.getByText("Stale: the persona, arguments or policies changed since this run — run again.")).toBeVisible();
  await simulate.getByRole("button", { name: "Run against the editor" }).click();
  await expect(simulate.getByText("Stale:")).toHaveCount(0);
  await ws.appendText("\n// a change after the run\n");
  await expect(simulate.getByText("Stale:")).toBeVisible();
  await ws.discardDraft();
});
