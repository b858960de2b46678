import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AnalysisView } from "./pages/analysis-view";
import { PolicyWorkspacePage } from "./pages/policy-workspace";
import { rawRequest } from "./pages/simulation-panel";
import { PublishPage } from "./pages/publish-page";

const REFUND = "RefundTarget___process_refund";

/** The seeded refund policy with its condition replaced: what a user would type over the published one. */
async function refundPolicy(request: APIRequestContext, when: string) {
  const { gateways } = await (await request.get("/api/gateways")).json();
  const refund = gateways.find((g: { name: string }) => g.name === "RefundGateway");
  return [
    '@id("refund_limit_policy")',
    "permit(",
    "  principal,",
    `  action == AgentCore::Action::"${REFUND}",`,
    `  resource == AgentCore::Gateway::"${refund.gatewayArn}"`,
    ")",
    `when { ${when} };`,
    "",
  ].join("\n");
}

// Both leave RefundGateway's draft as the seed had it (no draft, refund_limit_policy < 1000).
test.describe.serial("exact analysis of a draft against the published set", () => {
  test("raising the refund limit to 1500 is more permissive, with an example in [1000, 1499]; Replay opens it in Simulate", async ({ page, request, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    await ws.openFor("RefundGateway");
    await ws.discardDraft();
    await ws.setText(await refundPolicy(request, "context.input.amount < 1500"));
    await ws.expectClean();

    const panel = await ws.openPanel("Impact");
    const analysis = new AnalysisView(panel);
    await analysis.expectRelation(REFUND, "more permissive");
    const example = analysis.examples(REFUND, "Newly allowed").first();
    const { amount } = await analysis.argumentsOf(example);
    expect(amount).toBeGreaterThanOrEqual(1000);
    expect(amount).toBeLessThanOrEqual(1499);
    await expect(example).toContainText("published DENY");
    await expect(example).toContainText("draft ALLOW");
    await expect(analysis.examples(REFUND, "Newly denied")).toHaveCount(0);
    await expect(analysis.persona("refund-agent")).toContainText("only when amount ≤ 1499");
    await expect(analysis.persona("refund-agent")).toContainText("established by the solver");

    // Replay: the Simulate panel holds the example's caller and body, and the draft allows it.
    await example.getByRole("button", { name: /^Replay / }).click();
    const simulate = ws.panel("Simulate");
    await expect(simulate).toBeVisible();
    await expect(await rawRequest(simulate)).toHaveValue(new RegExp(`"amount": ${amount}`));
    await expect(simulate.getByTestId("sim-principal")).toContainText('AgentCore::OAuthUser::"agent-1"');
    await simulate.getByRole("button", { name: "Run against the editor" }).click();
    await expect(simulate.getByRole("region", { name: "Simulation result" }).getByTestId("sim-decision")).toHaveText("ALLOW");

    // Save as test case: expecting the draft's decision, in the "analysis" suite.
    await ws.openPanel("Impact");
    await example.getByRole("button", { name: /^Save .* as a test case$/ }).click();
    await expect(example.getByRole("status")).toContainText('Saved to suite "analysis", expecting ALLOW.');
    const gatewayId = new URL(page.url()).pathname.split("/")[2];
    const { cases } = await (await request.get(`/api/gateways/${gatewayId}/suites`)).json();
    expect(cases).toContainEqual(expect.objectContaining({ suite: "analysis", expected: "ALLOW", request: expect.objectContaining({ params: { name: REFUND, arguments: { amount } } }) }));

    await ws.discardDraft();
    expect((await request.delete(`/api/gateways/${gatewayId}/suites?suite=analysis`)).ok()).toBe(true);
  });

  test("a role condition is more restrictive, with an example caller lacking the role, in the publish review; Replay opens Simulate", async ({ page, request, offsiteRequests: _ }) => {
    const ws = new PolicyWorkspacePage(page);
    const pub = new PublishPage(page);
    await ws.openFor("RefundGateway");
    await ws.discardDraft();
    await ws.setText(await refundPolicy(request, 'context.input.amount < 1000 && principal.hasTag("role") && principal.getTag("role") == "refund-agent"'));
    await ws.expectClean();
    await ws.expectSaved();

    await pub.reviewFromWorkspace();
    const analysis = new AnalysisView(page.locator("main"));
    await analysis.expectRelation(REFUND, "more restrictive");
    const example = analysis.examples(REFUND, "Newly denied").first();
    await expect(example).toContainText("published ALLOW");
    await expect(example).toContainText("draft DENY");
    await expect(example).not.toContainText("role=refund-agent");
    await expect(analysis.examples(REFUND, "Newly allowed")).toHaveCount(0);
    await expect(analysis.persona("support-viewer")).toContainText("process_refund: never");

    // From another page, Replay opens the workspace on Simulate with the call filled in.
    const { amount } = await analysis.argumentsOf(example);
    await example.getByRole("link", { name: /^Replay / }).click();
    await expect(page).toHaveURL(/\/policies\?panel=simulate&replay=/);
    await ws.waitReady();
    const simulate = ws.panel("Simulate");
    await expect(simulate).toBeVisible();
    await expect(await rawRequest(simulate)).toHaveValue(new RegExp(`"amount": ${amount}`));
    await expect(simulate.getByRole("combobox", { name: "Persona" })).toHaveValue("opened-call");
    await expect(simulate.getByTestId("sim-principal")).not.toContainText("role=refund-agent");
    await simulate.getByRole("button", { name: "Run against the editor" }).click();
    await expect(simulate.getByRole("region", { name: "Simulation result" }).getByTestId("sim-decision")).toHaveText("DENY");

    await ws.discardDraft();
  });
});
