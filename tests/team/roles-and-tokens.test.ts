process.env.DATA_DIR = "memory://team-roles";
process.env.AGENTCORE_BACKEND = "local";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { PUT as putDraft } from "@/app/api/gateways/[gatewayId]/draft/route";
import { GET as getPolicies } from "@/app/api/gateways/[gatewayId]/policies/route";
import { GET as getHistory } from "@/app/api/gateways/[gatewayId]/history/route";
import { POST as publish } from "@/app/api/gateways/[gatewayId]/publish/route";
import { POST as preview } from "@/app/api/gateways/[gatewayId]/publish/preview/route";
import { PUT as putMode } from "@/app/api/gateways/[gatewayId]/mode/route";
import { POST as simulate } from "@/app/api/gateways/[gatewayId]/simulate/route";
import { POST as addCase } from "@/app/api/gateways/[gatewayId]/suites/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[tokenId]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import type { RunningProvider } from "@/scripts/oidc-provider/server";
import { TEST_USERS } from "@/scripts/oidc-provider/users";
import { call, ctx, sessions, withTestProvider } from "./support";

let provider: RunningProvider;
let as: Record<"viewer" | "author" | "publisher" | "admin", string>;
let orders: string;

beforeAll(async () => {
  provider = await withTestProvider();
  const cp = await (await import("@/lib/agentcore")).getControlPlane();
  orders = (await cp.listGateways()).find((g) => g.name === "OrdersGateway")!.gatewayId;
  as = await sessions({ viewer: TEST_USERS.viewer, author: TEST_USERS.author, publisher: TEST_USERS.publisher, admin: TEST_USERS.admin });
});
afterAll(() => provider.close());

const g = () => ctx({ gatewayId: orders });
const current = async (who: { cookie?: string; token?: string }) => (await (await getPolicies(call("GET", `/api/gateways/${orders}/policies`, who), g())).json()).draft.baseVersion as string;
const TEXT = '@id("read_orders")\npermit(principal, action == AgentCore::Action::"OrdersTarget___get_order", resource);\n';
const CALL = { principal: { sub: "u1", claims: {} }, request: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "OrdersTarget___get_order", arguments: { orderId: "o-1" } } } };

describe("roles: the server checks every mutation", () => {
  it("lets a viewer read and preview, and answers each mutation 403 role-forbidden", async () => {
    const viewer = { cookie: as.viewer };
    expect((await getPolicies(call("GET", `/api/gateways/${orders}/policies`, viewer), g())).status).toBe(200);
    expect((await preview(call("POST", `/api/gateways/${orders}/publish/preview`, viewer, { text: TEXT }), g())).status).toBe(200);
    const base = await current(viewer);
    const refused = [
      await putDraft(call("PUT", `/api/gateways/${orders}/draft`, viewer, { text: TEXT }), g()),
      await simulate(call("POST", `/api/gateways/${orders}/simulate`, viewer, { calls: [CALL] }), g()),
      await addCase(call("POST", `/api/gateways/${orders}/suites`, viewer, { name: "c", ...CALL, expected: "ALLOW" }), g()),
      await publish(call("POST", `/api/gateways/${orders}/publish`, viewer, { text: TEXT, message: "", baseVersion: base }), g()),
      await putMode(call("PUT", `/api/gateways/${orders}/mode`, viewer, { mode: "LOG_ONLY" }), g()),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "role-forbidden", details: { role: "viewer" } } });
    }
  });

  it("lets an author draft and simulate but not publish or switch the mode", async () => {
    const author = { cookie: as.author };
    expect((await putDraft(call("PUT", `/api/gateways/${orders}/draft`, author, { text: TEXT }), g())).status).toBe(200);
    expect((await simulate(call("POST", `/api/gateways/${orders}/simulate`, author, { calls: [CALL] }), g())).status).toBe(200);
    const res = await publish(call("POST", `/api/gateways/${orders}/publish`, author, { text: TEXT, message: "", baseVersion: await current(author) }), g());
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe("POST /api/gateways/" + orders + "/publish needs the publisher role; arthur is an author.");
  });

  it("records the signed-in publisher as who in the history and the audit log", async () => {
    const publisher = { cookie: as.publisher };
    const res = await publish(call("POST", `/api/gateways/${orders}/publish`, publisher, { text: TEXT, message: "read orders", baseVersion: await current(publisher) }), g());
    expect(res.status).toBe(200);
    const history = await (await getHistory(call("GET", `/api/gateways/${orders}/history`, publisher), g())).json();
    expect(history.versions[0]).toMatchObject({ author: "pia", message: "read orders" });
    expect(history.audit[0]).toMatchObject({ actor: "pia", action: "publish", result: "success" });
  });
});

describe("API tokens", () => {
  it("are created with at most the creator's role, shown once, kept as a SHA-256 and act as their name", async () => {
    const created = await createToken(call("POST", "/api/tokens", { cookie: as.publisher }, { name: "ci-pipeline", role: "publisher", expiresInDays: 30 }), ctx({}));
    expect(created.status).toBe(201);
    const { secret, token } = await created.json();
    expect(secret).toMatch(/^pst_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "ci-pipeline", role: "publisher", createdBy: "pia", prefix: secret.slice(0, 10), revokedAt: null });
    expect(JSON.stringify(token)).not.toContain(secret.slice(10));

    const { getDb } = await import("@/lib/store/db");
    const { apiTokens } = await import("@/lib/store/schema");
    const [row] = await (await getDb()).select().from(apiTokens);
    expect(row.tokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(Object.values(row).some((v) => typeof v === "string" && v.includes(secret.slice(10)))).toBe(false);

    const listed = await (await listTokens(call("GET", "/api/tokens", { cookie: as.publisher }), ctx({}))).json();
    expect(JSON.stringify(listed)).not.toContain(secret.slice(10));

    const bearer = { token: secret };
    const res = await publish(call("POST", `/api/gateways/${orders}/publish`, bearer, { text: `${TEXT}@id("list_orders")\npermit(principal, action == AgentCore::Action::"OrdersTarget___list_orders", resource);\n`, message: "from CI", baseVersion: await current(bearer) }), g());
    expect(res.status).toBe(200);
    const history = await (await getHistory(call("GET", `/api/gateways/${orders}/history`, bearer), g())).json();
    expect(history.audit[0]).toMatchObject({ actor: "ci-pipeline", action: "publish" });
  });

  it("refuses a role above the creator's, a duplicate live name, and token-made tokens", async () => {
    const above = await createToken(call("POST", "/api/tokens", { cookie: as.author }, { name: "too-strong", role: "publisher" }), ctx({}));
    expect(above.status).toBe(403);
    const { secret } = await (await createToken(call("POST", "/api/tokens", { cookie: as.author }, { name: "author-script", role: "viewer" }), ctx({}))).json();
    const again = await createToken(call("POST", "/api/tokens", { cookie: as.admin }, { name: "author-script", role: "viewer" }), ctx({}));
    expect(again.status).toBe(409);
    const byToken = await createToken(call("POST", "/api/tokens", { token: secret }, { name: "minted", role: "viewer" }), ctx({}));
    expect(byToken.status).toBe(403);
    // A viewer-scoped token is a viewer, whoever made it.
    const write = await putDraft(call("PUT", `/api/gateways/${orders}/draft`, { token: secret }, { text: TEXT }), g());
    expect(write.status).toBe(403);
  });

  it("lists one's own tokens (an admin's list has everyone's), and revokes: a revoked token is 401 token-invalid", async () => {
    const mine = (await (await listTokens(call("GET", "/api/tokens", { cookie: as.author }), ctx({}))).json()).tokens;
    expect(mine.map((t: { name: string }) => t.name)).toEqual(["author-script"]);
    const all = (await (await listTokens(call("GET", "/api/tokens", { cookie: as.admin }), ctx({}))).json()).tokens;
    expect(all.map((t: { name: string }) => t.name).sort()).toEqual(["author-script", "ci-pipeline"]);

    const ci = all.find((t: { name: string }) => t.name === "ci-pipeline");
    const notYours = await revokeToken(call("DELETE", `/api/tokens/${ci.id}`, { cookie: as.author }), ctx({ tokenId: String(ci.id) }));
    expect(notYours.status).toBe(404);

    const { secret } = await (await createToken(call("POST", "/api/tokens", { cookie: as.author }, { name: "short-lived", role: "author" }), ctx({}))).json();
    const id = (await (await listTokens(call("GET", "/api/tokens", { cookie: as.author }), ctx({}))).json()).tokens.find((t: { name: string }) => t.name === "short-lived").id;
    const revoked = await revokeToken(call("DELETE", `/api/tokens/${id}`, { cookie: as.admin }), ctx({ tokenId: String(id) }));
    expect(await revoked.json()).toMatchObject({ token: { name: "short-lived", revokedBy: "ada" } });
    const after = await getPolicies(call("GET", `/api/gateways/${orders}/policies`, { token: secret }), g());
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: "token-invalid" } });
    const unknown = await getPolicies(call("GET", `/api/gateways/${orders}/policies`, { token: "pst_not-a-real-token" }), g());
    expect(unknown.status).toBe(401);
  });
});
