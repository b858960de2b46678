import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalControlPlane } from "@/lib/agentcore/local";
import { ensureGatewayClients } from "@/lib/store/clients";
import { saveDraft } from "@/lib/store/drafts";
import { BACKENDS, closeStores, localControlPlaneEach } from "./support/stores";

/** The local control plane's gateways and targets, on both stores: transactions, uniqueness, no orphans. */

afterAll(closeStores);

const TOOL = { name: "process_refund", description: "Refund", inputSchema: { type: "object", properties: { amount: { type: "integer" } } } };

describe.each(BACKENDS)("local gateways and targets on %s", (backend) => {
  // An empty workspace per test: the adapter seeds the demo on first use.
  const store = localControlPlaneEach(backend);

  it("creates one of two concurrent targets with the same name and refuses the other with 409", async () => {
    const g = await store.cp.createGateway({ name: "Race" });
    const results = await Promise.allSettled([0, 1].map(() => store.cp.createGatewayTarget(g.gatewayId, { name: "T", type: "LAMBDA", tools: [TOOL] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "target-name-taken", status: 409 } });
    expect((await store.cp.getGateway(g.gatewayId)).targets).toHaveLength(1);
  });

  it("keeps MCP header values out of every answer while the forwarder gets them", async () => {
    const g = await store.cp.createGateway({ name: "Secrets" });
    const t = await store.cp.createGatewayTarget(g.gatewayId, {
      name: "Helpdesk",
      type: "MCP_SERVER",
      tools: [TOOL],
      mcpServer: { url: "http://127.0.0.1:4590/mcp?key=abc", headers: { Authorization: "Bearer topsecret-9999" }, shown: { url: "http://127.0.0.1:4590/mcp", headers: { Authorization: "Bearer ••••9999" } } },
    });
    expect(JSON.stringify([t, await store.cp.getGateway(g.gatewayId), await store.cp.listGateways()])).not.toContain("topsecret");
    expect(await store.cp.localTargets!.mcpUpstreams(g.gatewayId)).toEqual([{ targetName: "Helpdesk", url: "http://127.0.0.1:4590/mcp?key=abc", headers: { Authorization: "Bearer topsecret-9999" } }]);
  });

  it("deletes a gateway with its targets, engine and console data, and does not bring the demo back", async () => {
    for (const g of await store.cp.listGateways()) {
      await ensureGatewayClients(g.gatewayId, store.db);
      await saveDraft(g.gatewayId, "// draft", "v0", store.db);
      await store.cp.deleteGateway(g.gatewayId);
    }
    const left = await store.db.execute(sql`select (select count(*) from gateways) + (select count(*) from targets) + (select count(*) from policy_engines) + (select count(*) from policies) + (select count(*) from gateway_clients) + (select count(*) from drafts) + (select count(*) from personas) as n`);
    expect(Number((left as unknown as { rows: Array<{ n: unknown }> }).rows[0].n)).toBe(0);
    expect(await createLocalControlPlane(store.db, { publicUrl: "http://x" }).listGateways()).toEqual([]);
  });
});
