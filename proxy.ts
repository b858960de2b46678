import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { consoleHosts } from "@/lib/http/console-hosts";
import { isAllowedHost, requestHost } from "@/lib/http/hosts";

/**
 * Runs before every page, route and asset: the console answers only to its own host names (no DNS
 * rebinding), and refuses a path it cannot decode with a JSON 400 instead of a plain-text 500.
 * (TRACE-like methods never get this far: lib/http/forbidden-methods.ts.)
 */
export function proxy(req: NextRequest) {
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
  return NextResponse.next();
}

function refuse(err: AppError) {
  return NextResponse.json(err.toJSON(), { status: err.status });
}
