import "server-only";
import { config } from "@/lib/config";
import { hostPolicy, type HostPolicy } from "./hosts";

let cached: HostPolicy | undefined;

/** This console's host policy, from CONSOLE_URL (or PORT), ALLOWED_HOSTS and TRUST_PROXY. */
export function consoleHosts(): HostPolicy {
  if (!cached) {
    const c = config();
    cached = hostPolicy(c.publicUrl, c.allowedHosts, c.trustProxy);
  }
  return cached;
}
