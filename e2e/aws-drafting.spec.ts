import { expect, test } from "./fixtures";
import { DraftingPanel } from "./pages/drafting-panel";
import { PolicyWorkspacePage } from "./pages/policy-workspace";

const fakeClaude = `http://127.0.0.1:${process.env.E2E_FAKE_ANTHROPIC_PORT}`;
const fakeAgentCore = `http://127.0.0.1:${process.env.E2E_FAKE_AGENTCORE_PORT}`;

test.beforeEach(async () => {
  await fetch(`${fakeAgentCore}/__fake/reset`, { method: "POST" });
  await fetch(`${fakeClaude}/__fake/script`, { method: "POST", body: JSON.stringify({ responses: [], reset: true }) });
});

test("Claude's invalid first answer is repaired with the validator's errors before it is shown", async ({ page, offsiteRequests: _ }) => {
  const arn = "arn:aws:bedrock-agentcore:us-east-1:111122223333:gateway/paymentsgateway-a1b2c3d4e5";
  const valid = `@id("small_payments")\npermit(principal, action == AgentCore::Action::"PaymentsTarget___create_payment", resource == AgentCore::Gateway::"${arn}") when { context.input.amount < 10000 };`;
  const submit = (statement: string) => ({ kind: "submit", input: { policies: [{ statement, explanation: "Payments under $100." }], assumptions: ["Amounts are in cents."], questions: [] } });
  await fetch(`${fakeClaude}/__fake/script`, { method: "POST", body: JSON.stringify({ responses: [submit(valid.replace("amount <", "amont <")), submit(valid)] }) });

  const ws = new PolicyWorkspacePage(page);
  await ws.openFor("PaymentsGateway");
  const draft = await new DraftingPanel(page, ws).draft("Payments under $100 may be created");
  await expect(draft.getByTestId("drafter-label")).toHaveText("Claude");
  await expect(draft.getByTestId("draft-status")).toHaveText("repaired after validator feedback");
  await expect(draft.getByRole("group", { name: "Assumptions" })).toContainText("Amounts are in cents.");
  const requests = await (await fetch(`${fakeClaude}/__fake/requests`)).json();
  expect(JSON.stringify(requests[1].messages.at(-1))).toContain("amont");
  await draft.getByRole("button", { name: "Insert" }).click();
  await expect(page.getByRole("navigation", { name: "Policies in the draft" })).toContainText("small_payments");
  await ws.discardDraft();
});

test("AgentCore's own generation is offered as a third drafter, with its findings", async ({ page, offsiteRequests: _ }) => {
  const ws = new PolicyWorkspacePage(page);
  await ws.openFor("PaymentsGateway");
  const draft = await new DraftingPanel(page, ws).draft("Agents may read payments", "AgentCore generation");
  await expect(draft.getByTestId("drafter-label")).toHaveText("AgentCore generation");
  await expect(draft.getByRole("group", { name: "Findings" })).toContainText("VALID — The policy is valid.");
});
