/** What a failed connection to an upstream means, in words, from Node's error codes. */

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be resolved",
  ECONNRESET: "the connection was reset",
  EPIPE: "the connection was closed",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ETIMEDOUT: "the connection timed out",
  UND_ERR_SOCKET: "the connection closed unexpectedly",
  UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
};

/** Socket errors that mean a kept-alive connection was closed under the request. */
export const STALE_SOCKET: ReadonlySet<string> = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"]);

/** The first `code` along an error's cause chain (fetch wraps the socket error in `cause`). */
export function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, i = 0; cur && i < 5; cur = (cur as { cause?: unknown }).cause, i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

export function networkReason(e: unknown): string {
  const code = networkCode(e);
  return (code && REASONS[code]) ?? "the request failed";
}
