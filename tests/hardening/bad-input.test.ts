process.env.DATA_DIR = "memory://hardening-bad-input";
process.env.AGENTCORE_BACKEND = "local";

import { beforeAll, describe, expect, it } from "vitest";
import * as decisionsRoute from "@/app/api/gateways/[gatewayId]/decisions/route";
import * as draftRoute from "@/app/api/gateways/[gatewayId]/draft/route";
import * as versionRoute from "@/app/api/gateways/[gatewayId]/history/[version]/route";
import * as personaRoute from "@/app/api/gateways/[gatewayId]/personas/[name]/route";
import * as personasRoute from "@/app/api/gateways/[gatewayId]/personas/route";
import * as promoteRoute from "@/app/api/gateways/[gatewayId]/policies/[policyName]/promote/route";
import * as publishRoute from "@/app/api/gateways/[gatewayId]/publish/route";
import * as simulateRoute from "@/app/api/gateways/[gatewayId]/simulate/route";
import * as caseRoute from "@/app/api/gateways/[gatewayId]/suites/cases/[caseId]/route";
import * as exportRoute from "@/app/api/gateways/[gatewayId]/suites/export/route";
import * as suitesRoute from "@/app/api/gateways/[gatewayId]/suites/route";
import { getControlPlane } from "@/lib/agentcore";
import { getDb } from "@/lib/store/db";
import { getDraft } from "@/lib/store/drafts";
import { personas, testCases } from "@/lib/store/schema";
import { call } from "./support";

/** Each kind of bad input that once answered 500 now gets a specific 4xx, and changes nothing. */

let gatewayId: string;
const api = (rest = "") => `/api/gateways/${gatewayId}${rest}`;
const refund = (amount: unknown) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount } } });

beforeAll(async () => {
  gatewayId = (await (await getControlPlane()).listGateways()).find((g) => g.name === "RefundGateway")!.gatewayId;
});

describe("text the store cannot keep", () => {
  it("refuses a NUL character in a draft, naming where it is, and keeps the draft", async () => {
    const before = await getDraft(gatewayId);
    const r = await call(draftRoute.PUT, { gatewayId }, api("/draft"), { method: "PUT", body: { text: "permit(principal, action, resource);\u0000" } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: "bad-request", message: expect.stringContaining("body.text contains a NUL character") });
    expect(await getDraft(gatewayId)).toEqual(before);
  });

  it("refuses NUL and lone surrogates in names, claims, queries and path ids", async () => {
    const answers = await Promise.all([
      call(personaRoute.PUT, { gatewayId, name: "bad\u0000name" }, api("/personas/bad"), { method: "PUT", body: { sub: "x", claims: {} } }),
      call(personaRoute.PUT, { gatewayId, name: "ok" }, api("/personas/ok"), { method: "PUT", body: { sub: "x", claims: { role: "\ud800" } } }),
      call(decisionsRoute.GET, { gatewayId }, api("/decisions?q=%00")),
      call(draftRoute.PUT, { gatewayId: "x\u0000y" }, "/api/gateways/x/draft", { method: "PUT", body: { text: "" } }),
      call(simulateRoute.POST, { gatewayId }, api("/simulate"), { method: "POST", body: { calls: [{ principal: { sub: "a\u0000b", claims: {} }, request: refund(1) }] } }),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(a.body.error?.code).toBe("bad-request");
    }
    expect((await (await getDb()).select().from(personas)).filter((p) => p.name === "ok")).toEqual([]);
  });
});

describe("ids in paths and queries", () => {
  it("answers 400 for ids that are not positive integers or too large, and for an unknown policy name's %", async () => {
    const answers = await Promise.all([
      call(versionRoute.GET, { gatewayId, version: "abc" }, api("/history/abc")),
      call(versionRoute.GET, { gatewayId, version: "99999999999" }, api("/history/99999999999")),
      call(caseRoute.DELETE, { gatewayId, caseId: "99999999999" }, api("/suites/cases/99999999999"), { method: "DELETE" }),
      call(decisionsRoute.GET, { gatewayId }, api("/decisions?before=abc")),
      call(decisionsRoute.GET, { gatewayId }, api("/decisions?limit=1e9")),
      // Next has decoded `%25` once to `%`; it is used as it is, not decoded again.
      call(promoteRoute.GET, { gatewayId, policyName: "%" }, api("/policies/%25/promote")),
    ]);
    for (const a of answers) expect([a.status, a.body.error?.code]).toEqual([400, "bad-request"]);
    expect(answers[0].body.error!.message).toContain("version is a positive integer");
  });
});

describe("bodies", () => {
  it("refuses JSON nested thousands of levels deep before anything serialises it", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const r = await call(simulateRoute.POST, { gatewayId }, api("/simulate"), { method: "POST", body: `{"calls":[{"principal":{"sub":"a","claims":{}},"request":${deep}}]}` });
    expect(r.status).toBe(400);
    expect(r.body.error!.message).toMatch(/nested more than 64 levels/);
  });

  it("refuses a suite case whose request is null, and keeps the suites", async () => {
    const before = await (await getDb()).select().from(testCases);
    const r = await call(suitesRoute.POST, { gatewayId }, api("/suites"), { method: "POST", body: { name: "n", principal: { sub: "a", claims: {} }, request: null, expected: "ALLOW" } });
    expect([r.status, r.body.error?.code]).toEqual([400, "bad-request"]);
    expect(r.body.error!.message).toContain("request is a JSON-RPC tools/call body");
    expect(await (await getDb()).select().from(testCases)).toEqual(before);
  });

  it("accepts only application/json (or +json), not a type that merely starts with the letters", async () => {
    const r = await call(draftRoute.PUT, { gatewayId }, api("/draft"), { method: "PUT", body: '{"text":""}', headers: { "content-type": "application/jsonx" } });
    expect([r.status, r.body.error?.code]).toEqual([415, "unsupported-media-type"]);
    const ok = await call(draftRoute.PUT, { gatewayId }, api("/draft"), { method: "PUT", body: '{"text":"// x\\n"}', headers: { "content-type": "application/json; charset=utf-8" } });
    expect(ok.status).toBe(200);
  });
});

describe("downloads", () => {
  it("refuses a suite name with a line break, so no header can be injected", async () => {
    const r = await call(exportRoute.GET, { gatewayId }, api("/suites/export?suite=a%0d%0aSet-Cookie:%20x=1"));
    expect([r.status, r.body.error?.code]).toEqual([400, "bad-request"]);
  });

  it("keeps the file name inside its quotes whatever the suite is called", async () => {
    const r = await call(exportRoute.GET, { gatewayId }, api(`/suites/export?suite=${encodeURIComponent('x"; filename=evil.exe')}`));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="RefundGateway-x_filename_evil.exe.suite.json"');
  });
});

describe("workspace data only for gateways that exist", () => {
  it("refuses personas and test cases for an unknown gateway, and a read writes nothing", async () => {
    const db = await getDb();
    const ghost = "ghostgateway-0000000000";
    const answers = await Promise.all([
      call(personasRoute.PUT, { gatewayId: ghost }, `/api/gateways/${ghost}/personas`, { method: "PUT", body: { name: "p", sub: "p", claims: {} } }),
      call(personasRoute.GET, { gatewayId: ghost }, `/api/gateways/${ghost}/personas`),
      call(suitesRoute.POST, { gatewayId: ghost }, `/api/gateways/${ghost}/suites`, { method: "POST", body: { name: "n", principal: { sub: "a", claims: {} }, request: refund(1), expected: "ALLOW" } }),
    ]);
    for (const a of answers) expect([a.status, a.body.error?.code]).toEqual([404, "gateway-not-found"]);
    expect((await db.select().from(personas)).filter((p) => p.gatewayId === ghost)).toEqual([]);
    expect((await db.select().from(testCases)).filter((c) => c.gatewayId === ghost)).toEqual([]);

    const listed = await call(personasRoute.GET, { gatewayId }, api("/personas"));
    expect(listed.status).toBe(200);
    expect((await db.select().from(personas)).filter((p) => p.gatewayId === gatewayId)).toEqual([]);
  });
});

describe("a draft saved while someone else publishes", () => {
  it("keeps the version it was written against, so publishing it meets the conflict", async () => {
    const { draft } = (await call((await import("@/app/api/gateways/[gatewayId]/policies/route")).GET, { gatewayId }, api("/policies"))).body as { draft: { text: string; baseVersion: string } };
    const mine = `${draft.text}\n@id("mine")\nforbid(principal, action, resource) when { context has input };\n`;
    // Someone else publishes a change first…
    const theirs = `${draft.text}\n@id("theirs")\nforbid(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource) when { context.input.amount > 5000 };\n`;
    const published = await call(publishRoute.POST, { gatewayId }, api("/publish"), { method: "POST", body: { text: theirs, message: "theirs", baseVersion: draft.baseVersion } });
    expect(published.status).toBe(200);
    // …then my editor autosaves the text it had, written against the old version.
    const saved = await call(draftRoute.PUT, { gatewayId }, api("/draft"), { method: "PUT", body: { text: mine, baseVersion: draft.baseVersion } });
    expect(saved.body.baseVersion).toBe(draft.baseVersion);
    const mineOut = await call(publishRoute.POST, { gatewayId }, api("/publish"), { method: "POST", body: { text: mine, message: "mine", baseVersion: saved.body.baseVersion } });
    expect([mineOut.status, mineOut.body.error?.code]).toEqual([409, "stale-base-version"]);
  });
});
