import { expect, type Browser, type Page } from "@playwright/test";
import { TEST_USERS } from "../../scripts/oidc-provider/users";

export type TestUserKey = keyof typeof TEST_USERS;

/** The second console instance of the team project (the first is the project's baseURL). */
export const instanceB = () => `http://127.0.0.1:${process.env.E2E_TEAM_B_PORT}`;

/**
 * Signs in through the test identity provider as a person would: the console sends the browser
 * there, the login form takes the user's name and password, and the provider sends it back.
 */
export async function signIn(page: Page, who: TestUserKey, path = "/") {
  const user = TEST_USERS[who];
  await page.goto(path);
  await expect(page.getByRole("heading", { name: /Sign in to/ })).toBeVisible();
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account")).toContainText(user.username);
}

/** A fresh browser context (its own cookies), signed in as `who`. */
export async function signedIn(browser: Browser, who: TestUserKey, path = "/"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who, path);
  return page;
}

export async function gatewayIdOf(page: Page, name: string): Promise<string> {
  const res = await page.request.get("/api/gateways");
  expect(res.ok()).toBe(true);
  const { gateways } = (await res.json()) as { gateways: Array<{ gatewayId: string; name: string }> };
  return gateways.find((g) => g.name === name)!.gatewayId;
}

/** The gateway's published version (etag) and set, read as the signed-in user. */
export async function publishedOf(page: Page, gatewayId: string, base = "") {
  const res = await page.request.get(`${base}/api/gateways/${gatewayId}/policies`);
  const body = (await res.json()) as { published: Array<{ name: string; statement: string }>; draft: { baseVersion: string } };
  return { names: body.published.map((p) => p.name), text: body.published.map((p) => `@id("${p.name}")\n${p.statement}`).join("\n\n"), baseVersion: body.draft.baseVersion };
}
