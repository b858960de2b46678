import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createLocalControlPlane } from "@/lib/agentcore/local";
import type { ControlPlane, GatewayDetail } from "@/lib/agentcore/types";
import { startGatewayServer, type GatewayServer } from "@/lib/gateway/node-server";
import { switchMode } from "@/lib/publishing/mode";
import { publishDraft, type PublishResult } from "@/lib/publishing/publish";
import { ensureGatewayClients } from "@/lib/store/clients";
import { closeDb, getDb, openDb, type Db } from "@/lib/store/db";
import { listDecisions } from "@/lib/store/decisions";
import { listVersions } from "@/lib/store/history";
import { LOCK_SPACE } from "@/lib/store/postgres";
import { publishedVersion } from "@/lib/workspace/published";
import { depsFor, named, permit } from "../publishing/support";
import { closeStores, emptyStoreLocation } from "./support/stores";

// Each migration of the journal is applied once, however many instances start together.
const MIGRATIONS = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../lib/store/migrations/meta/_journal.json"), "utf8")).entries.length as number;

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const REFUND = "RefundTarget___process_refund";
const limit = (n: number) => `${named("limit", permit(REFUND, `context.input.amount < ${n}`))}\n`;

/** Instance B in a process of its own (tests/store/support/instance.ts) on the same database. */
async function otherProcess(location: string, ...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "tests/store/support/instance.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: location },
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!);
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Advisory locks the console holds on this database now (every instance's). */
async function consoleLocks(db: Db): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted and classid = ${LOCK_SPACE}::oid and database = (select oid from pg_database where datname = current_database())`);
  return n;
}

describe("two console instances on one PostgreSQL database", () => {
  let location: string;
  let a: Db;
  let b: Db;
  let cpA: ControlPlane;
  let cpB: ControlPlane;
  let refund: GatewayDetail;

  beforeAll(async () => {
    location = await emptyStoreLocation("PostgreSQL");
    // Instance A is this process's configured store, as in a running console: the publish lock and history use it.
    process.env.DATABASE_URL = location;
  });
  afterAll(async () => {
    await Promise.all([a && closeDb(a), b && closeDb(b)]);
    await closeStores();
  });

  const live = () => cpA.listPolicies(refund.policyEngine!.policyEngineId);

  it("start together on an empty database: the migrations and the demo seed happen once", async () => {
    const [first, second] = await Promise.all([otherProcess(location, "open"), otherProcess(location, "open")]);
    expect(second).toEqual(first);
    expect(first.gateways).toHaveLength(2);
    [a, b] = await Promise.all([getDb(), openDb(location)]);
    expect(await rows(a, sql`select count(*)::int as n from drizzle.__drizzle_migrations`)).toEqual([{ n: MIGRATIONS }]);
    cpA = createLocalControlPlane(a, { publicUrl: "http://127.0.0.1:3999" });
    cpB = createLocalControlPlane(b, { publicUrl: "http://127.0.0.1:3999" });
    expect((await cpB.listGateways()).map((g) => g.gatewayId).sort()).toEqual(first.gateways);
    refund = await cpA.getGateway((await cpA.listGateways()).find((g) => g.name === "RefundGateway")!.gatewayId);
  });

  it("open at once from many handles on another empty database without a failed migration", async () => {
    const other = await emptyStoreLocation("PostgreSQL");
    const handles = await Promise.all(Array.from({ length: 4 }, () => openDb(other)));
    expect(await rows(handles[0], sql`select count(*)::int as n from drizzle.__drizzle_migrations`)).toEqual([{ n: MIGRATIONS }]);
    await Promise.all(handles.map(closeDb));
  });

  it("hold a gateway's publish against the other instance, which is told 409 at once", async () => {
    const base = publishedVersion(await live());
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const depsA = { ...depsFor(cpA, "alice"), loadGateway: async (id: string) => (entered(), await gate, cpA.getGateway(id)) };
    const publishing = publishDraft(depsA, refund.gatewayId, { text: limit(1000), message: "A", baseVersion: base });
    await Promise.race([inside, publishing]);
    expect(await consoleLocks(a)).toBe(1);
    const fromB = await otherProcess(location, "publish", JSON.stringify({ gatewayId: refund.gatewayId, text: limit(2000), message: "B", baseVersion: base }));
    expect(fromB).toEqual({ error: { code: "conflict", status: 409 } });
    release();
    expect((await publishing).status).toBe("published");
    expect(await consoleLocks(a)).toBe(0);
    expect((await live()).map((p) => p.statement)).toEqual([permit(REFUND, "context.input.amount < 1000")]);
  });

  it("give one of two concurrent publishes of a gateway success and the other 409", async () => {
    const base = publishedVersion(await live());
    const before = (await listVersions(refund.gatewayId, a)).length;
    const outcomes = await Promise.allSettled([
      publishDraft(depsFor(cpA, "alice"), refund.gatewayId, { text: limit(3000), message: "from A", baseVersion: base }),
      publishDraft(depsFor(cpB, "bob"), refund.gatewayId, { text: limit(4000), message: "from B", baseVersion: base }),
    ]);
    const won = outcomes.filter((o): o is PromiseFulfilledResult<PublishResult> => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won.map((o) => o.value.status)).toEqual(["published"]);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ status: 409 });
    expect(["conflict", "stale-base-version"]).toContain(lost[0].reason.code);
    expect((await listVersions(refund.gatewayId, b)).length).toBe(before + 1);

    // The loser's retry on its old base is a conflict that shows what the winner published.
    const loser = outcomes[0].status === "rejected" ? { deps: depsFor(cpA, "alice"), n: 3000 } : { deps: depsFor(cpB, "bob"), n: 4000 };
    await expect(publishDraft(loser.deps, refund.gatewayId, { text: limit(loser.n), message: "retry", baseVersion: base })).rejects.toMatchObject({
      code: "stale-base-version",
      details: { currentVersion: won[0].value.version },
    });
  });

  describe("the local MCP gateway", () => {
    // Both instances behind one load balancer: one public URL, so one token issuer.
    const issuer = "http://127.0.0.1:3999/oauth2";
    let gwA: GatewayServer;
    let gwB: GatewayServer;
    beforeAll(async () => {
      [gwA, gwB] = await Promise.all([startGatewayServer({ db: a, controlPlane: cpA, issuer }), startGatewayServer({ db: b, controlPlane: cpB, issuer })]);
    });
    afterAll(async () => {
      await Promise.all([gwA?.close(), gwB?.close()]);
    });

    async function token(server: GatewayServer): Promise<string> {
      const c = (await ensureGatewayClients(refund.gatewayId, a)).find((x) => x.persona === "refund-agent")!;
      const res = await fetch(`${server.url}/oauth2/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { access_token: string }).access_token;
    }

    async function refundVia(server: GatewayServer, bearer: string, amount: number): Promise<"allowed" | "denied"> {
      const res = await fetch(`${server.url}/mcp/${refund.gatewayId}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ jsonrpc: "2.0", id: amount, method: "tools/call", params: { name: REFUND, arguments: { amount } } }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { error?: { code: number }; result?: { isError: boolean } };
      if (body.error?.code === -32002) return "denied";
      expect(body.result?.isError).toBe(false);
      return "allowed";
    }

    it("accepts on either instance a token issued by the other", async () => {
      const [fromA, fromB] = await Promise.all([token(gwA), token(gwB)]);
      expect(await refundVia(gwB, fromA, 1)).toBe("allowed");
      expect(await refundVia(gwA, fromB, 1)).toBe("allowed");
    });

    it("enforces on B, from its next call, what was published or switched on A", async () => {
      const bearer = await token(gwA);
      await publishDraft(depsFor(cpA, "alice"), refund.gatewayId, { text: limit(1000), message: "back to 1000", baseVersion: publishedVersion(await live()) });
      expect(await refundVia(gwB, bearer, 500)).toBe("allowed");
      expect(await refundVia(gwB, bearer, 1500)).toBe("denied"); // B has now read and kept this set

      await publishDraft(depsFor(cpA, "alice"), refund.gatewayId, { text: limit(5000), message: "raise to 5000", baseVersion: publishedVersion(await live()) });
      expect(await refundVia(gwB, bearer, 1500)).toBe("allowed");

      await switchMode(depsFor(cpA, "alice"), refund.gatewayId, "LOG_ONLY");
      expect(await refundVia(gwB, bearer, 9000)).toBe("allowed");
      const [logged] = await listDecisions(refund.gatewayId, { limit: 1 }, a);
      expect(logged).toMatchObject({ arguments: { amount: 9000 }, decision: "DENY", mode: "LOG_ONLY", blocked: false });
      await switchMode(depsFor(cpA, "alice"), refund.gatewayId, "ENFORCE");
      expect(await refundVia(gwB, bearer, 9000)).toBe("denied");
    });

    it("records every decision made on either instance", async () => {
      const bearer = await token(gwA);
      const amounts = Array.from({ length: 24 }, (_, i) => 100 + i);
      await Promise.all(amounts.map((amount, i) => refundVia(i % 2 ? gwB : gwA, bearer, amount)));
      const logged = await listDecisions(refund.gatewayId, { limit: 500 }, b);
      expect(logged.map((d) => d.arguments.amount as number).filter((n) => n >= 100 && n < 124).sort((x, y) => x - y)).toEqual(amounts);
    });
  });
});
