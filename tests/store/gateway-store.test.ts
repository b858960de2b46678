import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_PERSONAS, ensureGatewayClients, findClient, getOrStoreSigningKey, type StoredSigningKey } from "@/lib/store/clients";
import type { Db } from "@/lib/store/db";
import { decisionFacets, getDecision, listDecisions, recentCalls, recordDecision, recordDecisions, type NewDecision } from "@/lib/store/decisions";
import { deletePersona, listPersonas, savePersona } from "@/lib/store/personas";
import { addTestCase, deleteSuite, deleteTestCase, listTestCases, replaceSuite, updateTestCase } from "@/lib/store/test-cases";
import { BACKENDS, closeStores, openStore, resetStore } from "./support/stores";

afterAll(closeStores);

const TOOL = "RefundTarget___process_refund";
const decision = (amount: number, extra: Partial<NewDecision> = {}): NewDecision => ({
  gatewayId: "g",
  clientId: "c1",
  persona: "refund-agent",
  principal: { type: "OAuthUser", sub: "refund-agent", claims: { role: "refund-agent" } },
  tool: TOOL,
  arguments: { amount },
  decision: amount < 1000 ? "ALLOW" : "DENY",
  determiningPolicies: amount < 1000 ? ["refund_limit_policy"] : [],
  logOnlyMatched: [],
  flips: [],
  mode: "ENFORCE",
  blocked: amount >= 1000,
  ...extra,
});
const toolCall = (amount: number) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: TOOL, arguments: { amount } } });

describe.each(BACKENDS)("the local gateway's store on %s", (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await openStore(backend);
  });
  beforeEach(() => resetStore(db));

  describe("decision log", () => {
    it("records single and batched entries and filters them newest first", async () => {
      const one = await recordDecision(decision(500), db);
      expect(one).toMatchObject({ id: 1, gatewayId: "g", arguments: { amount: 500 }, decision: "ALLOW", blocked: false });
      await recordDecisions([decision(2000), decision(700, { persona: "support-viewer", clientId: "c2", logOnlyMatched: ["canary_50%"] }), decision(9, { gatewayId: "h" })], db);
      expect((await listDecisions("g", {}, db)).map((d) => d.arguments.amount)).toEqual([700, 2000, 500]);
      expect((await listDecisions("g", { decision: "DENY" }, db)).map((d) => d.arguments.amount)).toEqual([2000]);
      expect((await listDecisions("g", { persona: "support-viewer" }, db)).map((d) => d.clientId)).toEqual(["c2"]);
      expect((await listDecisions("g", { q: "2000" }, db)).map((d) => d.arguments.amount)).toEqual([2000]);
      expect((await listDecisions("g", { q: "CANARY_50%" }, db)).map((d) => d.arguments.amount)).toEqual([700]);
      expect(await listDecisions("g", { q: "100%_" }, db)).toEqual([]);
      expect((await listDecisions("g", { beforeId: 3, limit: 1 }, db)).map((d) => d.arguments.amount)).toEqual([2000]);
      expect(await decisionFacets("g", db)).toEqual({ tools: [TOOL], personas: ["refund-agent", "support-viewer"] });
      expect(await getDecision("g", one.id, db)).toEqual(one);
      expect(await getDecision("h", one.id, db)).toBeNull();
      const [latest] = await recentCalls("g", 1, db);
      expect(latest).toMatchObject({ persona: "support-viewer", tool: TOOL, arguments: { amount: 700 }, decision: "ALLOW", mode: "ENFORCE" });
      expect(await recordDecisions([], db)).toBeUndefined();
    });

    it("keeps a call's policy session and the events that made a temporal condition true, and lists one session", async () => {
      const plain = await recordDecision(decision(1), db);
      expect(plain).toMatchObject({ sessionId: null, sessionCall: null, temporal: [], errors: [] });
      const temporal = [{ policy: "after_read", condition: "formerly within 1h …", madeTrueBy: [{ call: 0, kind: "response", tool: TOOL }] }];
      await recordDecisions([decision(2, { sessionId: "s-1", sessionCall: 0 }), decision(3, { sessionId: "s-1", sessionCall: 1, temporal, errors: ["note"] }), decision(4, { sessionId: "s-2", sessionCall: 0 })], db);
      const s1 = await listDecisions("g", { session: "s-1" }, db);
      expect(s1.map((d) => [d.sessionCall, d.arguments.amount])).toEqual([
        [1, 3],
        [0, 2],
      ]);
      expect(s1[0]).toMatchObject({ temporal, errors: ["note"] });
      expect((await listDecisions("g", { q: "s-2" }, db)).map((d) => d.arguments.amount)).toEqual([4]);
    });
  });

  describe("personas and clients", () => {
    it("create the default personas and one client each exactly once, however many ask at once", async () => {
      const [a, b, personas] = await Promise.all([ensureGatewayClients("g", db), ensureGatewayClients("g", db), listPersonas("g", db)]);
      expect(a.map((c) => c.persona).sort()).toEqual(DEFAULT_PERSONAS.map((p) => p.name).sort());
      expect(b.map((c) => c.clientId).sort()).toEqual(a.map((c) => c.clientId).sort());
      expect(personas.map((p) => p.name)).toEqual(["admin", "refund-agent", "support-viewer"]);
      expect(await listPersonas("g", db)).toEqual(personas);
      expect(a[0].clientSecret).toMatch(/^[a-zA-Z0-9]{51}$/);
    });

    it("give a client its persona's current claims, and remove the client with the persona", async () => {
      const clients = await ensureGatewayClients("g", db);
      const agent = clients.find((c) => c.persona === "refund-agent")!;
      await savePersona("g", { name: "refund-agent", type: "OAuthUser", sub: "agent-7", claims: { role: "senior-agent", level: 3 } }, db);
      expect(await findClient(agent.clientId, db)).toMatchObject({ sub: "agent-7", claims: { role: "senior-agent", level: 3 } });
      await savePersona("g", { name: "auditor", type: "IamEntity", sub: "arn:aws:iam::123456789012:role/Audit", claims: {} }, db);
      expect((await ensureGatewayClients("g", db)).map((c) => c.persona)).not.toContain("auditor"); // IAM principals get no OAuth client
      expect(await deletePersona("g", "refund-agent", db)).toBe(true);
      expect(await deletePersona("g", "refund-agent", db)).toBe(false);
      expect(await findClient(agent.clientId, db)).toBeNull();
      expect((await listPersonas("g", db)).map((p) => p.name)).toEqual(["admin", "auditor", "support-viewer"]);
    });

    it("keep the first signing key stored when several are offered at once", async () => {
      const key = (kid: string) => async (): Promise<StoredSigningKey> => ({ kid, alg: "ES256", privateJwk: { kty: "EC", kid }, createdAt: new Date().toISOString() });
      const got = await Promise.all(["a", "b", "c"].map((kid) => getOrStoreSigningKey(key(kid), db)));
      expect(new Set(got.map((k) => k.kid)).size).toBe(1);
      expect(await getOrStoreSigningKey(key("later"), db)).toEqual(got[0]);
    });
  });

  describe("test cases", () => {
    const principal = { type: "OAuthUser" as const, sub: "refund-agent", claims: { role: "refund-agent" } };

    it("are added, listed by suite, changed and deleted", async () => {
      const small = await addTestCase({ gatewayId: "g", name: "small refund", principal, request: toolCall(10), expected: "ALLOW" }, db);
      const big = await addTestCase({ gatewayId: "g", suite: "limits", name: "big refund", principal, request: toolCall(5000), expected: "DENY" }, db);
      await addTestCase({ gatewayId: "h", name: "elsewhere", principal, request: toolCall(1), expected: "ALLOW" }, db);
      expect(small).toMatchObject({ suite: "default", request: toolCall(10) });
      expect((await listTestCases("g", db)).map((c) => [c.suite, c.name])).toEqual([
        ["default", "small refund"],
        ["limits", "big refund"],
      ]);
      expect(await updateTestCase("g", big.id, { name: "huge refund", request: toolCall(9000) }, db)).toMatchObject({ name: "huge refund", request: toolCall(9000), expected: "DENY" });
      expect(await updateTestCase("h", big.id, { name: "not yours" }, db)).toBeNull();
      expect(await deleteTestCase("g", small.id, db)).toBe(true);
      expect(await deleteTestCase("g", small.id, db)).toBe(false);
      expect(await deleteSuite("g", "limits", db)).toBe(1);
      expect(await listTestCases("g", db)).toEqual([]);
    });

    it("keep a session case's calls, each with its expected decision, and turn it into a one-call case on request", async () => {
      const session = [
        { request: toolCall(1), expected: "ALLOW" as const, at: 0 },
        { request: toolCall(2), expected: "DENY" as const, at: 30, outcome: "failed" as const, output: { ok: false }, guardrails: [{ type: "ContentFilter" as const, category: "HATE", score: 0.2 }] },
      ];
      const saved = await addTestCase({ gatewayId: "g", name: "two refunds", principal, session }, db);
      expect(saved).toEqual({ id: saved.id, gatewayId: "g", suite: "default", name: "two refunds", principal, session, createdAt: saved.createdAt });
      expect(await listTestCases("g", db)).toEqual([saved]);
      const single = await updateTestCase("g", saved.id, { request: toolCall(3), expected: "ALLOW" }, db);
      expect(single).toMatchObject({ request: toolCall(3), expected: "ALLOW" });
      expect(single).not.toHaveProperty("session");
      const back = await updateTestCase("g", saved.id, { session }, db);
      expect(back).toMatchObject({ session });
      expect(back).not.toHaveProperty("request");
    });

    it("replace a suite all or nothing", async () => {
      await addTestCase({ gatewayId: "g", suite: "s", name: "old", principal, request: toolCall(1), expected: "ALLOW" }, db);
      const bad = { name: null as unknown as string, principal, request: toolCall(2), expected: "ALLOW" as const };
      await expect(replaceSuite("g", "s", [{ name: "new", principal, request: toolCall(3), expected: "DENY" }, bad], db)).rejects.toThrow();
      expect((await listTestCases("g", db)).map((c) => c.name)).toEqual(["old"]);
      const replaced = await replaceSuite("g", "s", [{ name: "new", principal, request: toolCall(3), expected: "DENY" }], db);
      expect(replaced.map((c) => [c.suite, c.name])).toEqual([["s", "new"]]);
      expect((await listTestCases("g", db)).map((c) => c.name)).toEqual(["new"]);
      expect(await replaceSuite("g", "s", [], db)).toEqual([]);
    });
  });
});
