/**
 * Which host names the console answers to. A page on another site can make a browser send requests
 * to 127.0.0.1 under its own name (DNS rebinding), with a matching `Host` and `Origin`; comparing the
 * two proves nothing. So both are checked against an allow-list: the console's own URL, the loopback
 * names, and the hosts a team deployment configures. `X-Forwarded-Host` is believed only behind a
 * proxy the operator says is there. Pure, so the Next proxy, the routes and the local gateway share it.
 */

export interface HostPolicy {
  /** Lowercase `host` or `host:port` entries; an entry without a port matches any port. */
  allowed: string[];
  /** Believe `X-Forwarded-Host` (a reverse proxy in front of the console sets it). */
  trustProxy: boolean;
}

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

export function hostPolicy(publicUrl: string, extra: string[] = [], trustProxy = false): HostPolicy {
  const own = new URL(publicUrl).host.toLowerCase();
  return { allowed: [...new Set([own, ...LOOPBACK, ...extra.map((h) => h.trim().toLowerCase()).filter(Boolean)])], trustProxy };
}

function splitHost(host: string): { name: string; port: string | null } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  return m ? { name: m[1], port: m[2] ?? null } : { name: "", port: null };
}

export function isAllowedHost(host: string | null | undefined, policy: HostPolicy): boolean {
  if (!host) return false;
  const { name, port } = splitHost(host);
  if (!name) return false;
  return policy.allowed.some((entry) => {
    const e = splitHost(entry);
    return e.name === name && (e.port === null || e.port === port);
  });
}

/** The host a request was addressed to, as the policy lets the console believe it. */
export function requestHost(headers: Headers, policy: HostPolicy): string | null {
  const forwarded = policy.trustProxy ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || headers.get("host");
}

/**
 * Whether a request's `Origin` may act on the console: absent (scripts, curl) or one of its own
 * hosts. `Origin: null` (sandboxed frames, some redirects) is refused.
 */
export function originAllowed(origin: string | null, policy: HostPolicy): boolean {
  if (origin === null) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && isAllowedHost(url.host, policy);
  } catch {
    return false;
  }
}
