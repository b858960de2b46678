/**
 * The Cedar schema of a gateway: generated from its tools with AgentCore's own mapping (numbers as
 * decimal, objects as records; the service fixes it, so it is not a setting) and the principal type
 * its authorizer produces. The one schema the editor validates against, the simulator replays with
 * and the local gateway enforces with.
 */
import "server-only";
import type { GatewayDetail } from "@/lib/agentcore/types";
import type { PrincipalKind } from "./cedar-api";
import { DEFAULT_SCHEMA_OPTIONS, generateSchema, type GeneratedSchema } from "./schema-from-tools";

export function principalKind(gateway: Pick<GatewayDetail, "authorizer">): PrincipalKind {
  return gateway.authorizer.type === "AWS_IAM" ? "IamEntity" : "OAuthUser";
}

const MAX_CACHED = 64;
// Generating is pure but not free, and tools rarely change: results are kept by content, newest last.
const cache = new Map<string, GeneratedSchema>();

export function gatewaySchema(gateway: Pick<GatewayDetail, "authorizer" | "targets">): GeneratedSchema {
  const principal = principalKind(gateway);
  const tools = gateway.targets.flatMap((t) => t.tools);
  const key = JSON.stringify([principal, tools]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const schema = generateSchema(tools, { ...DEFAULT_SCHEMA_OPTIONS, principal });
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, schema);
  return schema;
}
