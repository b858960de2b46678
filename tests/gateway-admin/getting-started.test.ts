process.env.DATA_DIR = "memory://gateway-admin-getting-started";
process.env.AGENTCORE_BACKEND = "local";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getControlPlane } from "@/lib/agentcore";
import { startGatewayServer, type GatewayServer } from "@/lib/gateway/node-server";
import { getDb } from "@/lib/store/db";
import { agentToken, api, REFUND_TOOL } from "./support";

/**
 * AWS's AgentCore Policy getting-started guide, done on the embedded default through the JSON API
 * only: a new gateway, a target with the guide's process_refund tool, an engine, the refund-limit
 * policy, ENFORCE — then the guide's test calls through the local MCP gateway.
 */

let server: GatewayServer | undefined;
// Opening the store (migrations, the demo seed) is the hook's time, not the test's.
beforeAll(() => api("GET", "/api/gateways"));
afterAll(() => server?.close());

describe("the getting-started guide through the JSON API", () => {
  it("ends with ALLOW for $500 and the exact -32002 body for $2000", async () => {
    const gateway = await api("POST", "/api/gateways", { name: "GuideGateway", description: "The getting-started guide" });
    expect(gateway.status).toBe(201);
    const { gatewayId, gatewayArn } = gateway.body;

    const target = await api("POST", `/api/gateways/${gatewayId}/targets`, { name: "RefundTarget", type: "inline", tools: [REFUND_TOOL] });
    expect(target.status).toBe(201);

    const engine = await api("POST", `/api/gateways/${gatewayId}/engine`, { name: "GuidePolicyEngine" });
    expect(engine.status).toBe(201);
    expect(engine.body.gateway.policyEngine.mode).toBe("LOG_ONLY");

    const { baseVersion } = (await api("GET", `/api/gateways/${gatewayId}/policies`)).body.draft;
    const text = `@id("refund_limit_policy")
permit(
  principal,
  action == AgentCore::Action::"RefundTarget___process_refund",
  resource == AgentCore::Gateway::"${gatewayArn}"
)
when { context.input.amount < 1000 };
`;
    const published = await api("POST", `/api/gateways/${gatewayId}/publish`, { text, message: "Refunds under $1000", baseVersion });
    expect(published).toMatchObject({ status: 200, body: { status: "published", applied: [{ name: "refund_limit_policy", op: "create" }] } });

    const enforced = await api("PUT", `/api/gateways/${gatewayId}/mode`, { mode: "ENFORCE" });
    expect(enforced.body.policyEngine.mode).toBe("ENFORCE");

    server = await startGatewayServer({ db: await getDb(), controlPlane: await getControlPlane() });
    const access_token = await agentToken(server.url, gatewayId);
    const refund = (amount: number) =>
      fetch(`${server!.url}/mcp/${gatewayId}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${access_token}` },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "RefundTarget___process_refund", arguments: { amount } } }),
      }).then((r) => r.text());

    const allowed = JSON.parse(await refund(500));
    expect(allowed.result.isError).toBe(false);
    expect(JSON.parse(allowed.result.content[0].text)).toMatchObject({ status: "success", tool: "RefundTarget___process_refund", arguments: { amount: 500 } });
    expect(await refund(2000)).toBe(
      '{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to no determining policies]"}}',
    );
  });
});
