process.env.DATA_DIR = "memory://team-approvals";
process.env.AGENTCORE_BACKEND = "local";
process.env.REQUIRE_APPROVAL = "true";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as approve } from "@/app/api/change-requests/[changeRequestId]/approve/route";
import { POST as reject } from "@/app/api/change-requests/[changeRequestId]/reject/route";
import { GET as detail } from "@/app/api/change-requests/[changeRequestId]/route";
import { POST as withdraw } from "@/app/api/change-requests/[changeRequestId]/withdraw/route";
import { GET as list } from "@/app/api/change-requests/route";
import { GET as getHistory } from "@/app/api/gateways/[gatewayId]/history/route";
import { PUT as putMode } from "@/app/api/gateways/[gatewayId]/mode/route";
import { GET as getPolicies } from "@/app/api/gateways/[gatewayId]/policies/route";
import { POST as promote } from "@/app/api/gateways/[gatewayId]/policies/[policyName]/promote/route";
import { POST as publish } from "@/app/api/gateways/[gatewayId]/publish/route";
import { POST as createToken } from "@/app/api/tokens/route";
import type { RunningProvider } from "@/scripts/oidc-provider/server";
import { TEST_USERS } from "@/scripts/oidc-provider/users";
import { call, ctx, sessions, withTestProvider } from "./support";

let provider: RunningProvider;
let as: Record<"author" | "pia" | "paul", { cookie: string }>;
let refund: string;
let orders: string;

beforeAll(async () => {
  provider = await withTestProvider();
  const cp = await (await import("@/lib/agentcore")).getControlPlane();
  const gateways = await cp.listGateways();
  refund = gateways.find((g) => g.name === "RefundGateway")!.gatewayId;
  orders = gateways.find((g) => g.name === "OrdersGateway")!.gatewayId;
  const s = await sessions({ author: TEST_USERS.author, pia: TEST_USERS.publisher, paul: TEST_USERS.publisher2 });
  as = { author: { cookie: s.author }, pia: { cookie: s.pia }, paul: { cookie: s.paul } };
});
afterAll(() => provider.close());

const REFUND = "RefundTarget___process_refund";
const g = (id: string) => ctx({ gatewayId: id });
const cr = (id: number) => ctx({ changeRequestId: String(id) });
async function published(gatewayId: string) {
  const body = await (await getPolicies(call("GET", `/api/gateways/${gatewayId}/policies`, as.pia), g(gatewayId))).json();
  const text = body.published.map((p: { name: string; statement: string }) => `@id("${p.name}")\n${p.statement}`).join("\n\n");
  return { text, baseVersion: body.draft.baseVersion as string, published: body.published as Array<{ name: string; enforcementMode: string }> };
}
const withCap = (text: string, name: string, limit: number, extra = "") => `${text}\n\n@id("${name}")\n${extra}forbid(principal, action == AgentCore::Action::"${REFUND}", resource) when { context.input.amount > ${limit} };\n`;
const requestPublish = async (who: { cookie: string }, text: string, baseVersion: string, message = "") => publish(call("POST", `/api/gateways/${refund}/publish`, who, { text, message, baseVersion }), g(refund));

describe("change requests (REQUIRE_APPROVAL=true)", () => {
  it("turns a publish to an ENFORCE gateway into a change request with the same review, which another publisher approves", async () => {
    const live = await published(refund);
    const res = await requestPublish(as.pia, withCap(live.text, "cap_9000", 9000), live.baseVersion, "cap refunds");
    expect(res.status).toBe(202);
    const { status, changeRequest } = await res.json();
    expect(status).toBe("pending-approval");
    expect(changeRequest).toMatchObject({ kind: "publish", status: "open", requestedBy: "pia", gatewayName: "RefundGateway", baseVersion: live.baseVersion, message: "cap refunds" });
    expect((await published(refund)).baseVersion).toBe(live.baseVersion); // nothing applied yet

    const open = await (await list(call("GET", "/api/change-requests?status=open", as.author), ctx({}))).json();
    expect(open.changeRequests.map((c: { id: number }) => c.id)).toContain(changeRequest.id);
    const shown = await (await detail(call("GET", `/api/change-requests/${changeRequest.id}`, as.author), cr(changeRequest.id))).json();
    expect(shown.review).toMatchObject({ stale: false, baseVersion: live.baseVersion, plan: { ok: true, counts: { added: 1 } }, impact: { cases: expect.any(Number) } });

    const self = await approve(call("POST", `/api/change-requests/${changeRequest.id}/approve`, as.pia, {}), cr(changeRequest.id));
    expect(self.status).toBe(403);
    expect(await self.json()).toMatchObject({ error: { code: "self-approval" } });
    const byAuthor = await approve(call("POST", `/api/change-requests/${changeRequest.id}/approve`, as.author, {}), cr(changeRequest.id));
    expect(byAuthor.status).toBe(403);
    expect(await byAuthor.json()).toMatchObject({ error: { code: "role-forbidden" } });

    const ok = await approve(call("POST", `/api/change-requests/${changeRequest.id}/approve`, as.paul, { reason: "looks right" }), cr(changeRequest.id));
    expect(ok.status).toBe(200);
    const approved = await ok.json();
    expect(approved.changeRequest).toMatchObject({ status: "approved", decidedBy: "paul", reason: "looks right", result: { status: "published" } });
    expect((await published(refund)).published.map((p) => p.name)).toContain("cap_9000");

    const history = await (await getHistory(call("GET", `/api/gateways/${refund}/history`, as.pia), g(refund))).json();
    expect(history.versions[0]).toMatchObject({ author: "pia", message: `cap refunds (change request #${changeRequest.id}, approved by paul)` });
    expect(history.audit.slice(0, 3).map((a: { actor: string; action: string }) => `${a.actor} ${a.action}`)).toEqual(["paul change-request", "paul publish", "pia change-request"]);

    const twice = await approve(call("POST", `/api/change-requests/${changeRequest.id}/approve`, as.paul, {}), cr(changeRequest.id));
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ error: { code: "change-request-closed" } });
  });

  it("never lets a token its author made approve the author's request", async () => {
    const live = await published(refund);
    const { changeRequest } = await (await requestPublish(as.pia, withCap(live.text, "cap_8000", 8000), live.baseVersion)).json();
    const { secret } = await (await createToken(call("POST", "/api/tokens", as.pia, { name: "pia-bot", role: "publisher" }), ctx({}))).json();
    const res = await approve(call("POST", `/api/change-requests/${changeRequest.id}/approve`, { token: secret }, {}), cr(changeRequest.id));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "self-approval" } });
    const withdrawn = await withdraw(call("POST", `/api/change-requests/${changeRequest.id}/withdraw`, as.pia, {}), cr(changeRequest.id));
    expect(await withdrawn.json()).toMatchObject({ changeRequest: { status: "withdrawn" } });
  });

  it("checks approval against the base it was requested on: the second of two requests on one base is a conflict and stays open", async () => {
    const live = await published(refund);
    const first = (await (await requestPublish(as.pia, withCap(live.text, "cap_7000", 7000), live.baseVersion)).json()).changeRequest;
    const second = (await (await requestPublish(as.pia, withCap(live.text, "cap_6000", 6000), live.baseVersion)).json()).changeRequest;
    expect((await approve(call("POST", `/api/change-requests/${first.id}/approve`, as.paul, {}), cr(first.id))).status).toBe(200);

    const shown = await (await detail(call("GET", `/api/change-requests/${second.id}`, as.paul), cr(second.id))).json();
    expect(shown.review.stale).toBe(true);
    const res = await approve(call("POST", `/api/change-requests/${second.id}/approve`, as.paul, {}), cr(second.id));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "stale-base-version", details: { baseVersion: live.baseVersion } } });
    const still = await (await detail(call("GET", `/api/change-requests/${second.id}`, as.paul), cr(second.id))).json();
    expect(still.changeRequest.status).toBe("open");

    const noReason = await reject(call("POST", `/api/change-requests/${second.id}/reject`, as.paul, { reason: " " }), cr(second.id));
    expect(noReason.status).toBe(400);
    const rejected = await reject(call("POST", `/api/change-requests/${second.id}/reject`, as.paul, { reason: "superseded by the 7000 cap" }), cr(second.id));
    expect(await rejected.json()).toMatchObject({ changeRequest: { status: "rejected", decidedBy: "paul", reason: "superseded by the 7000 cap" } });
    const audit = (await (await getHistory(call("GET", `/api/gateways/${refund}/history`, as.pia), g(refund))).json()).audit;
    expect(audit[0]).toMatchObject({ actor: "paul", action: "change-request", summary: expect.stringContaining("Rejected change request") });
    expect(audit[1]).toMatchObject({ actor: "paul", action: "change-request", result: "failure", summary: expect.stringContaining("stays open") });
  });

  it("promoting a canary on an ENFORCE gateway is a change request too", async () => {
    const live = await published(refund);
    const canary = (await (await requestPublish(as.pia, withCap(live.text, "canary_5000", 5000, '@enforcement_mode("LOG_ONLY")\n'), live.baseVersion)).json()).changeRequest;
    await approve(call("POST", `/api/change-requests/${canary.id}/approve`, as.paul, {}), cr(canary.id));
    expect((await published(refund)).published.find((p) => p.name === "canary_5000")?.enforcementMode).toBe("LOG_ONLY");

    const res = await promote(call("POST", `/api/gateways/${refund}/policies/canary_5000/promote`, as.pia, {}), ctx({ gatewayId: refund, policyName: "canary_5000" }));
    expect(res.status).toBe(202);
    const { changeRequest } = await res.json();
    expect(changeRequest).toMatchObject({ kind: "publish", message: 'Promote "canary_5000" from LOG_ONLY to ACTIVE' });
    await approve(call("POST", `/api/change-requests/${changeRequest.id}/approve`, as.paul, {}), cr(changeRequest.id));
    expect((await published(refund)).published.find((p) => p.name === "canary_5000")?.enforcementMode).toBe("ACTIVE");
  });

  it("publishes to a LOG_ONLY gateway at once, and makes its switch to ENFORCE a change request", async () => {
    const live = await published(orders);
    const text = '@id("read")\npermit(principal, action == AgentCore::Action::"OrdersTarget___get_order", resource);\n';
    const direct = await publish(call("POST", `/api/gateways/${orders}/publish`, as.pia, { text, message: "", baseVersion: live.baseVersion }), g(orders));
    expect(direct.status).toBe(200);

    const res = await putMode(call("PUT", `/api/gateways/${orders}/mode`, as.pia, { mode: "ENFORCE" }), g(orders));
    expect(res.status).toBe(202);
    const { changeRequest } = await res.json();
    expect(changeRequest).toMatchObject({ kind: "mode", fromMode: "LOG_ONLY", toMode: "ENFORCE" });
    const shown = await (await detail(call("GET", `/api/change-requests/${changeRequest.id}`, as.paul), cr(changeRequest.id))).json();
    expect(shown.mode).toMatchObject({ currentMode: "LOG_ONLY", stale: false, evidence: { denied: expect.any(Object) } });

    const ok = await approve(call("POST", `/api/change-requests/${changeRequest.id}/approve`, as.paul, {}), cr(changeRequest.id));
    expect(ok.status).toBe(200);
    expect((await ok.json()).result.policyEngine.mode).toBe("ENFORCE");
    // Back to LOG_ONLY needs no second pair of eyes.
    const back = await putMode(call("PUT", `/api/gateways/${orders}/mode`, as.pia, { mode: "LOG_ONLY" }), g(orders));
    expect(back.status).toBe(200);
  });

  it("refuses a switch whose reviewed policies changed before approval", async () => {
    const res = await putMode(call("PUT", `/api/gateways/${orders}/mode`, as.pia, { mode: "ENFORCE" }), g(orders));
    const { changeRequest } = await res.json();
    const live = await published(orders);
    await publish(call("POST", `/api/gateways/${orders}/publish`, as.pia, { text: `${live.text}\n\n@id("more")\npermit(principal, action == AgentCore::Action::"OrdersTarget___list_orders", resource);\n`, message: "", baseVersion: live.baseVersion }), g(orders));
    const stale = await approve(call("POST", `/api/change-requests/${changeRequest.id}/approve`, as.paul, {}), cr(changeRequest.id));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "stale-base-version" } });
  });
});
