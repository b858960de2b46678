process.env.DATA_DIR = "memory://gateway-admin-lifecycle";
process.env.AGENTCORE_BACKEND = "local";

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getControlPlane } from "@/lib/agentcore";
import { ensureGatewayClients } from "@/lib/store/clients";
import { getDb } from "@/lib/store/db";
import { recordDecision } from "@/lib/store/decisions";
import { savePersona } from "@/lib/store/personas";
import { addTestCase } from "@/lib/store/test-cases";
import { startSampleMcpServer, type SampleServer } from "@/scripts/sample-mcp-server/server";
import { api } from "./support";

/** Re-sync of an MCP target, a gateway's export and import, and deleting a gateway without orphans. */

let upstream: SampleServer;
beforeAll(async () => {
  upstream = await startSampleMcpServer({ requireHeaders: { authorization: "Bearer s3cret-value-1234" } });
  // Opening the store (migrations, the demo seed) is the hook's time, not the first test's.
  await api("GET", "/api/gateways");
});
afterAll(() => upstream?.close());

const gatewayNamed = async (name: string) => ((await api("GET", "/api/gateways")).body.gateways as Array<{ name: string; gatewayId: string; gatewayArn: string }>).find((g) => g.name === name);

describe("re-sync of an MCP server target", () => {
  it("shows tools removed and the policies naming them before anything changes, and applies only when asked", async () => {
    const gatewayId = (await api("POST", "/api/gateways", { name: "SyncGateway" })).body.gatewayId;
    const target = (await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Helpdesk", type: "mcp", url: upstream.url, headers: { Authorization: "Bearer s3cret-value-1234" } })).body;
    await api("POST", `/api/gateways/${gatewayId}/engine`, { name: "SyncEngine" });
    const { baseVersion } = (await api("GET", `/api/gateways/${gatewayId}/policies`)).body.draft;
    const text = `@id("escalations")\npermit(principal, action == AgentCore::Action::"Helpdesk___escalate_ticket", resource);\n\n@id("reads")\npermit(principal, action == AgentCore::Action::"Helpdesk___get_ticket", resource);\n`;
    expect((await api("POST", `/api/gateways/${gatewayId}/publish`, { text, message: "m", baseVersion })).status).toBe(200);

    // The same server, restarted with one tool fewer.
    const port = upstream.port;
    await upstream.close();
    upstream = await startSampleMcpServer({ port, toolCount: 4, requireHeaders: { authorization: "Bearer s3cret-value-1234" } });

    const preview = await api("POST", `/api/gateways/${gatewayId}/targets/${target.targetId}/sync`, {});
    expect(preview.body.error).toBeUndefined();
    expect(preview.body).toMatchObject({ applied: false, changes: { added: [], removed: ["escalate_ticket"], changed: [] } });
    expect(preview.body.affectedPolicies).toEqual([
      expect.objectContaining({ policyId: "escalations", in: "published", messages: ["names Helpdesk___escalate_ticket, which the server no longer lists."] }),
    ]);
    expect((await api("GET", `/api/gateways/${gatewayId}`)).body.toolCount).toBe(5);

    const applied = await api("POST", `/api/gateways/${gatewayId}/targets/${target.targetId}/sync`, { apply: true });
    expect(applied.body).toMatchObject({ applied: true, target: { tools: expect.any(Array) } });
    expect((await api("GET", `/api/gateways/${gatewayId}`)).body.toolCount).toBe(4);
  });

  it("is only for MCP server targets", async () => {
    const gatewayId = (await api("POST", "/api/gateways", { name: "InlineOnly" })).body.gatewayId;
    const t = (await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "T", type: "inline", tools: [{ name: "x", description: "x", inputSchema: { type: "object" } }] })).body;
    expect(await api("POST", `/api/gateways/${gatewayId}/targets/${t.targetId}/sync`, {})).toMatchObject({ status: 400 });
    expect(await api("POST", `/api/gateways/${gatewayId}/targets/NOPE1/sync`, {})).toMatchObject({ status: 404, body: { error: { code: "target-not-found" } } });
  });
});

describe("export and import", () => {
  it("round-trips a gateway: tools, engine mode, policies re-scoped to the new ARN, personas, suites", async () => {
    const orders = (await gatewayNamed("RefundGateway"))!;
    await savePersona(orders.gatewayId, { name: "auditor", type: "OAuthUser", sub: "auditor-1", claims: { role: "auditor" } });
    await addTestCase({ gatewayId: orders.gatewayId, suite: "limits", name: "big refund", principal: { type: "OAuthUser", sub: "a", claims: { role: "refund-agent" } }, request: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount: 5000 } } }, expected: "DENY" });

    const exported = await api("GET", `/api/gateways/${orders.gatewayId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="RefundGateway.gateway.json"');
    const file = exported.body;
    expect(file).toMatchObject({ format: "policy-studio-gateway/1", engine: { mode: "ENFORCE" }, targets: [{ name: "RefundTarget", type: "inline", demo: true }] });

    expect(await api("POST", "/api/gateways/import", file)).toMatchObject({ status: 409, body: { error: { code: "gateway-name-taken" } } });
    const imported = await api("POST", "/api/gateways/import?name=RefundCopy", file);
    expect(imported.status).toBe(201);
    const copy = imported.body.gateway;
    expect(copy).toMatchObject({ name: "RefundCopy", toolCount: 1, policyEngine: { mode: "ENFORCE" } });
    expect(copy.gatewayId).not.toBe(orders.gatewayId);

    const again = (await api("GET", `/api/gateways/${copy.gatewayId}/export`)).body;
    expect(again.targets).toEqual(file.targets);
    expect(again.personas).toEqual(file.personas);
    expect(again.suites).toEqual(file.suites);
    expect(again.policies.map((p: { statement: string }) => p.statement)).toEqual(file.policies.map((p: { statement: string }) => p.statement.split(orders.gatewayArn).join(copy.gatewayArn)));
    expect(imported.body.warnings).toEqual([expect.stringMatching(/RefundPolicyEngine exists already; the imported gateway's engine is RefundPolicyEngine_2/)]);
  });

  it("exports MCP header names without their values, and imports the values the file is given", async () => {
    const gatewayId = (await api("POST", "/api/gateways", { name: "Shared" })).body.gatewayId;
    await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "Helpdesk", type: "mcp", url: upstream.url, headers: { Authorization: "Bearer s3cret-value-1234" } });
    const file = (await api("GET", `/api/gateways/${gatewayId}/export`)).body;
    expect(JSON.stringify(file)).not.toContain("s3cret");
    expect(file.targets[0]).toMatchObject({ type: "mcp", url: upstream.url, headers: { Authorization: null } });
    expect(file.notes).toEqual([expect.stringContaining("the values of its headers (Authorization) are not exported")]);

    const withheld = await api("POST", "/api/gateways/import?name=SharedCopy", file);
    expect(withheld.status).toBe(201);
    expect(withheld.body.warnings).toEqual(expect.arrayContaining([expect.stringContaining("header Authorization had no value in the file and was left out")]));

    file.targets[0].headers.Authorization = "Bearer s3cret-value-1234";
    const filled = await api("POST", "/api/gateways/import?name=SharedCopy2", file);
    expect(filled.body.gateway.targets[0].mcpServer.headers).toEqual({ Authorization: "Bearer ••••1234" });
  });

  it("refuses a file that is not one, or whose policy the engine refuses, creating nothing", async () => {
    expect(await api("POST", "/api/gateways/import", { format: "something-else" })).toMatchObject({ status: 400, body: { error: { code: "export-file-invalid" } } });
    const refund = (await gatewayNamed("RefundGateway"))!;
    const file = (await api("GET", `/api/gateways/${refund.gatewayId}/export`)).body;
    file.policies.push({ name: "broken", description: "", statement: "permit(principal, action, resource) when { oops", enforcementMode: "ACTIVE" });
    const res = await api("POST", "/api/gateways/import?name=Half", file);
    expect(res.status).toBe(400);
    expect(await gatewayNamed("Half")).toBeUndefined();
    const engines = (await (await getControlPlane()).listPolicyEngines()).map((e) => e.name);
    expect(engines).not.toContain("RefundPolicyEngine_3");
  });
});

describe("deleting a gateway", () => {
  it("removes its targets, its own engine and every record the console kept of it", async () => {
    const refund = (await gatewayNamed("RefundCopy"))!;
    const db = await getDb();
    await ensureGatewayClients(refund.gatewayId, db);
    await recordDecision({ gatewayId: refund.gatewayId, clientId: null, persona: null, principal: { type: "OAuthUser", sub: "x", claims: {} }, tool: "RefundTarget___process_refund", arguments: { amount: 1 }, decision: "ALLOW", determiningPolicies: [], logOnlyMatched: [], flips: [], mode: "ENFORCE", blocked: false });
    const gone = await api("DELETE", `/api/gateways/${refund.gatewayId}`);
    expect(gone).toMatchObject({ status: 200, body: { deleted: refund.gatewayId } });

    const left = await db.execute(sql`
      select (select count(*) from targets where gateway_id = ${refund.gatewayId})
        + (select count(*) from drafts where gateway_id = ${refund.gatewayId})
        + (select count(*) from personas where gateway_id = ${refund.gatewayId})
        + (select count(*) from gateway_clients where gateway_id = ${refund.gatewayId})
        + (select count(*) from test_cases where gateway_id = ${refund.gatewayId})
        + (select count(*) from publish_versions where gateway_id = ${refund.gatewayId})
        + (select count(*) from audit_log where gateway_id = ${refund.gatewayId})
        + (select count(*) from decision_log where gateway_id = ${refund.gatewayId})
        + (select count(*) from policy_engines where name = 'RefundPolicyEngine_2') as n`);
    expect(Number((left as unknown as { rows: Array<{ n: unknown }> }).rows[0].n)).toBe(0);
    expect((await api("GET", `/api/gateways/${refund.gatewayId}`)).status).toBe(404);
  });
});
