/**
 * One typed error for the whole console. A code is kebab-case and maps to an HTTP status;
 * `message` is written for a human and never contains secrets; `details` is optional structured data.
 */

const STATUS: Record<string, number> = {
  "bad-request": 400,
  "invalid-json": 400,
  "validation-failed": 400,
  "cedar-parse-error": 400,
  "unsupported-media-type": 415,
  "payload-too-large": 413,
  forbidden: 403,
  "foreign-origin": 403,
  "gateway-not-found": 404,
  "policy-engine-not-found": 404,
  "policy-not-found": 404,
  "not-found": 404,
  "not-available": 404,
  conflict: 409,
  "stale-base-version": 409,
  "rate-limited": 429,
  "aws-access-denied": 403,
  "aws-bad-credentials": 401,
  "aws-throttled": 429,
  "aws-not-found": 404,
  "aws-conflict": 409,
  "aws-validation": 400,
  "aws-quota-exceeded": 402,
  "aws-unreachable": 502,
  "aws-service-error": 502,
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
  internal: 500,
};

export type ErrorCode = keyof typeof STATUS | (string & {});

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

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code] ?? 500;
    this.details = details;
  }

  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Anything thrown becomes an AppError; unknown errors keep a generic message so no internals leak. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError("internal", "Something went wrong on the server. The details were logged.");
}

export function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === "object" && v !== null && "error" in v && typeof (v as ErrorBody).error?.message === "string";
}
