import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/store/db";
import { gateways, policies, policyEngines, settings, targets } from "@/lib/store/schema";
import { arn, randomSuffix } from "@/lib/agentcore/ids";
import type { Authorizer } from "@/lib/agentcore/types";
import { ORDER_TOOLS, ORDERS_TARGET, REFUND_POLICY_NAME, REFUND_TARGET, REFUND_TOOLS, refundPolicyStatement } from "./tools";

/** The authorizer of every local gateway: the workspace's own OAuth token endpoint. */
export const LOCAL_AUTHORIZER: Authorizer = {
  type: "CUSTOM_JWT",
  summary: "Custom JWT — tokens from the local workspace's OAuth endpoint (client-credentials grant)",
  allowedClients: [],
};

export const LOCAL_ROLE_ARN = "arn:aws:iam::123456789012:role/AgentCoreGatewayRole";

/** Set once a user deleted a gateway: an empty workspace is then theirs, and the demo stays away. */
export const DEMO_DISMISSED = "demo-dismissed";

/** Seeds the demo once, in one transaction, the first time the workspace is opened. */
export async function seedDemo(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    // Serialises concurrent first requests: only one of them seeds.
    await tx.execute(sql`select pg_advisory_xact_lock(4242)`);
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(gateways);
    if (count > 0) return;
    const [dismissed] = await tx.select().from(settings).where(eq(settings.key, DEMO_DISMISSED));
    if (dismissed) return;

    const refundId = `refundgateway-${randomSuffix()}`;
    const refundArn = arn(`gateway/${refundId}`);
    const refundEngineId = `refundpolicyengine-${randomSuffix()}`;
    const refundEngineArn = arn(`policy-engine/${refundEngineId}`);
    const ordersId = `ordersgateway-${randomSuffix()}`;
    const ordersEngineId = `orderspolicyengine-${randomSuffix()}`;
    const ordersEngineArn = arn(`policy-engine/${ordersEngineId}`);
    const roleArn = LOCAL_ROLE_ARN;

    await tx.insert(policyEngines).values([
      { policyEngineId: refundEngineId, policyEngineArn: refundEngineArn, name: "RefundPolicyEngine", description: "Refund limits", status: "ACTIVE" },
      { policyEngineId: ordersEngineId, policyEngineArn: ordersEngineArn, name: "OrdersPolicyEngine", description: "Order access", status: "ACTIVE" },
    ]);
    await tx.insert(gateways).values([
      {
        gatewayId: refundId,
        name: "RefundGateway",
        description: "Refund processing for support agents",
        gatewayArn: refundArn,
        status: "READY",
        roleArn,
        authorizer: LOCAL_AUTHORIZER,
        policyEngineArn: refundEngineArn,
        policyEngineMode: "ENFORCE",
      },
      {
        gatewayId: ordersId,
        name: "OrdersGateway",
        description: "Order management for the commerce agents",
        gatewayArn: arn(`gateway/${ordersId}`),
        status: "READY",
        roleArn,
        authorizer: LOCAL_AUTHORIZER,
        policyEngineArn: ordersEngineArn,
        policyEngineMode: "LOG_ONLY",
      },
    ]);
    await tx.insert(targets).values([
      { targetId: randomSuffix().toUpperCase(), gatewayId: refundId, name: REFUND_TARGET, type: "LAMBDA", description: "Refund Lambda", status: "READY", tools: REFUND_TOOLS },
      { targetId: randomSuffix().toUpperCase(), gatewayId: ordersId, name: ORDERS_TARGET, type: "LAMBDA", description: "Orders service Lambda", status: "READY", tools: ORDER_TOOLS },
    ]);
    const policyId = `refundlimitpolicy-${randomSuffix()}`;
    await tx.insert(policies).values({
      policyId,
      policyEngineId: refundEngineId,
      policyArn: `${refundEngineArn}/policy/${policyId}`,
      name: REFUND_POLICY_NAME,
      description: "Refunds under $1000 are allowed",
      statement: refundPolicyStatement(refundArn),
      status: "ACTIVE",
      enforcementMode: "ACTIVE",
    });
  });
}
