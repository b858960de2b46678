import { expect, test } from "./fixtures";
import { EvidencePanel } from "./pages/evidence-panel";

test("the local workspace charts its own decision log, and the gateways list loads no chart code", async ({ gateways, page, request }) => {
  const chartCode: string[] = [];
  page.on("response", async (res) => {
    if (res.request().resourceType() === "script" && /uPlot|u-legend/.test(await res.text().catch(() => ""))) chartCode.push(res.url());
  });
  await gateways.open();
  await expect(gateways.row("RefundGateway")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(chartCode, "chart library fetched by the gateways list").toEqual([]);

  // Two calls through the local MCP gateway: one allowed, one over the limit.
  const { gateways: list } = await (await request.get("/api/gateways")).json();
  const refund = list.find((g: { name: string }) => g.name === "RefundGateway");
  const connect = await (await request.get(`/api/gateways/${refund.gatewayId}/connect`)).json();
  const client = connect.clients.find((c: { persona: string }) => c.persona === "refund-agent");
  const token = await request.post(connect.tokenEndpoint, { form: { grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret } });
  const { access_token } = await token.json();
  for (const amount of [500, 2000]) {
    const body = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount } } };
    expect((await request.post(connect.mcpUrl, { headers: { Authorization: `Bearer ${access_token}` }, data: body })).status()).toBe(200);
  }

  await gateways.openGateway("RefundGateway");
  const evidence = new EvidencePanel(page);
  await expect(evidence.card).toContainText("local decision log");
  await evidence.expectDrawn("Allowed vs denied");
  await expect(evidence.chart("Allowed vs denied")).toContainText(/Allowed: [1-9]\d* in range/);
  await expect(evidence.card).toContainText("does not record latency");
  await evidence.chooseRange("Last 7 days");
  await evidence.expectDrawn("Allowed vs denied");

  await page.getByRole("tab", { name: "Decisions" }).click();
  await evidence.expectDrawn("Allowed vs denied");
  await expect(evidence.importCard).toHaveCount(0); // spans are an AWS thing
});
