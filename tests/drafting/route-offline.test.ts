process.env.DATA_DIR = "memory://drafting-route-offline";
process.env.AGENTCORE_BACKEND = "local";
delete process.env.ANTHROPIC_API_KEY;

import { beforeAll, expect, it } from "vitest";
import * as generateRoute from "@/app/api/gateways/[gatewayId]/draft/generate/route";
import { getControlPlane } from "@/lib/agentcore";

/** Without ANTHROPIC_API_KEY the route drafts offline and says so; asking for Claude says what is missing. */

let refundId: string;
beforeAll(async () => {
  refundId = (await (await getControlPlane()).listGateways()).find((g) => g.name === "RefundGateway")!.gatewayId;
});

const post = (body: unknown) =>
  generateRoute.POST(new Request(`http://127.0.0.1:3000/api/gateways/${refundId}/draft/generate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), {
    params: Promise.resolve({ gatewayId: refundId }),
  });

it("falls back to the offline drafter and says that it is offline", async () => {
  const body = await (await post({ request: "Only the refund-agent role may process refunds, and only under $1000" })).json();
  expect(body).toMatchObject({ drafter: "offline", status: "valid", notice: expect.stringContaining("ANTHROPIC_API_KEY") });
});

it("answers llm-no-key when Claude is asked for explicitly", async () => {
  const res = await post({ request: "Refunds under $1000", drafter: "anthropic" });
  expect(res.status).toBe(503);
  expect((await res.json()).error).toMatchObject({ code: "llm-no-key", message: expect.stringContaining("ANTHROPIC_API_KEY") });
});

it("says plainly when it did not understand", async () => {
  const body = await (await post({ request: "Make everything secure please" })).json();
  expect(body).toMatchObject({ drafter: "offline", status: "invalid", policies: [] });
  expect(body.questions[0]).toMatch(/did not understand/);
});
