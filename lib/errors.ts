import { z } from "zod";

/**
 * One typed error for the whole console. A code says what happened (never which backend), maps to an
 * HTTP status, and the set is closed: a code without a status does not compile. `message` says what is
 * wrong, for a human, and never contains secrets; `help`, when given, says what to do about it
 * (Cedar's diagnostics pattern); `details` is optional structured data. docs/api.md lists every code.
 */
export const ErrorCode = z.enum([
  "bad-request",
  "invalid-json",
  "validation-failed",
  "unsupported-media-type",
  "payload-too-large",
  "forbidden",
  "foreign-origin",
  "host-not-allowed",
  "method-not-allowed",
  "access-denied",
  "bad-credentials",
  "gateway-not-found",
  "policy-engine-not-found",
  "policy-not-found",
  "not-found",
  "not-available",
  "conflict",
  "stale-base-version",
  "publish-interrupted",
  "request-rejected",
  "policy-failed",
  "quota-exceeded",
  "rate-limited",
  "throttled",
  "backend-unreachable",
  "backend-error",
  "store-unavailable",
  "policy-not-settled",
  "llm-no-key",
  "llm-auth-failed",
  "llm-rate-limited",
  "llm-overloaded",
  "llm-timeout",
  "llm-bad-output",
  "llm-error",
  "llm-cancelled",
  "config-invalid",
  "internal",
  "target-name-invalid",
  "target-name-taken",
  "target-limit-reached",
  "tool-definitions-invalid",
  "openapi-invalid",
  "response-template-invalid",
  "mcp-server-invalid-config",
  "mcp-server-unreachable",
  "mcp-server-timeout",
  "mcp-server-auth-refused",
  "mcp-server-not-mcp",
  "mcp-server-unsupported",
  "mcp-server-answer-too-large",
  "cloudwatch-access-denied",
  "cloudwatch-throttled",
  "tracing-not-enabled",
  "sign-in-required",
  "sign-in-failed",
  "token-invalid",
  "role-forbidden",
  "self-approval",
  "change-request-closed",
  "approval-required",
  "managed-in-agentcore",
  "gateway-name-invalid",
  "gateway-name-taken",
  "target-not-found",
  "export-file-invalid",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ERROR_STATUS = {
  "bad-request": 400,
  "invalid-json": 400,
  "validation-failed": 400,
  "unsupported-media-type": 415,
  "payload-too-large": 413,
  forbidden: 403,
  "foreign-origin": 403,
  "host-not-allowed": 421,
  "method-not-allowed": 405,
  "access-denied": 403,
  "bad-credentials": 401,
  "gateway-not-found": 404,
  "policy-engine-not-found": 404,
  "policy-not-found": 404,
  "not-found": 404,
  "not-available": 404,
  conflict: 409,
  "stale-base-version": 409,
  "publish-interrupted": 409,
  "request-rejected": 400,
  "policy-failed": 400,
  "quota-exceeded": 402,
  "target-name-invalid": 400,
  "target-name-taken": 409,
  "target-limit-reached": 409,
  "tool-definitions-invalid": 400,
  "openapi-invalid": 400,
  "response-template-invalid": 400,
  "mcp-server-invalid-config": 400,
  "mcp-server-unreachable": 400,
  "mcp-server-timeout": 400,
  "mcp-server-auth-refused": 400,
  "mcp-server-not-mcp": 400,
  "mcp-server-unsupported": 400,
  "mcp-server-answer-too-large": 400,
  "sign-in-required": 401,
  "sign-in-failed": 401,
  "token-invalid": 401,
  "role-forbidden": 403,
  "self-approval": 403,
  "change-request-closed": 409,
  "approval-required": 409,
  "managed-in-agentcore": 400,
  "gateway-name-invalid": 400,
  "gateway-name-taken": 409,
  "target-not-found": 404,
  "export-file-invalid": 400,
  "rate-limited": 429,
  throttled: 429,
  "backend-unreachable": 502,
  "backend-error": 502,
  "policy-not-settled": 504,
  "cloudwatch-access-denied": 403,
  "cloudwatch-throttled": 429,
  "tracing-not-enabled": 409,
  "llm-no-key": 503,
  "llm-auth-failed": 502,
  "llm-rate-limited": 429,
  "llm-overloaded": 503,
  "llm-timeout": 504,
  "llm-bad-output": 502,
  "llm-error": 502,
  "llm-cancelled": 499,
  "config-invalid": 500,
  "store-unavailable": 503,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

// Next bundles server code into several layers (pages, route handlers), each with its own copy of this
// module, while singletons such as the control plane are shared through globalThis. A brand makes
// `instanceof AppError` true for an error made by any copy.
const BRAND = Symbol.for("policy-studio.AppError");

export class AppError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  readonly help?: string;

  constructor(code: ErrorCode, message: string, details?: unknown, help?: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
    this.help = help;
  }

  toJSON(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.help === undefined ? {} : { help: this.help }),
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; help?: string; details?: unknown };
}

/** Anything thrown becomes an AppError; unknown errors keep a generic message so no internals leak. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError("internal", "Something went wrong on the server. The details were logged.");
}
