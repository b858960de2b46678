/**
 * Server-side entry to lib/cedar: the Node build of cedar-wasm bound into the pure functions, plus
 * the schema generator (Node-only). Browser code imports the pure modules and passes the web build.
 */
import "server-only";
import * as cedarNode from "@cedar-policy/cedar-wasm/nodejs";
import type { CedarApi, SchemaJson } from "./cedar-api";
import { compilePolicySet, type CompiledPolicySet, type PolicyToCompile } from "./authorize";
import { listableTools as listWith } from "./listing";
import { formatPolicies as formatWith } from "./format";
import { splitPolicies as splitWith } from "./policy-parts";
import { validatePolicies as validateWith } from "./validate";

export const cedar: CedarApi = cedarNode;

export const validatePolicies = (text: string, schemaJson: SchemaJson<string> | string) => validateWith(cedar, text, schemaJson);
export const formatPolicies = (text: string) => formatWith(cedar, text);
export const splitPolicies = (text: string) => splitWith(cedar, text);
export const compilePolicies = (policies: PolicyToCompile[], schemaJson: SchemaJson<string> | Record<string, unknown>) =>
  compilePolicySet(cedar, { policies, schemaJson });

export const listableTools = (compiled: CompiledPolicySet, principal: Parameters<typeof listWith>[2], gatewayArn: string, tools: string[]) => listWith(cedar, compiled, principal, gatewayArn, tools);

export { evaluate, disposeCompiled } from "./authorize";
export { buildRequest, principalEntity } from "./request-from-call";
export { generateSchema, DEFAULT_SCHEMA_OPTIONS } from "./schema-from-tools";
