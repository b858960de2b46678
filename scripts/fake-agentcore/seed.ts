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

export interface FakePolicy {
  policyId: string;
  policyEngineId: string;
  policyArn: string;
  name: string;
  description?: string;
  statement: string;
  status: string;
  statusReasons: string[];
  enforcementMode: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeSeed {
  gateways: FakeGateway[];
  targets: FakeTarget[];
  engines: FakeEngine[];
  policies: FakePolicy[];
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
