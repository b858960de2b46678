import { NextResponse, type NextRequest } from "next/server";
import { cookieNames, openSession, signInRequired } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { consoleHosts } from "@/lib/http/console-hosts";
import { isAllowedHost, requestHost } from "@/lib/http/hosts";

/**
 * Runs before every page, route and asset: the console answers only to its own host names (no DNS
 * rebinding), and refuses a path it cannot decode with a JSON 400 instead of a plain-text 500.
 * (TRACE-like methods never get this far: lib/http/forbidden-methods.ts.) With sign-in configured,
 * every page and API route needs a session: pages without one go to sign-in, API routes answer 401
 * (an API token is checked by the route itself, against the store). The local MCP gateway and its
 * token endpoint keep their own bearer tokens.
 */
export async function proxy(req: NextRequest) {
  const policy = consoleHosts();
  const host = requestHost(req.headers, policy);
  if (!isAllowedHost(host, policy)) {
    return refuse(
      new AppError("host-not-allowed", `This console does not answer to the host name "${(host ?? "").slice(0, 100)}".`, undefined, "Open it at its own address (CONSOLE_URL, or 127.0.0.1); a team deployment lists its names in ALLOWED_HOSTS."),
    );
  }
  try {
    decodeURIComponent(req.nextUrl.pathname);
  } catch {
    return refuse(new AppError("bad-request", "The path has a malformed percent-encoding (a % not followed by two hex digits)."));
  }
  return requireSession(req);
}

/** Reached without a console session: sign-in itself, the MCP gateway (own tokens), health, Next's assets. */
const OPEN_PATHS = /^\/(auth\/|mcp\/|oauth2\/|_next\/|api\/health$|icon\.svg$|favicon\.ico$)/;

async function requireSession(req: NextRequest) {
  const auth = config().auth;
  const path = req.nextUrl.pathname;
  if (!auth || OPEN_PATHS.test(path)) return NextResponse.next();
  const api = path === "/api" || path.startsWith("/api/");
  if (api && /^Bearer\s/i.test(req.headers.get("authorization") ?? "")) return NextResponse.next();
  if (await openSession(req.cookies.get(cookieNames(auth).session)?.value, auth)) return NextResponse.next();
  // The client router's RSC fetches (prefetches of links on the signed-out page) get the 401 too: a
  // redirect would send fetch() to the identity provider, which the CSP blocks; a navigation whose
  // RSC fetch fails falls back to a full page load, which is redirected below.
  const rsc = req.headers.has("rsc") || req.nextUrl.searchParams.has("_rsc");
  if (api || rsc || (req.method !== "GET" && req.method !== "HEAD")) return refuse(signInRequired());
  const signIn = new URL("/auth/sign-in", config().publicUrl);
  signIn.search = new URLSearchParams({ returnTo: `${path}${req.nextUrl.search}` }).toString();
  return NextResponse.redirect(signIn);
}

function refuse(err: AppError) {
  return NextResponse.json(err.toJSON(), { status: err.status });
}
