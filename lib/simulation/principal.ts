import { claimToTag } from "@/lib/cedar/request-from-call";
import type { CallPrincipal } from "./types";

/**
 * JWT claims that say when and where a token is valid rather than who holds it. The local gateway drops
 * them before the remaining claims become the principal's tags (lib/gateway/tokens.ts,
 * `verifyAccessToken`), so a persona or a pasted claim set that carries them is mapped the same way.
 */
export const NON_TAG_CLAIMS: ReadonlySet<string> = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "token_use"]);

/** The principal as the gateway sees it after verifying the token: same sub, tag-worthy claims only. */
export function gatewayPrincipal(p: CallPrincipal, gatewayType?: "OAuthUser" | "IamEntity"): CallPrincipal {
  if (!p.type && gatewayType) p = { ...p, type: gatewayType };
  const claims = p.claims ?? {};
  let drop = false;
  for (const k in claims) if (NON_TAG_CLAIMS.has(k)) drop = true;
  if (!drop) return p;
  return { ...p, claims: Object.fromEntries(Object.entries(claims).filter(([k]) => !NON_TAG_CLAIMS.has(k))) };
}

/** Why a principal cannot call this gateway at all, or null: the authorizer type fixes the principal type. */
export function principalMismatch(p: CallPrincipal, gatewayType: "OAuthUser" | "IamEntity" = "OAuthUser"): string | null {
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
