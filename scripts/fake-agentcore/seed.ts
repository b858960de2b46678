/**
 * What the fake control plane holds at start: AgentCore-shaped gateways with Lambda (inline tools),
 * OpenAPI (inline spec) and MCP-server targets, one engine with a policy, and one gateway without an engine.
 */
const ACCOUNT = "111122223333";
const REGION = "us-east-1";
export const arn = (resource: string) => `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:${resource}`;

export interface FakeGateway {
  gatewayId: string;
  gatewayArn: string;
  gatewayUrl: string;
  name: string;
  description?: string;
  status: string;
  roleArn: string;
  protocolType: string;
  protocolConfiguration?: unknown;
  authorizerType: string;
  authorizerConfiguration?: unknown;
  kmsKeyArn?: string;
  exceptionLevel?: string;
  interceptorConfigurations?: unknown;
  policyEngineConfiguration?: { arn: string; mode: string };
  createdAt: string;
  updatedAt: string;
}

export interface FakeTarget {
  targetId: string;
  gatewayId: string;
  name: string;
  description?: string;
  status: string;
  targetConfiguration: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface FakeEngine {
  policyEngineId: string;
  policyEngineArn: string;
  name: string;
  description?: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export type FakeDefinitionKind = "cedar" | "policy" | "policyGeneration";

export interface FakePolicy {
  policyId: string;
  policyEngineId: string;
  policyArn: string;
  name: string;
  description?: string;
  /** The member of `definition` the policy was given under; it is returned the same way. */
  definitionKind: FakeDefinitionKind;
  /** What the engine enforces: the statement given, or the generation asset's. */
  statement: string;
  generation?: { policyGenerationId: string; policyGenerationAssetId: string };
  status: string;
  statusReasons: string[];
  enforcementMode: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeGeneration {
  policyEngineId: string;
  policyGenerationId: string;
  name: string;
  gatewayArn: string;
  text: string;
  status: string;
  createdAt: string;
  /** Fixed assets; without them the fake derives assets from the text. */
  assets?: Array<{ policyGenerationAssetId: string; rawTextFragment: string; definition: Record<string, unknown>; findings: Array<{ type: string; description: string }> }>;
}

export interface FakeSeed {
  gateways: FakeGateway[];
  targets: FakeTarget[];
  engines: FakeEngine[];
  policies: FakePolicy[];
  generations?: FakeGeneration[];
}

const T0 = "2026-01-15T10:00:00Z";

export function defaultSeed(extraGateways = 0): FakeSeed {
  const payments = gateway("paymentsgateway-a1b2c3d4e5", "PaymentsGateway", "Payments for billing agents");
  const support = gateway("supportgateway-f6g7h8i9j0", "SupportGateway", "Ticketing and knowledge base");
  const engine: FakeEngine = {
    policyEngineId: "paymentsengine-k1l2m3n4o5",
    policyEngineArn: arn("policy-engine/paymentsengine-k1l2m3n4o5"),
    name: "PaymentsEngine",
    description: "Payment limits",
    status: "ACTIVE",
    createdAt: T0,
    updatedAt: T0,
  };
  payments.policyEngineConfiguration = { arn: engine.policyEngineArn, mode: "ENFORCE" };
  const targets: FakeTarget[] = [
    {
      targetId: "PAYLAMBDA01",
      gatewayId: payments.gatewayId,
      name: "PaymentsTarget",
      description: "Payments Lambda",
      status: "READY",
      createdAt: T0,
      updatedAt: T0,
      targetConfiguration: {
        mcp: {
          lambda: {
            lambdaArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:payments`,
            toolSchema: {
              inlinePayload: [
                {
                  name: "create_payment",
                  description: "Charge a customer",
                  inputSchema: {
                    type: "object",
                    properties: {
                      amount: { type: "integer", description: "Amount in cents" },
                      currency: { type: "string", description: "ISO currency code" },
                    },
                    required: ["amount", "currency"],
                  },
                },
                {
                  name: "get_payment",
                  description: "Read a payment",
                  inputSchema: { type: "object", properties: { paymentId: { type: "string" } }, required: ["paymentId"] },
                },
              ],
            },
          },
        },
      },
    },
    {
      targetId: "SUPPORTAPI01",
      gatewayId: support.gatewayId,
      name: "TicketsApi",
      description: "Ticketing REST API",
      status: "READY",
      createdAt: T0,
      updatedAt: T0,
      targetConfiguration: {
        mcp: {
          openApiSchema: {
            inlinePayload: JSON.stringify({
              openapi: "3.0.0",
              info: { title: "Tickets", version: "1" },
              paths: {
                "/tickets/{ticketId}": {
                  get: { operationId: "getTicket", summary: "Read a ticket", parameters: [{ name: "ticketId", in: "path", required: true, schema: { type: "string" } }] },
                },
                "/tickets": {
                  post: {
                    operationId: "createTicket",
                    summary: "Open a ticket",
                    requestBody: {
                      content: {
                        "application/json": {
                          schema: { type: "object", properties: { title: { type: "string" }, priority: { type: "string", enum: ["low", "high"] } }, required: ["title"] },
                        },
                      },
                    },
                  },
                },
              },
            }),
          },
        },
      },
    },
    {
      targetId: "KBMCP01",
      gatewayId: support.gatewayId,
      name: "KnowledgeBase",
      description: "Knowledge base MCP server",
      status: "READY",
      createdAt: T0,
      updatedAt: T0,
      targetConfiguration: { mcp: { mcpServer: { endpoint: "https://kb.example.com/mcp" } } },
    },
  ];
  const policies: FakePolicy[] = [
    {
      policyId: "paymentlimit-p1q2r3s4t5",
      policyEngineId: engine.policyEngineId,
      policyArn: `${engine.policyEngineArn}/policy/paymentlimit-p1q2r3s4t5`,
      name: "payment_limit",
      description: "Payments under $500",
      definitionKind: "cedar",
      statement: `permit(principal, action == AgentCore::Action::"PaymentsTarget___create_payment", resource == AgentCore::Gateway::"${payments.gatewayArn}") when { context.input.amount < 50000 };`,
      status: "ACTIVE",
      statusReasons: [],
      enforcementMode: "ACTIVE",
      createdAt: T0,
      updatedAt: T0,
    },
  ];
  const extra = Array.from({ length: extraGateways }, (_, i) => gateway(`extragateway${i}-${String(i).padStart(10, "0")}`, `ExtraGateway${String(i).padStart(3, "0")}`));
  return { gateways: [payments, support, ...extra], targets, engines: [engine], policies };
}

function gateway(gatewayId: string, name: string, description?: string): FakeGateway {
  return {
    gatewayId,
    gatewayArn: arn(`gateway/${gatewayId}`),
    gatewayUrl: `https://${gatewayId}.gateway.bedrock-agentcore.${REGION}.amazonaws.com/mcp`,
    name,
    description,
    status: "READY",
    roleArn: `arn:aws:iam::${ACCOUNT}:role/AgentCoreGatewayRole`,
    protocolType: "MCP",
    protocolConfiguration: { mcp: { supportedVersions: ["2025-06-18"], searchType: "SEMANTIC" } },
    authorizerType: "CUSTOM_JWT",
    authorizerConfiguration: {
      customJWTAuthorizer: { discoveryUrl: `https://cognito-idp.${REGION}.amazonaws.com/${REGION}_Example/.well-known/openid-configuration`, allowedClients: ["agentclient"] },
    },
    kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    exceptionLevel: "DEBUG",
    createdAt: T0,
    updatedAt: T0,
  };
}

/**
 * The default seed plus the 2026 definition kinds in the payments engine: a temporal policy held
 * under `definition.policy` and a policy created from a generation asset (`definition.policyGeneration`).
 */
export function dogwoodSeed(): FakeSeed {
  const seed = defaultSeed();
  const engine = seed.engines[0];
  const gatewayArn = seed.gateways[0].gatewayArn;
  const generationId = "seedgen-0a1b2c3d4e";
  const policy = (policyId: string, name: string, rest: Pick<FakePolicy, "definitionKind" | "statement" | "generation" | "description">): FakePolicy => ({
    policyId,
    policyEngineId: engine.policyEngineId,
    policyArn: `${engine.policyEngineArn}/policy/${policyId}`,
    name,
    status: "ACTIVE",
    statusReasons: [],
    enforcementMode: "ACTIVE",
    createdAt: T0,
    updatedAt: T0,
    ...rest,
  });
  seed.policies.push(
    policy("lookupfirst-u6v7w8x9y0", "pay_after_lookup", {
      description: "A payment needs a payment read in the last hour",
      definitionKind: "policy",
      statement: `permit(principal, action == AgentCore::Action::"PaymentsTarget___create_payment", resource == AgentCore::Gateway::"${gatewayArn}")\nwhen temporal {\n  formerly within 1h AgentCore::Action::"PaymentsTarget___get_payment"::response{ eventResource: resource }\n};`,
    }),
    policy("generatedreads-z1a2b3c4d5", "generated_reads", {
      definitionKind: "policyGeneration",
      statement: `permit(principal, action == AgentCore::Action::"PaymentsTarget___get_payment", resource == AgentCore::Gateway::"${gatewayArn}");`,
      generation: { policyGenerationId: generationId, policyGenerationAssetId: `${generationId}-0` },
    }),
  );
  seed.generations = [
    {
      policyEngineId: engine.policyEngineId,
      policyGenerationId: generationId,
      name: "reads",
      gatewayArn,
      text: "Anyone may read payments",
      status: "GENERATED",
      createdAt: T0,
      assets: [
        {
          policyGenerationAssetId: `${generationId}-0`,
          rawTextFragment: "Anyone may read payments",
          definition: { policy: { statement: `permit(principal, action == AgentCore::Action::"PaymentsTarget___get_payment", resource == AgentCore::Gateway::"${gatewayArn}");` } },
          findings: [{ type: "VALID", description: "The policy is valid." }],
        },
      ],
    },
  ];
  return seed;
}
