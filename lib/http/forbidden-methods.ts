import "server-only";
import http from "node:http";
import { AppError } from "@/lib/errors";

/** Methods the Fetch standard will not put in a Request (so Next cannot route them). */
const FORBIDDEN = new Set(["TRACE", "TRACK", "CONNECT"]);

/**
 * Next turns every incoming request into a WHATWG Request, which the Fetch standard forbids for
 * TRACE, TRACK and CONNECT: Next then answers a plain-text 500 before the proxy or any route runs.
 * The console's HTTP server answers those itself, with the API's JSON error.
 */
export function refuseForbiddenMethods(): void {
  const proto = http.Server.prototype as http.Server & { __policyStudioMethods?: true };
  if (proto.__policyStudioMethods) return;
  proto.__policyStudioMethods = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (FORBIDDEN.has((req.method ?? "").toUpperCase())) {
        const err = new AppError("method-not-allowed", `Method ${req.method} is not allowed.`);
        res.writeHead(err.status, { "content-type": "application/json", allow: "GET, HEAD, POST, PUT, PATCH, DELETE" });
        res.end(JSON.stringify(err.toJSON()));
        return true;
      }
    }
    return (emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
