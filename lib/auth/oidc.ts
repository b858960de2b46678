import "server-only";
import * as client from "openid-client";
import type { AuthSettings } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { claimAt, displayName, roleFromClaims } from "./claims";
import type { SessionUser, SignInState } from "./session";

/**
 * Sign-in with the team's OpenID Connect provider through `openid-client`: the authorization code
 * flow with PKCE (S256), state and nonce, the ID token checked by the library (issuer, audience,
 * signature, expiry, nonce). Nothing of OAuth is written here by hand.
 */

const CALLBACK_PATH = "/auth/callback";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

// One discovery per issuer and process (a failed one is retried on the next sign-in).
const holder = globalThis as unknown as { __policyStudioOidc?: Map<string, Promise<client.Configuration>> };

function configuration(auth: AuthSettings): Promise<client.Configuration> {
  holder.__policyStudioOidc ??= new Map();
  const key = `${auth.issuer}\0${auth.clientId}`;
  let found = holder.__policyStudioOidc.get(key);
  if (!found) {
    const issuer = new URL(auth.issuer);
    // lib/config.ts accepts plain http only for a provider on this machine.
    const insecure = issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
    found = client.discovery(issuer, auth.clientId, undefined, client.ClientSecretBasic(auth.clientSecret), { execute: insecure ? [client.allowInsecureRequests] : [], timeout: 10 });
    holder.__policyStudioOidc.set(key, found);
    found.catch(() => holder.__policyStudioOidc?.delete(key));
  }
  return found.catch((e) => {
    console.error("[auth] OpenID discovery failed:", e instanceof Error ? e.message : e);
    throw new AppError("backend-unreachable", "The identity provider cannot be reached (OpenID discovery failed). Try again in a moment.", undefined, "Check AUTH_OIDC_ISSUER: its /.well-known/openid-configuration must answer.");
  });
}

export const callbackUrl = (publicUrl: string) => `${publicUrl}${CALLBACK_PATH}`;

/** Where to send the browser, and what to keep (sealed in a cookie) until the provider answers. */
export async function beginSignIn(auth: AuthSettings, publicUrl: string, returnTo: string): Promise<{ url: URL; state: SignInState }> {
  const config = await configuration(auth);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state: SignInState = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, returnTo };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(publicUrl),
    scope: auth.scopes,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state: state.state,
    nonce: state.nonce,
  });
  return { url, state };
}

/**
 * The provider's answer at the callback: code for tokens, the ID token's claims (and userinfo's, when
 * the role claim is only there), then the console identity. Throws a `sign-in-failed` AppError saying
 * what went wrong, never the provider's raw response.
 */
export async function finishSignIn(auth: AuthSettings, publicUrl: string, search: string, pending: SignInState): Promise<SessionUser> {
  const config = await configuration(auth);
  const current = new URL(`${callbackUrl(publicUrl)}${search}`);
  const denied = current.searchParams.get("error");
  if (denied) {
    const description = current.searchParams.get("error_description");
    throw new AppError("sign-in-failed", `The identity provider did not sign you in: ${denied.slice(0, 100)}${description ? ` (${description.slice(0, 200)})` : ""}.`);
  }
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
  } catch (e) {
    console.error("[auth] code exchange failed:", e instanceof Error ? e.message : e);
    throw new AppError("sign-in-failed", "The sign-in answer from the identity provider could not be verified, so you are not signed in.", undefined, "Start again from the sign-in page; if it keeps failing, check AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET.");
  }
  const idClaims = tokens.claims() as Record<string, unknown> | undefined;
  if (!idClaims || typeof idClaims.sub !== "string") throw new AppError("sign-in-failed", "The identity provider sent no ID token subject.");
  let claims: Record<string, unknown> = idClaims;
  if (claimAt(idClaims, auth.roleClaim) === undefined && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
    try {
      claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
    } catch (e) {
      console.error("[auth] userinfo failed:", e instanceof Error ? e.message : e);
    }
  }
  const role = roleFromClaims(claims, auth.roleClaim, auth.roleMap, auth.defaultRole);
  const name = displayName(claims);
  if (!role) {
    throw new AppError("role-forbidden", `${name} is signed in at the identity provider but has no role in this console.`, undefined, `Ask an administrator to give you a value of the "${auth.roleClaim}" claim that AUTH_ROLE_MAP maps to a role.`);
  }
  return { name, subject: `${String(idClaims.iss)}|${idClaims.sub}`, role };
}
