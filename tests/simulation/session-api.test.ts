process.env.DATA_DIR = "memory://simulation-session-api";
process.env.AGENTCORE_BACKEND = "local";

import { beforeAll, describe, expect, it } from "vitest";
import * as simulateRoute from "@/app/api/gateways/[gatewayId]/simulate/route";
import * as caseRoute from "@/app/api/gateways/[gatewayId]/suites/cases/[caseId]/route";
import * as exportRoute from "@/app/api/gateways/[gatewayId]/suites/export/route";
import * as importRoute from "@/app/api/gateways/[gatewayId]/suites/import/route";
import * as suitesRoute from "@/app/api/gateways/[gatewayId]/suites/route";
import { getControlPlane } from "@/lib/agentcore";

/** Sessions through the simulate and suites routes, as Next calls them. */

const BASE = "http://127.0.0.1:3000";
let gatewayId: string;

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

async function call<P>(handler: Handler<P>, params: P, path: string, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), host: "127.0.0.1:3000" };
  const res = await handler(new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }), { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

const A = (t: string) => `AgentCore::Action::"OrdersTarget___${t}"`;
const POLICIES = `@id("reads")
permit(principal, action == ${A("get_order")}, resource);

@id("update_after_read")
permit(principal, action == ${A("update_order")}, resource)
when temporal { formerly within 1h ${A("get_order")}::response{ eventResource: resource, output.orderId: context.input.orderId } };
`;
const body = (tool: string, args: Record<string, unknown>, id = 1) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name: `OrdersTarget___${tool}`, arguments: args } });
const principal = { sub: "agent-7", claims: { role: "support" } };

beforeAll(async () => {
  gatewayId = (await (await getControlPlane()).listGateways()).find((g) => g.name === "OrdersGateway")!.gatewayId;
});

describe("POST /api/gateways/{id}/simulate with a session", () => {
  const simulate = (b: unknown) => call(simulateRoute.POST, { gatewayId }, `/api/gateways/${gatewayId}/simulate`, { method: "POST", body: b });

  it("decides each call on what the earlier calls recorded, and says which event made the condition true", async () => {
    const r = await simulate({ policies: POLICIES, session: { principal, calls: [{ request: body("update_order", { orderId: "ord-1001" }), at: 0 }, { request: body("get_order", { orderId: "ord-1001" }), at: 10 }, { request: body("update_order", { orderId: "ord-1001" }), at: 20 }] } });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { decision: string }) => x.decision)).toEqual(["DENY", "ALLOW", "ALLOW"]);
    expect(r.body.results[2].session).toMatchObject({ call: 2, at: 20, recorded: ["request", "response"], policies: [{ id: "update_after_read", temporal: [{ value: true, madeTrueBy: [{ call: 1, kind: "response", tool: "OrdersTarget___get_order" }] }] }] });
  });

  it("answers UNDECIDED with what the decision depends on when a construct is not implemented", async () => {
    const macro = `@id("m")\npermit(principal, action == ${A("get_order")}, resource) when temporal { once(1h, ${A("list_orders")}::request{ eventResource: resource }) };`;
    const r = await simulate({ policies: macro, session: { principal, calls: [{ request: body("get_order", { orderId: "x" }) }] } });
    expect(r.body.results[0]).toMatchObject({ decision: "UNDECIDED", dependsOn: [{ policy: "m", on: ["a macro call, which the console does not expand"] }], response: { ENFORCE: null } });
  });

  it("refuses a session whose times go backwards, and a body with both calls and a session, with a 400 naming the field", async () => {
    const back = await simulate({ session: { principal, calls: [{ request: body("get_order", { orderId: "a" }), at: 10 }, { request: body("get_order", { orderId: "a" }), at: 5 }] } });
    expect(back.status).toBe(400);
    expect(JSON.stringify(back.body.error)).toMatch(/before the previous one/);
    const both = await simulate({ calls: [{ principal, request: body("get_order", { orderId: "a" }) }], session: { principal, calls: [{ request: body("get_order", { orderId: "a" }) }] } });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body.error)).toMatch(/either calls .* or session/);
  });
});

describe("session cases in suites", () => {
  const path = () => `/api/gateways/${gatewayId}/suites`;
  const sessionCase = {
    suite: "sessions",
    name: "read before update",
    principal,
    session: [
      { request: body("update_order", { orderId: "ord-1" }), expected: "DENY" },
      { request: body("get_order", { orderId: "ord-1" }), expected: "ALLOW", output: { orderId: "ord-1" } },
      { request: body("update_order", { orderId: "ord-1" }), expected: "ALLOW" },
    ],
  };

  it("saves, exports, imports and changes a session case with an expected decision per call", async () => {
    const saved = await call(suitesRoute.POST, { gatewayId }, path(), { method: "POST", body: sessionCase });
    expect(saved.status).toBe(201);
    expect(saved.body.testCase).toMatchObject({ name: "read before update", session: [{ expected: "DENY" }, { expected: "ALLOW", output: { orderId: "ord-1" } }, { expected: "ALLOW" }] });
    expect(saved.body.testCase.request).toBeUndefined();

    const exported = await call(exportRoute.GET, { gatewayId }, `${path()}/export?suite=sessions`);
    expect(exported.body.cases).toEqual([{ name: "read before update", principal, session: sessionCase.session }]);
    const imported = await call(importRoute.POST, { gatewayId }, `${path()}/import`, { method: "POST", body: { ...exported.body, suite: "sessions-copy" } });
    expect(imported.body).toEqual({ suite: "sessions-copy", imported: 1 });

    // A case is one call or one session: changing it to a call clears its session.
    const id = saved.body.testCase.id;
    const both = await call(caseRoute.PATCH, { gatewayId, caseId: String(id) }, `${path()}/cases/${id}`, { method: "PATCH", body: { request: body("get_order", { orderId: "a" }), session: sessionCase.session } });
    expect(both.status).toBe(400);
    const single = await call(caseRoute.PATCH, { gatewayId, caseId: String(id) }, `${path()}/cases/${id}`, { method: "PATCH", body: { request: body("get_order", { orderId: "a" }), expected: "ALLOW" } });
    expect(single.body.testCase).toMatchObject({ request: body("get_order", { orderId: "a" }), expected: "ALLOW" });
    expect(single.body.testCase.session).toBeUndefined();
  });

  it("refuses a session case without an expected decision per call", async () => {
    const bad = await call(suitesRoute.POST, { gatewayId }, path(), { method: "POST", body: { ...sessionCase, session: [{ request: body("get_order", { orderId: "a" }) }] } });
    expect(bad.status).toBe(400);
  });
});
