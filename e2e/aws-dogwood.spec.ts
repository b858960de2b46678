import { expect, test } from "./fixtures";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { PublishPage } from "./pages/publish-page";

// The "aws" project runs the console with AGENTCORE_BACKEND=aws against the fake control plane,
// reset here to its Dogwood seed: PaymentsEngine holds a temporal policy under definition.policy
// (pay_after_lookup) and one made from a generation asset (generated_reads).
const fake = `http://127.0.0.1:${process.env.E2E_FAKE_AGENTCORE_PORT}`;
const ARN = "arn:aws:bedrock-agentcore:us-east-1:111122223333:gateway/paymentsgateway-a1b2c3d4e5";
const ACTION = (t: string) => `AgentCore::Action::"PaymentsTarget___${t}"`;
const SCOPE = (t: string) => `principal, action == ${ACTION(t)}, resource == AgentCore::Gateway::"${ARN}"`;

interface LivePolicy {
  name: string;
  statement: string;
  definitionKind: string;
  generation?: unknown;
  updatedAt: string;
}

async function fakeState(): Promise<{ policies: LivePolicy[]; calls: string[] }> {
  return (await fetch(`${fake}/__fake/state`)).json();
}

test.beforeEach(async () => {
  await fetch(`${fake}/__fake/reset`, { method: "POST", body: JSON.stringify({ seed: "dogwood" }) });
});
test.afterAll(async () => {
  await fetch(`${fake}/__fake/reset`, { method: "POST" });
});

test("a temporal policy and a generated one are kept as the engine holds them across a publish that adds a policy", async ({ page, gateways }) => {
  const before = await fakeState();
  const temporal = before.policies.find((p) => p.name === "pay_after_lookup")!;
  const generated = before.policies.find((p) => p.name === "generated_reads")!;

  // The published view says which definition holds each policy.
  await gateways.open();
  await gateways.openGateway("PaymentsGateway");
  await expect(gateways.policy("pay_after_lookup")).toContainText("Dogwood");
  await expect(gateways.policy("pay_after_lookup")).toContainText("formerly within 1h");
  await expect(gateways.policy("generated_reads")).toContainText("from a generation");
  await expect(gateways.policy("payment_limit")).toContainText("Cedar");

  const ws = new PolicyWorkspacePage(page);
  const pub = new PublishPage(page);
  await ws.openFor("PaymentsGateway");
  await ws.discardDraft();
  // The temporal statement is in the draft in full, marked Dogwood in the outline, and checks clean.
  await expect(page.getByRole("navigation", { name: "Policies in the draft" })).toContainText(/pay_after_lookup\s*Dogwood/);
  await expect(page.getByTestId("problem-count")).toHaveText(/^0 errors, 0 warnings/);
  await ws.appendText(`\n@id("no_gbp")\nforbid(${SCOPE("create_payment")}) when { context.input.currency == "GBP" };\n`);
  await expect(page.getByTestId("problem-count")).toHaveText(/^0 errors, 0 warnings/);
  await ws.expectSaved();

  await pub.reviewFromWorkspace();
  await expect(pub.change("no_gbp", "added")).toBeVisible();
  await expect(pub.operations().getByRole("listitem")).toHaveCount(1);
  await pub.publish("Refuse GBP payments");
  await expect(pub.result.getByRole("status")).toContainText(/Published as version \d+/);

  const after = await fakeState();
  // Only the new policy was sent; the temporal and the generated policy were not touched.
  expect(after.calls.filter((c) => /^(Create|Update|Delete)Policy$/.test(c))).toEqual(["CreatePolicy"]);
  expect(after.policies.find((p) => p.name === "pay_after_lookup")).toEqual(temporal);
  expect(after.policies.find((p) => p.name === "generated_reads")).toEqual(generated);
  expect(after.policies.find((p) => p.name === "no_gbp")).toMatchObject({ definitionKind: "cedar" });
});

test("a new temporal policy written in the editor is created under definition.policy", async ({ page }) => {
  const ws = new PolicyWorkspacePage(page);
  const pub = new PublishPage(page);
  await ws.openFor("PaymentsGateway");
  await ws.discardDraft();
  await ws.appendText(
    `\n@id("one_payment_a_minute")\nforbid(${SCOPE("create_payment")})\nwhen temporal { formerly within 1m ${ACTION("create_payment")}::response{ eventResource: resource } };\n`,
  );
  await expect(page.getByTestId("problem-count")).toHaveText(/^0 errors, 0 warnings/);
  // What only the service checks is said as a note, beside Cedar's diagnostics.
  await expect(ws.problems).toContainText("checked by the service when published");
  await ws.expectSaved();

  await pub.reviewFromWorkspace();
  await expect(pub.change("one_payment_a_minute", "added")).toBeVisible();
  await pub.publish("One payment a minute");
  await expect(pub.result.getByRole("status")).toContainText(/Published as version \d+/);
  const created = (await fakeState()).policies.find((p) => p.name === "one_payment_a_minute");
  expect(created).toMatchObject({ definitionKind: "policy" });
  expect(created!.statement).toContain("when temporal { formerly within 1m");
});
