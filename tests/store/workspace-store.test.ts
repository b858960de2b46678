import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/store/db";
import { deleteDraft, getDraft, listDraftTexts, saveDraft } from "@/lib/store/drafts";
import { getVersion, latestVersion, listAudit, listVersions, recentVersions, recordAudit, recordVersion, type VersionPolicy } from "@/lib/store/history";
import { getSetting, putSetting } from "@/lib/store/settings";
import { BACKENDS, closeStores, openStore, resetStore } from "./support/stores";

afterAll(closeStores);

const policy = (name: string): VersionPolicy => ({ name, description: `${name} — ü`, statement: `permit(principal, action, resource) when { context.input.n == "${name}" };`, enforcementMode: "ACTIVE" });

describe.each(BACKENDS)("the console's workspace store on %s", (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await openStore(backend);
  });
  beforeEach(() => resetStore(db));

  describe("drafts", () => {
    it("keep the version a draft was written against, as the writer says, and move it on a rebase", async () => {
      expect(await getDraft("g", db)).toBeNull();
      const first = await saveDraft("g", "permit(principal, action, resource);", "v1", db);
      // A save carries the base its text was written against: it is never swapped for another silently.
      const edited = await saveDraft("g", "// edited\npermit(principal, action, resource);", "v1", db);
      expect(edited).toMatchObject({ text: "// edited\npermit(principal, action, resource);", baseVersion: "v1" });
      expect(await saveDraft("g", edited.text, "v0", db)).toMatchObject({ baseVersion: "v0" });
      const last = await saveDraft("g", edited.text, "v1", db);
      expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
      expect(await getDraft("g", db)).toEqual(last);
      const rebased = await saveDraft("g", "forbid(principal, action, resource);", "v2", db);
      expect(await getDraft("g", db)).toEqual({ text: "forbid(principal, action, resource);", baseVersion: "v2", updatedAt: rebased.updatedAt });
      expect(await getDraft("other", db)).toBeNull();
      await deleteDraft("g", db);
      expect(await getDraft("g", db)).toBeNull();
    });

    it("are listed by gateway in one read, for the gateways list", async () => {
      expect(await listDraftTexts(db)).toEqual(new Map());
      await saveDraft("g", "permit(principal, action, resource);", "v1", db);
      await saveDraft("h", "", "v1", db);
      expect(await listDraftTexts(db)).toEqual(new Map([["g", "permit(principal, action, resource);"], ["h", ""]]));
    });

    it("keep every character of the text", async () => {
      const text = '@id("ünï")\n// 😀 tabs\tand \\ back\\slashes, "quotes", NUL-free\r\npermit(principal, action, resource);\n';
      await saveDraft("g", text, "v", db);
      expect((await getDraft("g", db))?.text).toBe(text);
    });
  });

  describe("settings", () => {
    it("upsert JSON values by key", async () => {
      expect(await getSetting("k", db)).toBeUndefined();
      await putSetting("k", { tools: [{ name: "a" }] }, db);
      await putSetting("k", { tools: [{ name: "b" }] }, db);
      expect(await getSetting("k", db)).toEqual({ tools: [{ name: "b" }] });
    });
  });

  describe("history", () => {
    it("numbers each gateway's versions from 1 and reads them back newest first", async () => {
      const v1 = await recordVersion("g", { author: "alice", message: "first", policies: [policy("a")] }, db);
      const v2 = await recordVersion("g", { author: "bob", message: "second", policies: [policy("a"), policy("b")] }, db);
      const other = await recordVersion("h", { author: "carol", message: "elsewhere", policies: [] }, db);
      expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
      expect(v2).toMatchObject({ author: "bob", message: "second", policyCount: 2, policies: [policy("a"), policy("b")] });
      expect((await listVersions("g", db)).map((v) => [v.version, v.author, v.policyCount])).toEqual([
        [2, "bob", 2],
        [1, "alice", 1],
      ]);
      expect(await listVersions("g", db)).not.toHaveProperty("0.policies");
      expect(await getVersion("g", 1, db)).toEqual(v1);
      expect(await getVersion("g", 3, db)).toBeNull();
      expect(await latestVersion("g", db)).toEqual(v2);
      expect(await latestVersion("none", db)).toBeNull();
      expect((await recentVersions("g", 1, db)).map((v) => v.version)).toEqual([2]);
    });

    it("gives concurrent publishes of one gateway distinct, gapless version numbers", async () => {
      const recorded = await Promise.all(Array.from({ length: 3 }, (_, i) => recordVersion("g", { author: `u${i}`, message: "m", policies: [] }, db)));
      expect(recorded.map((v) => v.version).sort()).toEqual([1, 2, 3]);
    });
  });

  describe("audit log", () => {
    it("appends who did what, with its result and details, and lists a gateway's newest first", async () => {
      const a = await recordAudit({ gatewayId: "g", actor: "alice", action: "publish", summary: "Published as version 2", result: "success", details: { version: 2, applied: [{ name: "p" }] } }, db);
      const b = await recordAudit({ gatewayId: "g", actor: "bob", action: "mode-switch", summary: "LOG_ONLY → ENFORCE", result: "failure" }, db);
      await recordAudit({ gatewayId: null, actor: "carol", action: "engine-create", summary: "elsewhere", result: "partial" }, db);
      expect(a).toMatchObject({ gatewayId: "g", actor: "alice", action: "publish", result: "success", details: { version: 2, applied: [{ name: "p" }] } });
      expect(b.details).toBeNull();
      expect(Date.parse(a.at)).not.toBeNaN();
      expect((await listAudit("g", 200, db)).map((e) => e.actor)).toEqual(["bob", "alice"]);
      expect((await listAudit("g", 1, db)).map((e) => e.actor)).toEqual(["bob"]);
    });
  });
});
