import "server-only";
import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { toAppError } from "@/lib/errors";
import { beginSignIn, finishSignIn } from "./oidc";
import { cookieNames, cookieOptions, openSignIn, readCookie, safeReturnTo, sealSession, sealSignIn, SIGN_IN_MAX_AGE_S } from "./session";

/** The three steps of a browser's sign-in and sign-out, as responses (app/auth/* only route to them). */

/** Why a sign-in ended on the problem page; the page says it in words (never text from the URL). */
export const SIGN_IN_PROBLEMS = ["sign-in-failed", "role-forbidden", "backend-unreachable", "expired"] as const;
export type SignInProblem = (typeof SIGN_IN_PROBLEMS)[number];

const at = (path: string) => new URL(path, config().publicUrl);

/** `GET /auth/sign-in?returnTo=/path`: to the identity provider, with state, nonce and PKCE kept sealed. */
export async function signIn(req: Request): Promise<Response> {
  const { auth, publicUrl } = config();
  const returnTo = safeReturnTo(new URL(req.url).searchParams.get("returnTo"));
  if (!auth) return NextResponse.redirect(at(returnTo), 303);
  try {
    const { url, state } = await beginSignIn(auth, publicUrl, returnTo);
    const res = NextResponse.redirect(url, 303);
    res.cookies.set(cookieNames(auth).signIn, await sealSignIn(state, auth), cookieOptions(auth, SIGN_IN_MAX_AGE_S));
    return res;
  } catch (e) {
    return problem(toAppError(e).code);
  }
}

/** `GET /auth/callback`: the provider's answer becomes a session cookie, then back where the user was. */
export async function signInCallback(req: Request): Promise<Response> {
  const { auth, publicUrl } = config();
  if (!auth) return NextResponse.redirect(at("/"), 303);
  const names = cookieNames(auth);
  const pending = await openSignIn(readCookie(req.headers.get("cookie"), names.signIn), auth);
  if (!pending) return problem("expired");
  try {
    const user = await finishSignIn(auth, publicUrl, new URL(req.url).search, pending);
    const res = NextResponse.redirect(at(pending.returnTo), 303);
    res.cookies.set(names.session, await sealSession(user, auth), cookieOptions(auth, auth.sessionHours * 3600));
    res.cookies.set(names.signIn, "", cookieOptions(auth, 0));
    return res;
  } catch (e) {
    const res = problem(toAppError(e).code);
    res.cookies.set(names.signIn, "", cookieOptions(auth, 0));
    return res;
  }
}

/** `POST /auth/sign-out`: the session cookie is cleared (the provider's own session is the provider's). */
export function signOut(): Response {
  const { auth } = config();
  const res = NextResponse.redirect(at(auth ? "/auth/signed-out" : "/"), 303);
  if (auth) res.cookies.set(cookieNames(auth).session, "", cookieOptions(auth, 0));
  return res;
}

function problem(code: string): NextResponse {
  const known = (SIGN_IN_PROBLEMS as readonly string[]).includes(code) ? code : "sign-in-failed";
  return NextResponse.redirect(at(`/auth/problem?reason=${known}`), 303);
}
