import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** The console's main pages for a gateway, as a user reaches them. */
export function mainPages(gatewayId: string) {
  const base = `/gateways/${gatewayId}`;
  return [
    { name: "gateways list", path: "/", ready: (p: Page) => expect(p.getByRole("table").getByTestId("gateway-status").first()).toBeVisible() },
    { name: "overview", path: base, ready: (p: Page) => expect(p.getByRole("heading", { name: "Policy engine" })).toBeVisible() },
    { name: "policy workspace", path: `${base}/policies`, ready: (p: Page) => expect(p.locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 30_000 }) },
    { name: "publish", path: `${base}/publish`, ready: (p: Page) => expect(p.getByRole("heading", { level: 1 })).toBeVisible() },
    { name: "history", path: `${base}/history`, ready: (p: Page) => expect(p.getByRole("heading", { name: "Audit log" })).toBeVisible() },
    { name: "connect", path: `${base}/connect`, ready: (p: Page) => expect(p.getByRole("tab", { name: "Connect", selected: true })).toBeVisible() },
    { name: "decisions", path: `${base}/decisions`, ready: (p: Page) => expect(p.getByRole("heading", { name: "Decision log", exact: true })).toBeVisible() },
  ];
}

export async function gatewayId(request: APIRequestContext, name: string): Promise<string> {
  const { gateways } = await (await request.get("/api/gateways")).json();
  return gateways.find((g: { name: string }) => g.name === name).gatewayId;
}

/** axe-core's serious and critical findings (WCAG 2.1 A/AA and best practices), one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** How far the page is wider than the window (0 when nothing overflows horizontally). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Calls a tool through the local gateway as a persona, as an agent would (token, then tools/call). */
export async function callAs(request: APIRequestContext, id: string, persona: string, tool: string, args: Record<string, unknown>) {
  const info = await (await request.get(`/api/gateways/${id}/connect`)).json();
  const client = info.clients.find((c: { persona: string }) => c.persona === persona);
  const form = `grant_type=client_credentials&client_id=${encodeURIComponent(client.clientId)}&client_secret=${encodeURIComponent(client.clientSecret)}`;
  const token = await (await request.post(info.tokenEndpoint, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: form })).json();
  const res = await request.post(info.mcpUrl, {
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token.access_token}` },
    data: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool, arguments: args } },
  });
  return res.json();
}
