/**
 * The slice of cedar-wasm that lib/cedar uses. Functions take it as a parameter so the same code runs
 * with the Node build on the server and the web build inside a browser Web Worker (both builds export
 * the same functions; only how the wasm is loaded differs).
 */
import type * as CedarWasm from "@cedar-policy/cedar-wasm/nodejs";

export type CedarApi = Pick<
  typeof CedarWasm,
  | "validate"
  | "formatPolicies"
  | "policySetTextToParts"
  | "policyToJson"
  | "checkParseSchema"
  | "checkParsePolicySet"
  | "preparseSchema"
  | "preparsePolicySet"
  | "statefulIsAuthorized"
  | "isAuthorized"
  | "isAuthorizedPartial"
  | "schemaToText"
  | "schemaToJson"
>;

export type {
  DetailedError,
  PolicyJson,
  SchemaJson,
  EntityJson,
  CedarValueJson,
  EntityUidJson,
  Context as CedarContext,
} from "@cedar-policy/cedar-wasm/nodejs";

/** The namespace and entity types AgentCore uses; one place so no string is typed twice. */
export const NS = "AgentCore";
export const ACTION_TYPE = `${NS}::Action`;
export const GATEWAY_TYPE = `${NS}::Gateway`;
/** OAuth gateways call with `AgentCore::OAuthUser` (claims as tags), AWS_IAM ones with `AgentCore::IamEntity`. */
export const PRINCIPAL_KINDS = ["OAuthUser", "IamEntity"] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];
export const DECISIONS = ["ALLOW", "DENY"] as const;
export type Decision = (typeof DECISIONS)[number];
export const principalType = (kind: PrincipalKind) => `${NS}::${kind}`;
/** The action groups every tool action belongs to (`CallTool` in `Mcp`). */
export const ACTION_GROUPS = ["CallTool", "Mcp"] as const;
