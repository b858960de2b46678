import "server-only";
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, errors as joseErrors, type CryptoKey, type JWTPayload } from "jose";
import { NON_TAG_CLAIMS, tagClaims } from "@/lib/mcp/principal";
import type { Db } from "@/lib/store/db";
import { findClient, getOrStoreSigningKey, type GatewayClient } from "@/lib/store/clients";
import { hostPolicy, isAllowedHost, originAllowed, requestHost, type HostPolicy } from "@/lib/http/hosts";
import { isFormMediaType } from "@/lib/http/media-type";
import { readCapped } from "@/lib/http/read-capped";
import { textProblem } from "@/lib/json-limits";

/**
 * Access tokens of the local gateway: ES256 JWTs signed with a per-workspace key that is generated
 * on first use and kept in the store (never in the repository).
 */

export const TOKEN_TTL_SECONDS = 3600;
const ALG = "ES256";

interface KeyPair {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

const keys = new WeakMap<Db, Promise<KeyPair>>();

export function signingKey(db: Db): Promise<KeyPair> {
  let k = keys.get(db);
  if (!k) {
    k = load(db);
    keys.set(db, k);
    k.catch(() => keys.delete(db));
  }
  return k;
}

async function load(db: Db): Promise<KeyPair> {
  const stored = await getOrStoreSigningKey(async () => {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    return { kid: randomBytes(8).toString("hex"), alg: ALG, privateJwk: { ...(await exportJWK(privateKey)) }, createdAt: new Date().toISOString() };
  }, db);
  const { d: _private, ...publicJwk } = stored.privateJwk;
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey,
  };
}

/** Claims the token sets itself; a persona's claims never override them. */
const REGISTERED = new Set([...NON_TAG_CLAIMS, "client_id"]);

export interface TokenOptions {
  issuer: string;
  /** Seconds since the epoch; tests use it to mint expired tokens. */
  now?: number;
  ttlSeconds?: number;
}

export async function issueAccessToken(db: Db, client: GatewayClient, opts: TokenOptions): Promise<{ token: string; expiresIn: number }> {
  const key = await signingKey(db);
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  const ttl = opts.ttlSeconds ?? TOKEN_TTL_SECONDS;
  const custom = Object.fromEntries(Object.entries(client.claims).filter(([k]) => !REGISTERED.has(k)));
  const token = await new SignJWT({ ...custom, client_id: client.clientId, token_use: "access" })
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: "JWT" })
    .setSubject(client.sub)
    .setIssuer(opts.issuer)
    .setAudience(client.gatewayId)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return { token, expiresIn: ttl };
}

export class TokenError extends Error {
  constructor(
    /** RFC 6750 code; undefined when no token was sent at all. */
    readonly oauthError: "invalid_token" | "invalid_request" | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifiedToken {
  sub: string;
  clientId: string | undefined;
  /** The claims that become Cedar tags: every non-registered claim, plus client_id. */
  claims: Record<string, unknown>;
  payload: JWTPayload;
}

export async function verifyAccessToken(db: Db, authorization: string | null, expected: { issuer: string; gatewayId: string }): Promise<VerifiedToken> {
  if (!authorization) throw new TokenError(undefined, "Send an access token: Authorization: Bearer <token> (get one from the token endpoint).");
  const match = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)\s*$/i.exec(authorization);
  if (!match) throw new TokenError("invalid_request", "The Authorization header must be \"Bearer <token>\".");
  const key = await signingKey(db);
  try {
    const { payload } = await jwtVerify(match[1], key.publicKey, {
      algorithms: [ALG],
      issuer: expected.issuer,
      audience: expected.gatewayId,
      requiredClaims: ["sub", "exp"],
    });
    const claims = tagClaims(payload as Record<string, unknown>);
    return { sub: payload.sub!, clientId: typeof payload.client_id === "string" ? payload.client_id : undefined, claims, payload };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw new TokenError("invalid_token", "The access token expired.");
    if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === "aud") {
      throw new TokenError("invalid_token", "The access token was issued for another gateway.");
    }
    throw new TokenError("invalid_token", "The access token is not valid for this gateway.");
  }
}

/** `WWW-Authenticate` for a 401, per RFC 6750 (no error code when no token was sent). */
export function wwwAuthenticate(realm: string, err: TokenError): string {
  const parts = [`realm="${realm.replace(/[^A-Za-z0-9._:-]/g, "_").slice(0, 128)}"`];
  if (err.oauthError) parts.push(`error="${err.oauthError}"`, `error_description="${err.message.replace(/"/g, "'")}"`);
  return `Bearer ${parts.join(", ")}`;
}

// ── The token endpoint ──

export interface TokenEndpointDeps {
  db: Db;
  issuer: string;
  /** The host names the endpoint answers to; default: the issuer's and the loopback names. */
  hosts?: HostPolicy;
}

const MAX_FORM_BYTES = 16_384;

/**
 * `POST /oauth2/token`, Cognito-style: client-credentials grant, form-encoded, with the client's
 * credentials in the body or in HTTP Basic. Answers `{access_token, token_type, expires_in}`.
 */
export async function handleTokenRequest(req: Request, deps: TokenEndpointDeps): Promise<Response> {
  if (req.method !== "POST") return oauthError(405, "invalid_request", "Use POST.", { Allow: "POST" });
  const hosts = deps.hosts ?? hostPolicy(new URL(deps.issuer).origin);
  if (!isAllowedHost(requestHost(req.headers, hosts), hosts)) return oauthError(421, "invalid_request", "This token endpoint does not answer to that host name.");
  if (!originAllowed(req.headers.get("origin"), hosts)) return oauthError(403, "invalid_request", "Token requests from another origin are not allowed.");
  if (!isFormMediaType(req.headers.get("content-type"))) {
    return oauthError(400, "invalid_request", "Send the form as Content-Type: application/x-www-form-urlencoded.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_FORM_BYTES) return oauthError(413, "invalid_request", "The request body is too large.");
  // Read no more than the cap, however the body is sent (a chunked body declares no length).
  const text = await readCapped(req, MAX_FORM_BYTES);
  if (text === null) return oauthError(413, "invalid_request", "The request body is too large.");
  const form = new URLSearchParams(text);

  let clientId = form.get("client_id") ?? undefined;
  let clientSecret = form.get("client_secret") ?? undefined;
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  if (basic) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return oauthError(401, "invalid_client", "The Basic credentials must be client_id:client_secret.", basicChallenge);
    clientId = formDecode(decoded.slice(0, colon));
    clientSecret = formDecode(decoded.slice(colon + 1));
  }
  const grant = form.get("grant_type");
  if (!grant) return oauthError(400, "invalid_request", "grant_type is required; this endpoint supports client_credentials.");
  if (grant !== "client_credentials") return oauthError(400, "unsupported_grant_type", `grant_type "${grant}" is not supported; use client_credentials.`);
  if (!clientId || !clientSecret) return oauthError(400, "invalid_request", "client_id and client_secret are required (in the form or as HTTP Basic).");
  if (textProblem(clientId) || textProblem(clientSecret) || clientId.length > 256 || clientSecret.length > 512) {
    return oauthError(400, "invalid_request", "client_id or client_secret is not a client credential.");
  }

  const client = await findClient(clientId, deps.db);
  if (!client || !sameSecret(client.clientSecret, clientSecret)) {
    return oauthError(401, "invalid_client", "Unknown client or wrong secret.", basic ? basicChallenge : undefined);
  }
  const { token, expiresIn } = await issueAccessToken(deps.db, client, { issuer: deps.issuer });
  return new Response(JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: expiresIn }), {
    status: 200,
    headers: { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache" },
  });
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded; a malformed escape is kept as sent. */
function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

const basicChallenge = { "WWW-Authenticate": 'Basic realm="oauth2"' };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}
