import { expect, test } from "./fixtures";
import { ConnectPage, DecisionLogPage, parseCurl } from "./pages/connect-page";

const ALLOW_500 =
  '{"jsonrpc":"2.0","id":1,"result":{"isError":false,"content":[{"type":"text","text":"{\\"status\\":\\"success\\",\\"message\\":\\"Refund of $500 processed successfully\\",\\"amount\\":500}"}]}}';
const DENY =
  '{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to no determining policies]"}}';

test("a developer connects to the local RefundGateway with the curl command, sees the calls in the decision log, and saves one as a test case", async ({
  gateways,
  page,
  context,
  request,
}) => {
  await gateways.open();
  await gateways.openGateway("RefundGateway");
  const gatewayId = new URL(page.url()).pathname.split("/")[2];

  const connect = new ConnectPage(page);
  await connect.open(gatewayId);
  expect(await connect.mcpUrl()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/mcp/${gatewayId}$`));
  expect(await connect.tokenEndpoint()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/token$/);
  await expect(connect.client("refund-agent")).toContainText("role: refund-agent");

  // The page masks the secret in the command as everywhere else; the copy button copies the working command.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await connect.copyCurl("refund-agent");
  const masked = (await connect.curl("refund-agent").textContent())!;
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(masked).toContain("••••");

  const secret = await connect.revealSecret("refund-agent");
  expect(masked).not.toContain(secret);
  await expect(connect.curl("refund-agent")).toHaveText(command);
  const curl = parseCurl(command);
  expect(curl.form).toContain(`client_secret=${secret}`);
  expect(JSON.parse(curl.body)).toEqual({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount: 500 } } });

  // Do what the command does: fetch a token, then call the tool (allowed), then over the limit (denied).
  const tokenRes = await request.post(curl.tokenEndpoint, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: curl.form });
  expect(tokenRes.status()).toBe(200);
  const { access_token: token } = await tokenRes.json();
  const callTool = (body: string) =>
    request.post(curl.mcpUrl, { headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, data: body });
  const allowed = await callTool(curl.body);
  expect(allowed.status()).toBe(200);
  expect(await allowed.text()).toBe(ALLOW_500);
  const denied = await callTool(curl.body.replace('"amount":500', '"amount":2000'));
  expect(denied.status()).toBe(200);
  expect(await denied.text()).toBe(DENY);
  expect((await callTool(curl.body)).status()).toBe(200);
  const noToken = await request.post(curl.mcpUrl, { headers: { "Content-Type": "application/json" }, data: curl.body });
  expect(noToken.status()).toBe(401);
  expect(noToken.headers()["www-authenticate"]).toMatch(/^Bearer /);

  // Both calls are in the decision log; the denial can become a test case.
  const log = new DecisionLogPage(page);
  await log.open(gatewayId);
  await expect(log.rows().filter({ hasText: '{"amount":500}' }).first()).toContainText("ALLOW");
  await log.filterDecision("DENY");
  const deniedRow = log.rows().filter({ hasText: '{"amount":2000}' }).first();
  await expect(deniedRow).toContainText("blocked");
  await expect(deniedRow).toContainText("refund-agent");
  await log.addToSuite(deniedRow);

  const api = await request.get(`/api/gateways/${gatewayId}/decisions?decision=DENY&q=2000`);
  const { decisions } = await api.json();
  expect(decisions[0]).toMatchObject({ tool: "RefundTarget___process_refund", arguments: { amount: 2000 }, decision: "DENY", blocked: true, persona: "refund-agent" });
  // The test case API answers for that decision too (the UI's button used it).
  const again = await request.post(`/api/gateways/${gatewayId}/decisions/${decisions[0].id}/test-case`, { data: { suite: "e2e" } });
  expect(again.status()).toBe(201);
  expect((await again.json()).testCase).toMatchObject({ suite: "e2e", expected: "DENY", request: { params: { arguments: { amount: 2000 } } } });
});
