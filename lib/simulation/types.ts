import type { CedarRequest } from "@/lib/cedar/request-from-call";
import type { JsonRpcResponse } from "@/lib/gateway/responses";

/** Who makes a call: the JWT's `sub` and claims (which become the principal's tags). */
export interface CallPrincipal {
  type?: "OAuthUser" | "IamEntity";
  sub: string;
  claims: Record<string, unknown>;
}

/** One call to simulate: a principal and a raw JSON-RPC `tools/call` body (object or text). */
export interface SimCall {
  principal: CallPrincipal;
  request: unknown;
}

export interface SimResult {
  decision: "ALLOW" | "DENY";
  determiningPolicies: string[];
  errors: string[];
  /** LOG_ONLY policies that matched, and those that would have changed the decision had they been ACTIVE. */
  logOnly: { matched: string[]; flips: string[] };
  /** The Cedar request that was evaluated (absent when the call could not be read). */
  cedarRequest?: CedarRequest;
  /** What the gateway answers in each engine mode, as JSON-RPC bodies. */
  response: { LOG_ONLY: JsonRpcResponse; ENFORCE: JsonRpcResponse };
  tool?: string;
  /** Whether `tools/list` shows the tool to this principal with the engine in ENFORCE (single-call replay only). */
  listed?: boolean;
}

/** Everything the simulator needs to know about a gateway; serialisable so it can cross into the worker. */
export interface SimGateway {
  gatewayArn: string;
  /** The principal type the gateway's authorizer produces (AWS_IAM gateways: IamEntity); default OAuthUser. */
  principalType?: "OAuthUser" | "IamEntity";
  schemaJson: Record<string, unknown>;
  tools: Array<{ name: string; inputSchema: Record<string, unknown> }>;
}

export interface TestCase {
  id?: number;
  name: string;
  principal: CallPrincipal;
  request: unknown;
  expected: "ALLOW" | "DENY";
}

export type SimGatewayWithKey = SimGateway & { schemaKey: string };

/** A named principal of a gateway: the JWT `sub` and claims an agent's token would carry. */
export interface Persona {
  name: string;
  type: "OAuthUser" | "IamEntity";
  sub: string;
  claims: Record<string, unknown>;
}
