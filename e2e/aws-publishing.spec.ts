import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { PublishPage } from "./pages/publish-page";

// The "aws" project runs the console with AGENTCORE_BACKEND=aws against the fake control plane.
const fake = `http://127.0.0.1:${process.env.E2E_FAKE_AGENTCORE_PORT}`;
const ARN = "arn:aws:bedrock-agentcore:us-east-1:111122223333:gateway/paymentsgateway-a1b2c3d4e5";
const CREATE = `action == AgentCore::Action::"PaymentsTarget___create_payment", resource == AgentCore::Gateway::"${ARN}"`;

async function inject(operation: string, error: string, status: number, count: number, message?: string) {
  await fetch(`${fake}/__fake/faults`, { method: "POST", body: JSON.stringify({ operation, error, status, count, message }) });
}

async function livePolicies(): Promise<Array<{ name: string; statement: string }>> {
  return (await (await fetch(`${fake}/__fake/state`)).json()).policies;
}

test.beforeEach(async () => {
  await fetch(`${fake}/__fake/reset`, { method: "POST" });
});

test("a publish the service half-refuses says what was applied, what failed and what was not tried; Retry finishes it", async ({ page, gateways, offsiteRequests: _ }) => {
  const ws = new PolicyWorkspacePage(page);
  const pub = new PublishPage(page);
  await ws.openFor("PaymentsGateway");
  await ws.discardDraft();
  await ws.setText(
    [
      '@id("payment_limit")',
      '@description("Payments under $200")',
      `permit(principal, ${CREATE}) when { context.input.amount < 20000 };`,
      "",
      '@id("no_gbp")',
      `forbid(principal, ${CREATE}) when { context.input.currency == "GBP" };`,
      "",
      '@id("reads")',
      `permit(principal, action == AgentCore::Action::"PaymentsTarget___get_payment", resource == AgentCore::Gateway::"${ARN}");`,
      "",
    ].join("\n"),
  );
  await ws.expectClean();
  await ws.expectSaved();

  await pub.reviewFromWorkspace();
  await expect(pub.change("payment_limit", "changed")).toBeVisible();
  await expect(pub.change("no_gbp", "added")).toBeVisible();
  await expect(pub.change("reads", "added")).toBeVisible();
  // The forbid goes in first, the new permit last.
  await expect(pub.operations().getByRole("listitem").first()).toContainText("CreatePolicy no_gbp");
  await expect(pub.operations().getByRole("listitem").last()).toContainText("CreatePolicy reads");

  // Outlasts the SDK's retries: the update fails after the forbid was created.
  await inject("UpdatePolicy", "InternalServerException", 500, 4);
  await pub.publish("Tighten payments");
  await expect(pub.result.getByRole("alert")).toContainText("Partly applied (1 of 3 steps); not applied: payment_limit, reads");
  await expect(pub.result.getByRole("list", { name: "Applied" })).toContainText("no_gbp");
  await expect(pub.result.getByRole("list", { name: "Failed" })).toContainText("payment_limit");
  await expect(pub.result.getByRole("list", { name: "Failed" })).toContainText("HTTP 500");
  await expect(pub.result.getByRole("list", { name: "Not attempted" })).toContainText("reads");
  await expect(pub.result.getByRole("button", { name: /Roll back to version/ })).toBeVisible();
  // The engine holds exactly the applied part.
  expect((await livePolicies()).map((p) => p.name).sort()).toEqual(["no_gbp", "payment_limit"]);

  await pub.result.getByRole("button", { name: "Retry" }).click();
  await expect(pub.result.getByRole("status")).toContainText(/Published as version \d+/);
  expect((await livePolicies()).map((p) => p.name).sort()).toEqual(["no_gbp", "payment_limit", "reads"]);

  await pub.result.getByRole("link", { name: "View the published policies" }).click();
  await expect(gateways.policy("payment_limit")).toContainText("context.input.amount < 20000");
  await expect(gateways.policy("reads")).toBeVisible();

  await pub.historyTab();
  const audit = page.getByRole("table", { name: "Audit log" });
  await expect(audit).toContainText("partial");
});

test("the service's own validation refusal is shown in its words and nothing is applied", async ({ page, offsiteRequests: _ }) => {
  const ws = new PolicyWorkspacePage(page);
  const pub = new PublishPage(page);
  await ws.openFor("PaymentsGateway");
  await ws.discardDraft();
  await ws.appendText(`\n@id("gbp_ok")\npermit(principal, ${CREATE}) when { context.input.currency == "GBP" };\n`);
  await ws.expectClean();
  await ws.expectSaved();

  await pub.reviewFromWorkspace();
  await inject("CreatePolicy", "ValidationException", 400, 1, "Policy failed validation: overly permissive");
  await pub.publish("Allow GBP");
  await expect(pub.result.getByRole("alert")).toContainText("Nothing was applied.");
  await expect(pub.result.getByRole("list", { name: "Failed" })).toContainText("Policy failed validation: overly permissive");
  expect((await livePolicies()).map((p) => p.name)).toEqual(["payment_limit"]);
  await ws.openFor("PaymentsGateway");
  await ws.discardDraft();
});

test("a gateway without a policy engine gets one, attached in LOG_ONLY, from its page", async ({ page, gateways, offsiteRequests: _ }) => {
  await gateways.open();
  await gateways.openGateway("SupportGateway");
  const form = page.getByRole("form", { name: "Create policy engine" });
  await expect(form.getByRole("radio", { name: /LOG_ONLY/ })).toBeChecked();
  await form.getByRole("button", { name: "Create policy engine and attach" }).click();
  await expect(page.getByTestId("engine-mode").first()).toHaveText("LOG_ONLY");
  const before = await supportGateway();
  expect(before.policyEngineConfiguration).toMatchObject({ mode: "LOG_ONLY" });

  // The switch to ENFORCE rewrites the gateway with everything else it had, unchanged.
  const dialog = await new PublishPage(page).switchMode("ENFORCE");
  await dialog.getByRole("button", { name: "Switch to ENFORCE" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("engine-mode").first()).toHaveText("ENFORCE");
  const after = await supportGateway();
  const { policyEngineConfiguration, updatedAt: _u, ...rest } = after;
  const { policyEngineConfiguration: _p, updatedAt: _b, ...restBefore } = before;
  expect(policyEngineConfiguration).toEqual({ ...before.policyEngineConfiguration, mode: "ENFORCE" });
  expect(rest).toEqual(restBefore);
});

/** SupportGateway as the fake holds it, once an update has settled (UPDATING → READY). */
async function supportGateway() {
  let gateway: Record<string, unknown> & { status?: string; policyEngineConfiguration?: Record<string, unknown> } = {};
  await expect
    .poll(async () => {
      const state = await (await fetch(`${fake}/__fake/state`)).json();
      gateway = state.gateways.find((g: { name: string }) => g.name === "SupportGateway");
      return gateway.status;
    })
    .toBe("READY");
  return gateway;
}
