import "server-only";
import {
  BedrockAgentCoreControlClient,
  CreatePolicyCommand,
  CreatePolicyEngineCommand,
  DeletePolicyCommand,
  GetGatewayCommand,
  GetGatewayTargetCommand,
  GetPolicyCommand,
  GetPolicyEngineCommand,
  GetPolicyGenerationCommand,
  ListGatewaysCommand,
  ListGatewayTargetsCommand,
  ListPoliciesCommand,
  ListPolicyEnginesCommand,
  ListPolicyGenerationAssetsCommand,
  StartPolicyGenerationCommand,
  UpdateGatewayCommand,
  UpdatePolicyCommand,
  type GetGatewayResponse,
  type Policy,
  type PolicyEngine as SdkPolicyEngine,
} from "@aws-sdk/client-bedrock-agentcore-control";
import type { AwsSettings } from "@/lib/config";
import { assetStatement, readDefinition, writeDefinition } from "./aws-definitions";
import { mapAwsError, type CallContext } from "./aws-errors";
import { toolsOfTarget } from "./aws-tools";
import { managedInAgentCore } from "./managed";
import type { Authorizer, ControlPlane, EnginePolicy, GatewayDetail, GatewaySummary, PolicyEngine, PolicyGenerationApi, Target } from "./types";

export interface AwsOptions {
  /** Attempts per call including the first; the SDK's standard retry backs off on throttling and 5xx. */
  maxAttempts?: number;
  /** How long a gateway read is reused by the list (ListGateways has no engine configuration). */
  cacheMs?: number;
}

const CONCURRENCY = 4;

/** The real AgentCore control plane through the official SDK. */
export function createAwsControlPlane(settings: AwsSettings, options: AwsOptions = {}): ControlPlane & { policyGeneration: PolicyGenerationApi } {
  const client = new BedrockAgentCoreControlClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 4,
    retryMode: "standard",
  });
  const endpointHost = settings.endpoint ? new URL(settings.endpoint).host : `bedrock-agentcore-control.${settings.region}.amazonaws.com`;
  const cacheMs = options.cacheMs ?? 5_000;
  const gatewayCache = new Map<string, { at: number; value: Promise<GatewayDetail> }>();

  async function call<T>(ctx: Omit<CallContext, "endpointHost">, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw mapAwsError(e, { ...ctx, endpointHost });
    }
  }

  async function targetsOf(gatewayId: string): Promise<Target[]> {
    const summaries = [];
    let nextToken: string | undefined;
    do {
      const page = await call({ operation: "ListGatewayTargets", resource: "gateway", id: gatewayId }, () =>
        client.send(new ListGatewayTargetsCommand({ gatewayIdentifier: gatewayId, nextToken })),
      );
      summaries.push(...(page.items ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return mapBounded(summaries, async (s) => {
      const t = await call({ operation: "GetGatewayTarget", resource: "target", id: s.targetId }, () =>
        client.send(new GetGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId: s.targetId })),
      );
      const name = t.name ?? s.name ?? "";
      return {
        targetId: t.targetId ?? s.targetId ?? "",
        name,
        status: t.status ?? s.status ?? "READY",
        description: t.description,
        updatedAt: iso(t.updatedAt),
        ...toolsOfTarget(name, t.targetConfiguration),
      };
    });
  }

  async function readGateway(gatewayId: string): Promise<GetGatewayResponse> {
    return call({ operation: "GetGateway", resource: "gateway", id: gatewayId }, () => client.send(new GetGatewayCommand({ gatewayIdentifier: gatewayId })));
  }

  async function loadGateway(gatewayId: string): Promise<GatewayDetail> {
    const [g, targets] = await Promise.all([readGateway(gatewayId), targetsOf(gatewayId)]);
    return { ...summaryOf(g, targets), targets };
  }

  function cachedGateway(gatewayId: string, fresh = false): Promise<GatewayDetail> {
    const hit = gatewayCache.get(gatewayId);
    if (!fresh && hit && Date.now() - hit.at < cacheMs) return hit.value;
    const value = loadGateway(gatewayId);
    gatewayCache.set(gatewayId, { at: Date.now(), value });
    value.catch(() => gatewayCache.delete(gatewayId));
    return value;
  }

  async function policiesOf(policyEngineId: string): Promise<EnginePolicy[]> {
    const out: EnginePolicy[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call({ operation: "ListPolicies", resource: "policy-engine", id: policyEngineId }, () =>
        client.send(new ListPoliciesCommand({ policyEngineId, nextToken })),
      );
      out.push(...(page.policies ?? []).map(toPolicy));
      nextToken = page.nextToken;
    } while (nextToken);
    return withGeneratedStatements(policyEngineId, out);
  }

  // Generation assets never change, so one read per generation serves every later list.
  const generationAssets = new Map<string, Promise<Awaited<ReturnType<PolicyGenerationApi["listPolicyGenerationAssets"]>>>>();

  /**
   * A policy created from a generation asset may come back as the reference only; its statement is
   * the asset's. When the asset cannot be read the policy keeps an empty statement and a note: it is
   * then shown and kept, never rewritten.
   */
  async function withGeneratedStatements(policyEngineId: string, policies: EnginePolicy[]): Promise<EnginePolicy[]> {
    return Promise.all(
      policies.map(async (p) => {
        if (p.definitionKind !== "policyGeneration" || p.statement || !p.generation) return p;
        const { policyGenerationId, policyGenerationAssetId } = p.generation;
        const key = `${policyEngineId}/${policyGenerationId}`;
        let assets = generationAssets.get(key);
        if (!assets) {
          assets = api.policyGeneration.listPolicyGenerationAssets(policyEngineId, policyGenerationId);
          generationAssets.set(key, assets);
          assets.catch(() => generationAssets.delete(key));
        }
        try {
          const asset = (await assets).find((a) => a.assetId === policyGenerationAssetId);
          if (asset?.statement) return { ...p, statement: asset.statement, statementNote: `The statement of asset ${policyGenerationAssetId} of policy generation ${policyGenerationId}; the engine returns only the reference.` };
          return { ...p, statementNote: `Policy generation ${policyGenerationId} has no asset ${policyGenerationAssetId} any more; the policy is kept as it is.` };
        } catch (e) {
          return { ...p, statementNote: `The assets of policy generation ${policyGenerationId} could not be read (${e instanceof Error ? e.message : String(e)}); the policy is kept as it is.` };
        }
      }),
    );
  }

  const api: ControlPlane & { policyGeneration: PolicyGenerationApi } = {
    kind: "aws",

    async info() {
      const account = settings.accountId ?? (await accountFromGateways().catch(() => undefined));
      return { kind: "aws", label: `AWS ${account ? `${account}/` : ""}${settings.region}`, region: settings.region, account };
    },

    async listGateways() {
      const ids: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await call({ operation: "ListGateways" }, () => client.send(new ListGatewaysCommand({ nextToken })));
        ids.push(...(page.items ?? []).map((i) => i.gatewayId ?? "").filter(Boolean));
        nextToken = page.nextToken;
      } while (nextToken);
      const details = await mapBounded(ids, (id) => cachedGateway(id));
      return details.map(({ targets: _targets, ...summary }): GatewaySummary => summary);
    },

    getGateway: (gatewayId) => cachedGateway(gatewayId, true),

    async setGatewayPolicyEngine(gatewayId, { policyEngineArn, mode }) {
      // UpdateGateway is a PUT: everything settable is resent as read, only the engine configuration changes.
      const g = await readGateway(gatewayId);
      await call({ operation: "UpdateGateway", resource: "gateway", id: gatewayId }, () =>
        client.send(
          new UpdateGatewayCommand({
            gatewayIdentifier: gatewayId,
            name: g.name,
            description: g.description,
            roleArn: g.roleArn,
            protocolType: g.protocolType,
            protocolConfiguration: g.protocolConfiguration,
            authorizerType: g.authorizerType,
            authorizerConfiguration: g.authorizerConfiguration,
            kmsKeyArn: g.kmsKeyArn,
            customTransformConfiguration: g.customTransformConfiguration,
            interceptorConfigurations: g.interceptorConfigurations,
            exceptionLevel: g.exceptionLevel,
            wafConfiguration: g.wafConfiguration,
            policyEngineConfiguration: { arn: policyEngineArn, mode },
          }),
        ),
      );
      return cachedGateway(gatewayId, true);
    },

    async listPolicyEngines() {
      const out: PolicyEngine[] = [];
      let nextToken: string | undefined;
      do {
        const page = await call({ operation: "ListPolicyEngines" }, () => client.send(new ListPolicyEnginesCommand({ nextToken })));
        out.push(...(page.policyEngines ?? []).map(toEngine));
        nextToken = page.nextToken;
      } while (nextToken);
      return out;
    },

    async getPolicyEngine(policyEngineId) {
      return toEngine(await call({ operation: "GetPolicyEngine", resource: "policy-engine", id: policyEngineId }, () => client.send(new GetPolicyEngineCommand({ policyEngineId }))));
    },

    async createPolicyEngine({ name, description }) {
      return toEngine(await call({ operation: "CreatePolicyEngine" }, () => client.send(new CreatePolicyEngineCommand({ name, description }))));
    },

    listPolicies: policiesOf,

    async getPolicy(policyEngineId, policyId) {
      const p = toPolicy(await call({ operation: "GetPolicy", resource: "policy", id: policyId }, () => client.send(new GetPolicyCommand({ policyEngineId, policyId }))));
      return (await withGeneratedStatements(policyEngineId, [p]))[0];
    },

    async createPolicy(policyEngineId, p) {
      return toPolicy(
        await call({ operation: "CreatePolicy", resource: "policy-engine", id: policyEngineId }, () =>
          client.send(
            new CreatePolicyCommand({
              policyEngineId,
              name: p.name,
              description: p.description || undefined,
              definition: writeDefinition(p.definitionKind, p.statement),
              enforcementMode: p.enforcementMode ?? "ACTIVE",
              validationMode: "FAIL_ON_ANY_FINDINGS",
            }),
          ),
        ),
      );
    },

    async updatePolicy(policyEngineId, policyId, change) {
      return toPolicy(
        await call({ operation: "UpdatePolicy", resource: "policy", id: policyId }, () =>
          client.send(
            new UpdatePolicyCommand({
              policyEngineId,
              policyId,
              ...(change.statement !== undefined ? { definition: writeDefinition(change.definitionKind, change.statement), validationMode: "FAIL_ON_ANY_FINDINGS" as const } : {}),
              ...(change.description !== undefined ? { description: { optionalValue: change.description } } : {}),
              ...(change.enforcementMode !== undefined ? { enforcementMode: change.enforcementMode } : {}),
            }),
          ),
        ),
      );
    },

    async deletePolicy(policyEngineId, policyId) {
      await call({ operation: "DeletePolicy", resource: "policy", id: policyId }, () => client.send(new DeletePolicyCommand({ policyEngineId, policyId })));
    },

    createGateway: async () => managedInAgentCore("create gateways"),
    updateGateway: async () => managedInAgentCore("rename gateways"),
    deleteGateway: async () => managedInAgentCore("delete gateways"),
    createGatewayTarget: async () => managedInAgentCore("add targets"),
    deleteGatewayTarget: async () => managedInAgentCore("delete targets"),

    policyGeneration: {
      async startPolicyGeneration(policyEngineId, gatewayArn, text, name) {
        const r = await call({ operation: "StartPolicyGeneration", resource: "policy-engine", id: policyEngineId }, () =>
          client.send(new StartPolicyGenerationCommand({ policyEngineId, name, resource: { arn: gatewayArn }, content: { rawText: text } })),
        );
        return { policyGenerationId: r.policyGenerationId ?? "", status: r.status ?? "GENERATING" };
      },

      async getPolicyGeneration(policyEngineId, policyGenerationId) {
        const r = await call({ operation: "GetPolicyGeneration", resource: "policy-generation", id: policyGenerationId }, () =>
          client.send(new GetPolicyGenerationCommand({ policyEngineId, policyGenerationId })),
        );
        return { status: r.status ?? "GENERATING", statusReasons: r.statusReasons ?? [], findings: r.findings };
      },

      async listPolicyGenerationAssets(policyEngineId, policyGenerationId) {
        const out: Array<{ assetId: string; statement: string; findings: Array<{ type: string; description: string }> }> = [];
        let nextToken: string | undefined;
        do {
          const page = await call({ operation: "ListPolicyGenerationAssets", resource: "policy-generation", id: policyGenerationId }, () =>
            client.send(new ListPolicyGenerationAssetsCommand({ policyEngineId, policyGenerationId, nextToken })),
          );
          for (const a of page.policyGenerationAssets ?? []) {
            out.push({
              assetId: a.policyGenerationAssetId ?? "",
              statement: assetStatement(a.definition),
              findings: (a.findings ?? []).map((f) => ({ type: f.type ?? "VALID", description: f.description ?? "" })),
            });
          }
          nextToken = page.nextToken;
        } while (nextToken);
        return out;
      },
    },
  };
  return api;

  async function accountFromGateways(): Promise<string | undefined> {
    const page = await client.send(new ListGatewaysCommand({ maxResults: 1 }));
    const id = page.items?.[0]?.gatewayId;
    if (!id) return undefined;
    const g = await client.send(new GetGatewayCommand({ gatewayIdentifier: id }));
    return g.gatewayArn?.split(":")[4];
  }
}

function summaryOf(g: GetGatewayResponse, targets: Target[]): GatewaySummary {
  const pe = g.policyEngineConfiguration;
  return {
    gatewayId: g.gatewayId ?? "",
    name: g.name ?? "",
    description: g.description,
    gatewayArn: g.gatewayArn ?? "",
    status: (g.status ?? "READY") as GatewaySummary["status"],
    gatewayUrl: g.gatewayUrl ?? "",
    policyEngine: pe?.arn && pe.mode ? { policyEngineArn: pe.arn, policyEngineId: pe.arn.split("/").pop() ?? "", mode: pe.mode } : null,
    targetCount: targets.length,
    toolCount: targets.reduce((n, t) => n + t.tools.length, 0),
    authorizer: authorizerOf(g),
    updatedAt: iso(g.updatedAt),
  };
}

function authorizerOf(g: GetGatewayResponse): Authorizer {
  const type = (g.authorizerType ?? "NONE") as Authorizer["type"];
  const jwt = g.authorizerConfiguration?.customJWTAuthorizer;
  if (type === "CUSTOM_JWT" && jwt) {
    const parts = [`discovery ${jwt.discoveryUrl}`];
    if (jwt.allowedAudience?.length) parts.push(`audiences: ${jwt.allowedAudience.join(", ")}`);
    if (jwt.allowedClients?.length) parts.push(`clients: ${jwt.allowedClients.join(", ")}`);
    return { type, summary: `Custom JWT — ${parts.join("; ")}`, discoveryUrl: jwt.discoveryUrl, allowedAudience: jwt.allowedAudience, allowedClients: jwt.allowedClients };
  }
  const summaries: Record<string, string> = {
    AWS_IAM: "AWS IAM (SigV4) — principals are IAM entities; policies match principal.id",
    NONE: "No authorizer — calls are not authenticated",
    AUTHENTICATE_ONLY: "Authenticate only",
    CUSTOM_JWT: "Custom JWT",
  };
  return { type, summary: summaries[type] ?? type };
}

function toEngine(e: SdkPolicyEngine): PolicyEngine {
  return {
    policyEngineId: e.policyEngineId ?? "",
    policyEngineArn: e.policyEngineArn ?? "",
    name: e.name ?? "",
    description: e.description,
    status: (e.status ?? "ACTIVE") as PolicyEngine["status"],
    statusReasons: e.statusReasons ?? [],
    updatedAt: iso(e.updatedAt),
  };
}

function toPolicy(p: Policy): EnginePolicy {
  const definition = readDefinition(p.definition);
  return {
    policyId: p.policyId ?? "",
    policyArn: p.policyArn ?? "",
    name: p.name ?? "",
    description: p.description ?? "",
    statement: definition.statement,
    definitionKind: definition.kind,
    ...(definition.generation ? { generation: definition.generation } : {}),
    ...(definition.note ? { statementNote: definition.note } : {}),
    status: (p.status ?? "ACTIVE") as EnginePolicy["status"],
    statusReasons: p.statusReasons ?? [],
    enforcementMode: p.enforcementMode ?? "ACTIVE",
    updatedAt: iso(p.updatedAt),
  };
}

function iso(d: Date | undefined): string {
  return (d ?? new Date(0)).toISOString();
}

async function mapBounded<T, R>(items: T[], fn: (item: T) => Promise<R>, limit = CONCURRENCY): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}
