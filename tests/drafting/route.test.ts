process.env.DATA_DIR = "memory://drafting-route";
process.env.AGENTCORE_BACKEND = "local";
process.env.ANTHROPIC_API_KEY = "sk-ant-route-test-key";
// These requests stand for clients behind a reverse proxy, which reports each one in X-Forwarded-For.
process.env.TRUST_PROXY = "true";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as generateRoute from "@/app/api/gateways/[gatewayId]/draft/generate/route";
import { getControlPlane } from "@/lib/agentcore";
import { startFakeAnthropic, type FakeAnthropic } from "../../scripts/fake-anthropic/server";

/** POST /api/gateways/{id}/draft/generate through the route handler, with Claude played by the fake API. */

let fake: FakeAnthropic;
let refundId: string;
let ordersId: string;
let client = 0;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  process.env.ANTHROPIC_BASE_URL = fake.url; // read by config() on first use, below
  const gateways = await (await getControlPlane()).listGateways();
  refundId = gateways.find((g) => g.name === "RefundGateway")!.gatewayId;
  ordersId = gateways.find((g) => g.name === "OrdersGateway")!.gatewayId;
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.script([]);
  fake.requests.length = 0;
  client++;
});

function post(gatewayId: string, body: unknown, headers: Record<string, string> = {}) {
  const req = new Request(`http://127.0.0.1:3000/api/gateways/${gatewayId}/draft/generate`, {
    method: "POST",
    headers: { "content-type": "application/json", host: "127.0.0.1:3000", "x-forwarded-for": `10.0.0.${client}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return generateRoute.POST(req, { params: Promise.resolve({ gatewayId }) });
}

async function events(res: Response) {
  const text = await res.text();
  return text
    .trim()
    .split("\n\n")
    .map((block) => ({ event: /^event: (.*)$/m.exec(block)![1], data: JSON.parse(/^data: (.*)$/m.exec(block)![1]) }));
}

const ARN_OF = async (id: string) => (await (await getControlPlane()).getGateway(id)).gatewayArn;

describe("POST /api/gateways/{id}/draft/generate", () => {
  it("answers the documented JSON shape (docs/api.md), drafted by Claude when a key is set", async () => {
    const res = await post(ordersId, { request: "Order information may be viewed, but updates and creation are prohibited" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ drafter: "anthropic", status: "valid", assumptions: expect.any(Array), questions: [], diagnostics: [], findings: [], warnings: [] });
    expect(body.policies.map((p: { statement: string }) => p.statement).join("\n")).toContain("OrdersTarget___update_order");
    expect(JSON.stringify(fake.requests[0].body)).toContain("OrdersTarget___get_order");
  });

  it("says in the answer when a draft allows every call, before anything is applied", async () => {
    const arn = await ARN_OF(ordersId);
    fake.script([{ kind: "submit", input: { policies: [{ statement: `@id("all")\npermit(principal, action, resource == AgentCore::Gateway::"${arn}");`, explanation: "Everything." }], assumptions: [], questions: [] } }]);
    const body = await (await post(ordersId, { request: "Only admins may cancel orders" })).json();
    expect(body.accessWarnings).toEqual([expect.objectContaining({ type: "ALLOW_ALL", policyIds: ["all"] }), expect.objectContaining({ type: "ANY_PRINCIPAL", policyIds: ["all"] })]);
    expect(body.policies[0].statement).toContain('@description("Everything.")');
  });

  it("streams policies, the repair round, then the result as server-sent events", async () => {
    const arn = await ARN_OF(refundId);
    const valid = `@id("refunds")\npermit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"${arn}") when { context.input.amount < 1000 };`;
    const submit = (statement: string) => ({ kind: "submit" as const, input: { policies: [{ statement, explanation: "Refunds under $1000." }], assumptions: [], questions: [] } });
    fake.script([submit(valid.replace("amount <", "amonut <")), submit(valid)]);
    const res = await post(refundId, { request: "Refunds under $1000" }, { accept: "text/event-stream" });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const all = await events(res);
    expect(all.map((e) => e.event)).toEqual(["policy", "repair", "policy", "result"]);
    expect(all[1].data.errors.join("\n")).toContain("amonut");
    expect(all[3].data).toMatchObject({ drafter: "anthropic", status: "repaired", repairRounds: 1 });
    expect(JSON.stringify(fake.requests[1].body.messages)).toContain("amonut");
  });

  it("streams an error event with a specific code, never the key", async () => {
    fake.script([{ kind: "error", status: 401, type: "authentication_error", message: "invalid x-api-key" }]);
    const all = await events(await post(refundId, { request: "Refunds under $1000" }, { accept: "text/event-stream" }));
    expect(all.at(-1)).toMatchObject({ event: "error", data: { error: { code: "llm-auth-failed" } } });
    expect(JSON.stringify(all)).not.toContain("sk-ant-route-test-key");
  });

  it("maps Claude's errors to statuses in the JSON answer", async () => {
    fake.script([{ kind: "error", status: 401, type: "authentication_error", message: "nope" }]);
    const res = await post(refundId, { request: "Refunds under $1000" });
    expect(res.status).toBe(502);
    expect((await res.json()).error).toMatchObject({ code: "llm-auth-failed", message: expect.stringContaining("ANTHROPIC_API_KEY") });
  });

  it("uses the offline drafter when asked", async () => {
    const body = await (await post(refundId, { request: "Only the refund-agent role may process refunds, and only under $1000", drafter: "offline" })).json();
    expect(body).toMatchObject({ drafter: "offline", status: "valid" });
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses AgentCore's generation on the local backend", async () => {
    const res = await post(refundId, { request: "Refunds under $1000", drafter: "agentcore" });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not-available");
  });

  it("caps the request's size and checks its shape", async () => {
    expect((await post(refundId, { request: "x".repeat(2001) })).status).toBe(400);
    expect((await post(refundId, { request: "" })).status).toBe(400);
    expect((await post(refundId, { request: "ok ok", drafter: "gpt" })).status).toBe(400);
    expect((await post(refundId, "x".repeat(20_000))).status).toBe(413);
    expect((await post(refundId, "{nope")).status).toBe(400);
  });

  it("refuses a foreign Origin", async () => {
    const res = await post(refundId, { request: "Refunds under $1000" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });

  it("rate-limits each client to 10 drafts a minute", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(refundId, { request: "Nobody may process refunds", drafter: "offline" })).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const limited = await post(refundId, { request: "Nobody may process refunds", drafter: "offline" });
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe("rate-limited");
    client++; // another client is not affected
    expect((await post(refundId, { request: "Nobody may process refunds", drafter: "offline" })).status).toBe(200);
  });

  it("lists the drafters this console offers", async () => {
    const res = await generateRoute.GET(new Request(`http://127.0.0.1:3000/api/gateways/${refundId}/draft/generate`), { params: Promise.resolve({ gatewayId: refundId }) });
    expect(await res.json()).toEqual({ drafters: ["anthropic", "offline"] });
  });
});
