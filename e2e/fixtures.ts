import { test as base, expect } from "@playwright/test";
import { GatewaysPage } from "./pages/gateways-page";

type Fixtures = { gateways: GatewaysPage; offsiteRequests: string[] };

/**
 * Every page in every spec records requests that would leave 127.0.0.1; the offline spec asserts
 * on them, and the rest fail loudly if a CDN or web font slips in.
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
  gateways: async ({ page, offsiteRequests: _ }, use) => {
    await use(new GatewaysPage(page));
  },
});

export { expect };
