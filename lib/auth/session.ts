import "server-only";
import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import type { AuthSettings } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { Role } from "@/lib/roles";

/**
 * The session and the sign-in hand-off live in cookies sealed with AES-256-GCM (a JWE, `dir`) under
 * keys derived from AUTH_SECRET: the browser can neither read nor forge them, and no instance needs
 * a session table, so any console instance behind a balancer accepts any other's cookie. The cookies
 * are HttpOnly and SameSite=Lax, Secure (with the `__Host-` prefix) when the console is on https.
 */

export interface SessionUser {
  /** "Who" in history and the audit log. */
  name: string;
  /** Stable across names: the issuer and the `sub`. Self-approval is judged on it. */
  subject: string;
  role: Role;
}

/** What the sign-in keeps between the redirect to the provider and its answer. */
export interface SignInState {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export const SIGN_IN_MAX_AGE_S = 10 * 60;

export const cookieNames = (auth: Pick<AuthSettings, "secureCookies">) =>
  auth.secureCookies ? { session: "__Host-ps_session", signIn: "__Host-ps_sign_in" } : { session: "ps_session", signIn: "ps_sign_in" };

export function cookieOptions(auth: Pick<AuthSettings, "secureCookies">, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure: auth.secureCookies, path: "/", maxAge: maxAgeSeconds };
}

const keys = new Map<string, Uint8Array>();
function keyFor(secret: string, purpose: "session" | "sign-in"): Uint8Array {
  const id = `${purpose}\0${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "policy-studio", `cookie:${purpose}:v1`, 32));
    keys.set(id, key);
  }
  return key;
}

async function seal(payload: JWTPayload, secret: string, purpose: "session" | "sign-in", maxAgeSeconds: number): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", typ: purpose })
    .setIssuedAt()
    .setExpirationTime(`${maxAgeSeconds}s`)
    .encrypt(keyFor(secret, purpose));
}

async function open(token: string | undefined, secret: string, purpose: "session" | "sign-in"): Promise<JWTPayload | null> {
  if (!token || token.length > 8192) return null;
  try {
    const { payload, protectedHeader } = await jwtDecrypt(token, keyFor(secret, purpose), { keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256GCM"] });
    return protectedHeader.typ === purpose ? payload : null;
  } catch {
    return null; // expired, tampered with, or sealed with another secret: simply not signed in
  }
}

export const sealSession = (user: SessionUser, auth: AuthSettings) => seal({ ...user }, auth.secret, "session", auth.sessionHours * 3600);

export async function openSession(token: string | undefined, auth: AuthSettings): Promise<SessionUser | null> {
  const p = await open(token, auth.secret, "session");
  const role = Role.safeParse(p?.role);
  if (!p || !role.success || typeof p.name !== "string" || typeof p.subject !== "string") return null;
  return { name: p.name, subject: p.subject, role: role.data };
}

export const sealSignIn = (state: SignInState, auth: AuthSettings) => seal({ ...state }, auth.secret, "sign-in", SIGN_IN_MAX_AGE_S);

export async function openSignIn(token: string | undefined, auth: AuthSettings): Promise<SignInState | null> {
  const p = await open(token, auth.secret, "sign-in");
  if (!p) return null;
  const { state, nonce, codeVerifier, returnTo } = p as Record<string, unknown>;
  return typeof state === "string" && typeof nonce === "string" && typeof codeVerifier === "string" && typeof returnTo === "string" ? { state, nonce, codeVerifier, returnTo } : null;
}

/** One cookie's value from a `Cookie` header (route handlers get a plain Request). */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Only a path on this console: never `//host`, a scheme, or a backslash trick. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\") || /[\u0000-\u001f]/.test(value) || value.startsWith("/auth/")) return "/";
  return value.slice(0, 2000);
}

/** 401 for a request without a session (or API token) while sign-in is on. */
export function signInRequired(): AppError {
  return new AppError("sign-in-required", "Sign in to use this console.", undefined, "Open the console in a browser and sign in, or send an API token as Authorization: Bearer <token>.");
}
