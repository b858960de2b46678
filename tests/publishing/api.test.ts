process.env.DATA_DIR = "memory://publishing-api";
process.env.AGENTCORE_BACKEND = "local";
process.env.CONSOLE_USER = "script-user";

import { beforeAll, describe, expect, it } from "vitest";
import { PUT as putMode } from "@/app/api/gateways/[gatewayId]/mode/route";
import { GET as modeEvidence } from "@/app/api/gateways/[gatewayId]/mode/evidence/route";
import { GET as getHistory } from "@/app/api/gateways/[gatewayId]/history/route";
import { POST as restore } from "@/app/api/gateways/[gatewayId]/history/[version]/restore/route";
import { POST as publish } from "@/app/api/gateways/[gatewayId]/publish/route";
import { POST as preview } from "@/app/api/gateways/[gatewayId]/publish/preview/route";
import { POST as rebase } from "@/app/api/gateways/[gatewayId]/publish/rebase/route";
import { GET as canary, POST as promote } from "@/app/api/gateways/[gatewayId]/policies/[policyName]/promote/route";
import { getControlPlane } from "@/lib/agentcore";
import { toDocument } from "@/lib/workspace/document";
import { publishedVersion } from "@/lib/workspace/published";
import { forbid, named } from "./support";

let gatewayId: string;
const REFUND = "RefundTarget___process_refund";

const json = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1:3000/x", { method, headers: { "content-type": "application/json", host: "127.0.0.1:3000", ...headers }, body: JSON.stringify(body) });
const ctx = <P>(p: P) => ({ params: Promise.resolve(p) });

async function current() {
  const cp = await getControlPlane();
  const g = (await cp.listGateways()).find((x) => x.name === "RefundGateway")!;
  const live = await cp.listPolicies(g.policyEngine!.policyEngineId);
  return { live, version: publishedVersion(live) };
}

beforeAll(async () => {
  const cp = await getControlPlane();
  gatewayId = (await cp.listGateways()).find((g) => g.name === "RefundGateway")!.gatewayId;
});

describe("the publishing JSON API", () => {
  it("POST …/publish answers {version, applied, failed} and 409 on a stale baseVersion", async () => {
    const { live, version } = await current();
    const text = `${toDocument(live)}\n${named("api_cap", forbid(REFUND, "context.input.amount > 9000"))}\n`;
    const res = await publish(json("POST", { text, message: "from a script", baseVersion: version }), ctx({ gatewayId }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ version: expect.any(String), applied: [{ name: "api_cap", op: "create" }], failed: [], status: "published" });

    const stale = await publish(json("POST", { text, message: "", baseVersion: version }), ctx({ gatewayId }));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "stale-base-version", details: { baseVersion: version, currentVersion: body.version } } });
  });

  it("refuses a foreign Origin and a body that is not JSON", async () => {
    const foreign = await publish(json("POST", { text: "", message: "", baseVersion: "x" }, { origin: "http://evil.example" }), ctx({ gatewayId }));
    expect(foreign.status).toBe(403);
    const text = await publish(new Request("http://127.0.0.1:3000/x", { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" }), ctx({ gatewayId }));
    expect(text.status).toBe(415);
  });

  it("answers 400 with the validator's errors for an invalid draft", async () => {
    const { version } = await current();
    const res = await publish(json("POST", { text: named("bad", forbid(REFUND, "context.input.amout > 1")), message: "", baseVersion: version }), ctx({ gatewayId }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "validation-failed", details: { errors: [{ line: 2 }] } } });
  });

  it("previews a plan with impact, and resolves a conflict by rebasing or taking theirs", async () => {
    const { live, version } = await current();
    const res = await preview(json("POST", { text: toDocument(live).replace("< 1000", "< 10") }), ctx({ gatewayId }));
    const review = await res.json();
    expect(review.plan.operations).toMatchObject([{ op: "update", name: "refund_limit_policy", phase: 3 }]);
    expect(review.impact).toMatchObject({ cases: expect.any(Number), recorded: expect.any(Number) });
    expect(review.currentVersion).toBe(version);

    const kept = await (await rebase(json("POST", { choice: "keep-mine", text: "// mine\n" }), ctx({ gatewayId }))).json();
    expect(kept).toEqual({ text: "// mine\n", baseVersion: version });
    const theirs = await (await rebase(json("POST", { choice: "take-theirs" }), ctx({ gatewayId }))).json();
    expect(theirs).toEqual({ text: toDocument(live), baseVersion: version });
  });

  it("PUT …/mode switches and answers the gateway; the evidence route lists what would be denied", async () => {
    const ev = await (await modeEvidence(new Request("http://127.0.0.1:3000/x?mode=ENFORCE"), ctx({ gatewayId }))).json();
    expect(ev).toMatchObject({ to: "ENFORCE", denied: { cases: expect.any(Number), recorded: expect.any(Number), items: expect.any(Array) } });
    const res = await putMode(json("PUT", { mode: "LOG_ONLY" }), ctx({ gatewayId }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ gatewayId, policyEngine: { mode: "LOG_ONLY" }, targets: expect.any(Array) });
    expect((await putMode(json("PUT", { mode: "SHADOW" }), ctx({ gatewayId }))).status).toBe(400);
    await putMode(json("PUT", { mode: "ENFORCE" }), ctx({ gatewayId }));
  });

  it("promotes a canary and shows its evidence; restores a version as the draft for review", async () => {
    const { live, version } = await current();
    const text = `${toDocument(live)}\n${named("api_canary", forbid(REFUND, "context.input.amount > 500"), '@enforcement_mode("LOG_ONLY")\n')}\n`;
    await publish(json("POST", { text, message: "canary", baseVersion: version }), ctx({ gatewayId }));
    const evidence = await (await canary(new Request("http://127.0.0.1:3000/x"), ctx({ gatewayId, policyName: "api_canary" }))).json();
    expect(evidence).toMatchObject({ policy: "api_canary", flipCount: expect.any(Number) });
    const promoted = await promote(json("POST", {}), ctx({ gatewayId, policyName: "api_canary" }));
    expect(await promoted.json()).toMatchObject({ policy: { enforcementMode: "ACTIVE" }, versionNumber: expect.any(Number) });

    const history = await (await getHistory(new Request("http://127.0.0.1:3000/x"), ctx({ gatewayId }))).json();
    expect(history.versions[0]).toMatchObject({ author: "script-user", message: 'Promoted "api_canary" from LOG_ONLY to ACTIVE' });
    expect(history.audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(["publish", "promote", "mode-switch"]));

    const restored = await (await restore(json("POST", {}), ctx({ gatewayId, version: "1" }))).json();
    expect(restored.reviewUrl).toBe(`/gateways/${gatewayId}/publish?rollbackOf=1`);
    expect(restored.text).toContain("refund_limit_policy");
    expect(restored.text).not.toContain("api_cap");
  });
});
