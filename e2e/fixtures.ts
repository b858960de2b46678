import { test as base, expect } from "@playwright/test";
import { GatewaysPage } from "./pages/gateways-page";

type Fixtures = { gateways: GatewaysPage; offsiteRequests: string[]; pageErrors: string[] };

/**
 * Every page in every spec records requests that would leave 127.0.0.1; the offline spec asserts
 * on them, and the rest fail loudly if a CDN or web font slips in. Every spec also fails on an
 * uncaught error in the page (Monaco's disposal errors surface this way) and on anything the
 * console's Content-Security-Policy blocked.
 */
export const test = base.extend<Fixtures>({
  offsiteRequests: async ({ page }, use) => {
    const offsite: string[] = [];
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (url.protocol.startsWith("http") && url.hostname !== "127.0.0.1" && url.hostname !== "localhost") offsite.push(req.url());
    });
    await use(offsite);
    expect(offsite, "requests that left 127.0.0.1").toEqual([]);
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.name}: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error" && /Content.Security.Policy/i.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`Content-Security-Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"} (${e.sourceFile}:${e.lineNumber})`));
      });
      await use(errors);
      expect(errors, "uncaught page errors and Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  gateways: async ({ page, offsiteRequests: _ }, use) => {
    await use(new GatewaysPage(page));
  },
});

export { expect };
