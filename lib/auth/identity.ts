import "server-only";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { atLeast, roleReason, type Role } from "@/lib/roles";
import { holderOf } from "./api-tokens";
import { cookieNames, openSession, readCookie, signInRequired } from "./session";

/**
 * Who is asking. With sign-in configured: the person of the session cookie, or the API token of an
 * `Authorization: Bearer` header. Without it, the console's one local user (CONSOLE_USER), who may do
 * everything; a Bearer token still acts as itself, so scripts behave the same in both setups.
 */
export interface Identity {
  /** "Who" in history and the audit log. */
  name: string;
  /** Stable identity (issuer|sub; a token counts as the person who created it): self-approval is judged on it. */
  subject: string;
  role: Role;
  via: "local" | "session" | "token";
}

export function localIdentity(): Identity {
  const name = config().consoleUser;
  return { name, subject: `local|${name}`, role: "admin", via: "local" };
}

/** The identity of a route's request; 401 when sign-in is on and the request has none. */
export async function identify(req: Request): Promise<Identity> {
  const bearer = bearerToken(req.headers.get("authorization"));
  if (bearer !== null) {
    const holder = await holderOf(bearer);
    if (!holder) throw new AppError("token-invalid", "The API token is not valid: it is unknown, revoked or expired.", undefined, "Create a new token under API tokens and send it as Authorization: Bearer <token>.");
    return { name: holder.name, subject: holder.createdBySubject, role: holder.role, via: "token" };
  }
  const auth = config().auth;
  if (!auth) return localIdentity();
  const user = await openSession(readCookie(req.headers.get("cookie"), cookieNames(auth).session), auth);
  if (!user) throw signInRequired();
  return { ...user, via: "session" };
}

/** The identity behind a page (the proxy has already sent anyone without a session to sign in). */
export async function identityOfCookies(cookieValue: (name: string) => string | undefined): Promise<Identity | null> {
  const auth = config().auth;
  if (!auth) return localIdentity();
  const user = await openSession(cookieValue(cookieNames(auth).session), auth);
  return user ? { ...user, via: "session" } : null;
}

/** 403 unless the identity's role reaches `needed`. */
export function requireRole(who: Identity, needed: Role, doing: string): void {
  if (!atLeast(who.role, needed)) {
    throw new AppError("role-forbidden", roleReason(who.role, needed, doing, `${who.name} is`), { role: who.role, needed });
  }
}

/** The token of `Authorization: Bearer <token>`; null when the header is absent or another scheme. */
export function bearerToken(header: string | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1] : null;
}
