import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { gateways, policies, policyEngines, settings, targets } from "@/lib/store/schema";
import { arn, LOCAL_ACCOUNT, LOCAL_REGION, randomSuffix } from "./ids";
import { GATEWAY_NAME, GATEWAY_NAME_MAX, RESOURCE_NAME, RESOURCE_NAME_RULE } from "./names";
import { checkEngineStatement } from "./statement-check";
import { localTargets, toTarget } from "./local-targets";
import { DEMO_DISMISSED, LOCAL_AUTHORIZER, LOCAL_ROLE_ARN, seedDemo } from "@/lib/demo/seed-local";
import { deleteGatewayData } from "@/lib/store/gateway-data";
import type {
  ControlPlane,
  EnforcementMode,
  EnginePolicy,
  GatewayDetail,
  GatewaySummary,
  PolicyEngine,
  PolicyStatus,
} from "./types";

type GatewayRow = typeof gateways.$inferSelect;
type TargetRow = typeof targets.$inferSelect;

export interface LocalOptions {
  /** Base of the embedded MCP gateway's URLs, e.g. http://127.0.0.1:3000 */
  publicUrl: string;
}

/**
 * The embedded control plane: the same records and rules as AgentCore (unique names, one statement
 * per policy, not-found errors), kept in the console's own store.
 */
export function createLocalControlPlane(db: Db, options: LocalOptions): ControlPlane {
  let seeded: Promise<void> | undefined;
  const ready = () => (seeded ??= seedDemo(db));

  const toSummary = (g: GatewayRow, rows: TargetRow[]): GatewaySummary => ({
    gatewayId: g.gatewayId,
    name: g.name,
    description: g.description ?? undefined,
    gatewayArn: g.gatewayArn,
    status: g.status as GatewaySummary["status"],
    gatewayUrl: `${options.publicUrl}/mcp/${g.gatewayId}`,
    policyEngine:
      g.policyEngineArn && g.policyEngineMode
        ? { policyEngineArn: g.policyEngineArn, policyEngineId: g.policyEngineArn.split("/").pop() ?? "", mode: g.policyEngineMode }
        : null,
    targetCount: rows.length,
    toolCount: rows.reduce((n, t) => n + t.tools.length, 0),
    authorizer: g.authorizer,
    updatedAt: g.updatedAt.toISOString(),
  });

  async function gatewayRow(gatewayId: string, on: Db = db): Promise<GatewayRow> {
    await ready();
    const [row] = await on.select().from(gateways).where(eq(gateways.gatewayId, gatewayId));
    if (!row) throw new AppError("gateway-not-found", `No gateway with id "${gatewayId}" exists in the local workspace.`);
    return row;
  }

  async function getGateway(gatewayId: string): Promise<GatewayDetail> {
    const g = await gatewayRow(gatewayId);
    const rows = await db.select().from(targets).where(eq(targets.gatewayId, gatewayId)).orderBy(asc(targets.name));
    return { ...toSummary(g, rows), targets: rows.map(toTarget) };
  }

  async function assertNameFree(name: string, on: Db, except?: string) {
    const [taken] = await on.select({ id: gateways.gatewayId }).from(gateways).where(eq(gateways.name, name));
    if (taken && taken.id !== except) {
      throw new AppError("gateway-name-taken", `A gateway named "${name}" already exists in the local workspace; gateway names are unique.`, { gatewayId: taken.id });
    }
  }

  async function engineRow(policyEngineId: string) {
    await ready();
    const [row] = await db.select().from(policyEngines).where(eq(policyEngines.policyEngineId, policyEngineId));
    if (!row) throw new AppError("policy-engine-not-found", `No policy engine with id "${policyEngineId}" exists in the local workspace.`);
    return row;
  }

  const toEngine = (e: typeof policyEngines.$inferSelect): PolicyEngine => ({
    policyEngineId: e.policyEngineId,
    policyEngineArn: e.policyEngineArn,
    name: e.name,
    description: e.description ?? undefined,
    status: e.status as PolicyEngine["status"],
    statusReasons: [],
    updatedAt: e.updatedAt.toISOString(),
  });

  const toPolicy = (p: typeof policies.$inferSelect): EnginePolicy => ({
    policyId: p.policyId,
    policyArn: p.policyArn,
    name: p.name,
    description: p.description,
    statement: p.statement,
    definitionKind: p.definitionKind,
    ...(p.policyGenerationId && p.policyGenerationAssetId ? { generation: { policyGenerationId: p.policyGenerationId, policyGenerationAssetId: p.policyGenerationAssetId } } : {}),
    status: p.status as PolicyStatus,
    statusReasons: p.statusReasons,
    enforcementMode: p.enforcementMode,
    updatedAt: p.updatedAt.toISOString(),
  });

  async function policyRow(policyEngineId: string, policyId: string) {
    const [row] = await db
      .select()
      .from(policies)
      .where(and(eq(policies.policyEngineId, policyEngineId), eq(policies.policyId, policyId)));
    if (!row) throw new AppError("policy-not-found", `No policy with id "${policyId}" exists in policy engine "${policyEngineId}".`);
    return row;
  }

  return {
    kind: "local",

    async info() {
      return { kind: "local", label: "Local workspace", region: LOCAL_REGION, account: LOCAL_ACCOUNT };
    },

    async listGateways() {
      await ready();
      const [gs, ts] = await Promise.all([db.select().from(gateways).orderBy(asc(gateways.name)), db.select().from(targets)]);
      return gs.map((g) => toSummary(g, ts.filter((t) => t.gatewayId === g.gatewayId)));
    },

    getGateway,

    async setGatewayPolicyEngine(gatewayId, { policyEngineArn, mode }) {
      await gatewayRow(gatewayId);
      const engineId = policyEngineArn.split("/").pop() ?? "";
      await engineRow(engineId);
      await db
        .update(gateways)
        .set({ policyEngineArn, policyEngineMode: mode, updatedAt: new Date() })
        .where(eq(gateways.gatewayId, gatewayId));
      return getGateway(gatewayId);
    },

    async listPolicyEngines() {
      await ready();
      return (await db.select().from(policyEngines).orderBy(asc(policyEngines.name))).map(toEngine);
    },

    async getPolicyEngine(policyEngineId) {
      return toEngine(await engineRow(policyEngineId));
    },

    async createPolicyEngine({ name, description }) {
      await ready();
      if (!RESOURCE_NAME.test(name)) throw new AppError("request-rejected", `"${name}" is not a valid policy engine name: ${RESOURCE_NAME_RULE}.`);
      const [existing] = await db.select().from(policyEngines).where(eq(policyEngines.name, name));
      if (existing) throw new AppError("conflict", `A policy engine named "${name}" already exists.`);
      const policyEngineId = `${name.toLowerCase().replace(/_/g, "")}-${randomSuffix()}`;
      const [row] = await db
        .insert(policyEngines)
        .values({ policyEngineId, policyEngineArn: arn(`policy-engine/${policyEngineId}`), name, description, status: "ACTIVE" })
        .returning();
      return toEngine(row);
    },

    async listPolicies(policyEngineId) {
      await engineRow(policyEngineId);
      const rows = await db.select().from(policies).where(eq(policies.policyEngineId, policyEngineId)).orderBy(asc(policies.createdAt), asc(policies.name));
      return rows.map(toPolicy);
    },

    async getPolicy(policyEngineId, policyId) {
      await engineRow(policyEngineId);
      return toPolicy(await policyRow(policyEngineId, policyId));
    },

    async createPolicy(policyEngineId, { name, description, statement, definitionKind, enforcementMode }) {
      const engine = await engineRow(policyEngineId);
      if (!RESOURCE_NAME.test(name)) throw new AppError("request-rejected", `"${name}" is not a valid policy name: ${RESOURCE_NAME_RULE}.`);
      checkEngineStatement(statement, definitionKind);
      const [existing] = await db
        .select({ id: policies.policyId })
        .from(policies)
        .where(and(eq(policies.policyEngineId, policyEngineId), eq(policies.name, name)));
      if (existing) throw new AppError("conflict", `A policy named "${name}" already exists in policy engine "${engine.name}".`);
      const policyId = `${name.toLowerCase().replace(/_/g, "").slice(0, 20)}-${randomSuffix()}`;
      const [row] = await db
        .insert(policies)
        .values({
          policyId,
          policyEngineId,
          policyArn: `${engine.policyEngineArn}/policy/${policyId}`,
          name,
          description: description ?? "",
          statement,
          definitionKind: definitionKind ?? "cedar",
          status: "ACTIVE",
          enforcementMode: enforcementMode ?? "ACTIVE",
        })
        .returning();
      return toPolicy(row);
    },

    async updatePolicy(policyEngineId, policyId, change) {
      await engineRow(policyEngineId);
      await policyRow(policyEngineId, policyId);
      if (change.statement !== undefined) checkEngineStatement(change.statement, change.definitionKind);
      const set: Partial<typeof policies.$inferInsert> = { updatedAt: new Date() };
      if (change.statement !== undefined) {
        // A new statement replaces the whole definition, a generation reference included.
        Object.assign(set, { statement: change.statement, definitionKind: change.definitionKind ?? "cedar", policyGenerationId: null, policyGenerationAssetId: null });
      }
      if (change.description !== undefined) set.description = change.description;
      if (change.enforcementMode !== undefined) set.enforcementMode = change.enforcementMode as EnforcementMode;
      const [row] = await db.update(policies).set(set).where(eq(policies.policyId, policyId)).returning();
      return toPolicy(row);
    },

    async deletePolicy(policyEngineId, policyId) {
      await engineRow(policyEngineId);
      await policyRow(policyEngineId, policyId);
      await db.delete(policies).where(eq(policies.policyId, policyId));
    },

    async createGateway({ name, description }) {
      await ready();
      assertGatewayFields({ name, description });
      const gatewayId = `${name.toLowerCase().replace(/-/g, "")}-${randomSuffix()}`;
      await db.transaction(async (tx) => {
        await assertNameFree(name, tx);
        await tx.insert(gateways).values({
          gatewayId,
          name,
          description: description ?? null,
          gatewayArn: arn(`gateway/${gatewayId}`),
          status: "READY",
          roleArn: LOCAL_ROLE_ARN,
          authorizer: LOCAL_AUTHORIZER,
        });
      });
      return getGateway(gatewayId);
    },

    async updateGateway(gatewayId, change) {
      await gatewayRow(gatewayId);
      assertGatewayFields({ name: change.name, description: change.description ?? undefined });
      await db.transaction(async (tx) => {
        if (change.name !== undefined) await assertNameFree(change.name, tx, gatewayId);
        const set: Partial<GatewayRow> = { updatedAt: new Date() };
        if (change.name !== undefined) set.name = change.name;
        if (change.description !== undefined) set.description = change.description;
        await tx.update(gateways).set(set).where(eq(gateways.gatewayId, gatewayId));
      });
      return getGateway(gatewayId);
    },

    async deleteGateway(gatewayId) {
      const g = await gatewayRow(gatewayId);
      await db.transaction(async (tx) => {
        await tx.delete(targets).where(eq(targets.gatewayId, gatewayId));
        await tx.delete(gateways).where(eq(gateways.gatewayId, gatewayId));
        // One engine may serve several gateways; one that served only this gateway goes with it.
        if (g.policyEngineArn) {
          const [other] = await tx.select({ id: gateways.gatewayId }).from(gateways).where(eq(gateways.policyEngineArn, g.policyEngineArn)).limit(1);
          if (!other) await tx.delete(policyEngines).where(eq(policyEngines.policyEngineArn, g.policyEngineArn));
        }
        await deleteGatewayData(gatewayId, tx);
        await tx.insert(settings).values({ key: DEMO_DISMISSED, value: true }).onConflictDoNothing();
      });
    },

    ...localTargets(db, { gatewayRow }),
  };
}

/** CreateGateway's rules: the name pattern AgentCore gives gateway and target names alike, a description of 1–200 characters. */
function assertGatewayFields({ name, description }: { name?: string; description?: string }) {
  if (name !== undefined && (name.length > GATEWAY_NAME_MAX || !GATEWAY_NAME.test(name))) {
    throw new AppError(
      "gateway-name-invalid",
      `"${name.slice(0, 120)}" is not a valid gateway name: AgentCore allows 1–100 letters, digits and single hyphens, starting with a letter or digit.`,
      { field: "name" },
    );
  }
  if (description !== undefined && (description.length === 0 || description.length > 200)) {
    throw new AppError("gateway-name-invalid", "A gateway description is 1–200 characters.", { field: "description" });
  }
}
