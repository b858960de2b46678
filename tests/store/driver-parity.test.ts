import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/store/db";
import { withExclusiveLock } from "@/lib/store/locks";
import { auditLog, policies, policyEngines, settings } from "@/lib/store/schema";
import { BACKENDS, closeStores, openStore, resetStore } from "./support/stores";

afterAll(closeStores);

/** What the query modules rely on from the driver, checked to behave the same on both. */
describe.each(BACKENDS)("the store's driver on %s", (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await openStore(backend);
  });
  beforeEach(() => resetStore(db));

  const engine = (id: string) => ({ policyEngineId: id, policyEngineArn: `arn:${id}`, name: id, status: "ACTIVE" });

  it("commits a transaction whole and rolls it back whole when it throws", async () => {
    await db.transaction(async (tx) => {
      await tx.insert(policyEngines).values(engine("a"));
      await tx.insert(policyEngines).values(engine("b"));
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(policyEngines).values(engine("c"));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(policyEngines).values(engine("d"));
        await tx.insert(policyEngines).values(engine("a")); // duplicate key
      }),
    ).rejects.toThrow();
    const names = await db.select({ name: policyEngines.name }).from(policyEngines).orderBy(asc(policyEngines.name));
    expect(names.map((r) => r.name)).toEqual(["a", "b"]);
  });

  it("serialises transactions that take the same transaction-level advisory lock (the seed's pattern)", async () => {
    const seedOnce = () =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(777)`);
        const [{ n }] = await tx.select({ n: count() }).from(policyEngines);
        if (n === 0) await tx.insert(policyEngines).values(engine(`e${Math.random()}`));
      });
    await Promise.all(Array.from({ length: 6 }, seedOnce));
    expect(await db.$count(policyEngines)).toBe(1);
  });

  it("returns inserted, updated and deleted rows with the database's defaults filled in", async () => {
    const [inserted] = await db.insert(policyEngines).values(engine("e")).returning();
    expect(inserted).toMatchObject({ policyEngineId: "e", description: null, status: "ACTIVE" });
    expect(inserted.createdAt).toBeInstanceOf(Date);
    const [p] = await db.insert(policies).values({ policyId: "p", policyEngineId: "e", policyArn: "arn:p", name: "p", statement: "permit(principal, action, resource);", status: "ACTIVE" }).returning();
    expect(p).toMatchObject({ description: "", statusReasons: [], enforcementMode: "ACTIVE" });
    const [updated] = await db.update(policies).set({ enforcementMode: "LOG_ONLY" }).where(eq(policies.policyId, "p")).returning({ id: policies.policyId, mode: policies.enforcementMode });
    expect(updated).toEqual({ id: "p", mode: "LOG_ONLY" });
    expect(await db.insert(policyEngines).values(engine("e")).onConflictDoNothing().returning()).toEqual([]);
    expect(await db.delete(policyEngines).where(eq(policyEngines.policyEngineId, "e")).returning({ id: policyEngines.policyEngineId })).toEqual([{ id: "e" }]);
    expect(await db.$count(policies)).toBe(0); // cascaded
  });

  it("stores JSON values as they were given", async () => {
    const value = {
      text: "ünïcødé — 😀 \"quoted\" \\ back",
      numbers: [0, -1, 2 ** 53 - 1, 9.99, 1e-7],
      nested: { deep: { list: [true, false, null, { a: [] }] }, empty: {} },
      "key with spaces": "",
    };
    await db.insert(settings).values([
      { key: "object", value },
      { key: "array", value: [1, "two", { three: 3 }] },
      { key: "bool", value: false },
    ]);
    const rows = Object.fromEntries((await db.select().from(settings)).map((r) => [r.key, r.value]));
    expect(rows).toEqual({ object: value, array: [1, "two", { three: 3 }], bool: false });
    const found = await db.select({ key: settings.key }).from(settings).where(sql`${settings.value} @> ${JSON.stringify({ nested: { empty: {} } })}::jsonb`);
    expect(found).toEqual([{ key: "object" }]);
  });

  it("keeps timestamps as instants to the millisecond, whatever the session's time zone", async () => {
    const at = new Date("2026-03-29T01:30:00.123Z"); // inside a European DST change
    const iso = await db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'America/Los_Angeles'`);
      await tx.insert(auditLog).values({ gatewayId: "g", actor: "a", action: "publish", summary: "given", result: "success", at });
      const result = await tx.execute(sql`select to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as iso from ${auditLog}`);
      return (result as unknown as { rows: Array<{ iso: string }> }).rows[0].iso;
    });
    expect(iso).toBe("2026-03-29T01:30:00.123");
    await db.insert(auditLog).values({ gatewayId: "g", actor: "a", action: "publish", summary: "now", result: "success" });
    const rows = await db.select().from(auditLog).orderBy(asc(auditLog.at));
    expect(rows.map((r) => r.summary)).toEqual(["given", "now"]);
    expect(rows[0].at.toISOString()).toBe("2026-03-29T01:30:00.123Z");
    expect(Math.abs(rows[1].at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("numbers serial ids from 1 in insertion order, uniquely under concurrent inserts", async () => {
    const one = () => db.insert(auditLog).values({ gatewayId: "g", actor: "a", action: "publish", summary: "s", result: "success" }).returning({ id: auditLog.id });
    const [[first]] = await Promise.all([one()]);
    expect(first.id).toBe(1);
    const ids = (await Promise.all(Array.from({ length: 20 }, one))).map(([r]) => r.id);
    expect(new Set(ids).size).toBe(20);
    expect(Math.min(...ids)).toBe(2);
    expect(Math.max(...ids)).toBe(21);
  });

  it("answers raw SQL with rows of named columns", async () => {
    const result = await db.execute(sql`select 1::int as one, 'x' as text, null::text as nothing`);
    expect((result as unknown as { rows: unknown[] }).rows).toEqual([{ one: 1, text: "x", nothing: null }]);
  });

  it("holds an exclusive lock until its work ends, and refuses a second holder meanwhile", async () => {
    const busy = () => new Error("busy");
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = withExclusiveLock(db, "k", async () => {
      entered();
      await held;
      return "first";
    }, busy);
    await inside;
    await expect(withExclusiveLock(db, "k", async () => "second", busy)).rejects.toThrow("busy");
    expect(await withExclusiveLock(db, "other", async () => "other key", busy)).toBe("other key");
    release();
    expect(await first).toBe("first");
    await expect(withExclusiveLock(db, "k", async () => { throw new Error("work failed"); }, busy)).rejects.toThrow("work failed");
    expect(await withExclusiveLock(db, "k", async () => "again", busy)).toBe("again");
  });

  it("answers queries while many exclusive locks are held at once", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const entered: Array<Promise<void>> = [];
    const holders = Array.from({ length: 12 }, (_, i) => {
      let enter!: () => void;
      entered.push(new Promise<void>((r) => (enter = r)));
      return withExclusiveLock(db, `gateway-${i}`, async () => (enter(), await held), () => new Error("busy"));
    });
    await Promise.race([Promise.all(entered), Promise.all(holders)]);
    expect(await db.$count(auditLog)).toBe(0);
    release();
    await Promise.all(holders);
  });
});
