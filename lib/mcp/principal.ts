/**
 * Who makes a call, as the gateway sees it: the JWT's `sub` and claims (claims become the Cedar
 * principal's tags), or an IAM caller on an AWS_IAM gateway. One shape for tokens, personas, test
 * cases, recorded calls and the simulator.
 */
import { z } from "@/lib/zod-csp";
import { PRINCIPAL_KINDS, type PrincipalKind } from "@/lib/cedar/cedar-api";
import { claimToTag } from "@/lib/cedar/request-from-call";

export const Principal = z.object({
  type: z.enum(PRINCIPAL_KINDS).optional(),
  sub: z.string().min(1, "principal.sub is the JWT subject and cannot be empty").max(512),
  claims: z.record(z.string(), z.unknown()).default({}),
});
export type CallPrincipal = z.infer<typeof Principal>;

/**
 * JWT claims that say when and where a token is valid rather than who holds it. The gateway drops
 * them before the remaining claims become the principal's tags, so a persona or a pasted claim set
 * that carries them is mapped the same way.
 */
export const NON_TAG_CLAIMS: ReadonlySet<string> = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "token_use"]);

/** The claims of a verified token that become tags. */
export function tagClaims(claims: Record<string, unknown>): Record<string, unknown> {
  let drop = false;
  for (const k in claims) if (NON_TAG_CLAIMS.has(k)) drop = true;
  return drop ? Object.fromEntries(Object.entries(claims).filter(([k]) => !NON_TAG_CLAIMS.has(k))) : claims;
}

/** The principal as the gateway sees it after verifying the token: same sub, tag-worthy claims only. */
export function gatewayPrincipal(p: CallPrincipal, gatewayType?: PrincipalKind): CallPrincipal {
  if (!p.type && gatewayType) p = { ...p, type: gatewayType };
  const claims = p.claims ?? {};
  const kept = tagClaims(claims);
  return kept === claims ? p : { ...p, claims: kept };
}

/** Why a principal cannot call this gateway at all, or null: the authorizer type fixes the principal type. */
export function principalMismatch(p: CallPrincipal, gatewayType: PrincipalKind = "OAuthUser"): string | null {
  if (!p.type || p.type === gatewayType) return null;
  return gatewayType === "IamEntity"
    ? `This gateway authorizes callers with AWS IAM, so the principal is an AgentCore::IamEntity (its id is the caller's IAM ARN), not an ${p.type}.`
    : `This gateway authorizes callers with OAuth tokens, so the principal is an AgentCore::OAuthUser (its id is the JWT sub), not an ${p.type}.`;
}

/**
 * The tags a principal's claims become (`principal.getTag("role")`), in display order. IAM principals
 * have no tags in AgentCore's schema.
 */
export function principalTags(p: CallPrincipal): Array<[string, string]> {
  if (p.type === "IamEntity") return [];
  return Object.entries(gatewayPrincipal(p).claims)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [k, claimToTag(v)]);
}
