import "server-only";
import { AppError } from "@/lib/errors";

/** What a failed call was about, so a not-found names the right thing. */
export interface CallContext {
  operation: string;
  resource?: "gateway" | "policy-engine" | "policy" | "target" | "policy-generation";
  id?: string;
  endpointHost: string;
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN", "EHOSTUNREACH", "TimeoutError", "RequestTimeout"]);

/**
 * Turns an SDK error into an AppError a person can act on. The service's own message is kept where it
 * explains the problem (validation, conflicts); credentials and request signatures never appear.
 */
export function mapAwsError(e: unknown, ctx: CallContext): AppError {
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };
  const name = err?.name ?? "";
  const code = err?.code ?? err?.cause?.code ?? "";
  const status = err?.$metadata?.httpStatusCode;
  const serviceMessage = scrub(err?.message ?? "");

  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name) || (!status && /ECONNREFUSED|ENOTFOUND|socket hang up|timed? ?out/i.test(err?.message ?? ""))) {
    return new AppError("backend-unreachable", `The AgentCore endpoint ${ctx.endpointHost} cannot be reached (${code || name || "network error"}). Check the region, AGENTCORE_ENDPOINT and the network.`);
  }
  switch (name) {
    case "AccessDeniedException":
      return new AppError("access-denied", `AWS denied bedrock-agentcore:${ctx.operation}. Check the IAM permissions of the console's credentials for this action.`);
    case "UnrecognizedClientException":
    case "InvalidSignatureException":
    case "ExpiredTokenException":
    case "InvalidClientTokenId":
    case "SignatureDoesNotMatch":
    case "CredentialsProviderError":
      return new AppError("bad-credentials", `AWS rejected the console's credentials (${name}). Refresh them (for example with aws sso login) and retry.`);
    case "ThrottlingException":
    case "TooManyRequestsException":
      return new AppError("throttled", `AgentCore is throttling ${ctx.operation} requests; the console already retried. Wait a moment and retry.`);
    case "ResourceNotFoundException":
      return notFound(ctx);
    case "ConflictException":
      return new AppError("conflict", `AgentCore reported a conflict on ${ctx.operation}: ${serviceMessage || "the resource changed or already exists"}.`);
    case "ValidationException":
      return new AppError("request-rejected", `AgentCore rejected ${ctx.operation}: ${serviceMessage || "the request is not valid"}.`);
    case "ServiceQuotaExceededException":
      return new AppError("quota-exceeded", `An AgentCore quota was reached on ${ctx.operation}: ${serviceMessage || "request a quota increase"}.`);
  }
  if (status === 403) return new AppError("access-denied", `AWS denied bedrock-agentcore:${ctx.operation} (HTTP 403).`);
  if (status === 404) return notFound(ctx);
  return new AppError("backend-error", `AgentCore failed ${ctx.operation}${status ? ` with HTTP ${status}` : ""}${name && name !== "Error" ? ` (${name})` : ""}. Retry in a moment.`);
}

function notFound(ctx: CallContext): AppError {
  const what = ctx.resource ?? "resource";
  const code = ctx.resource === "gateway" ? "gateway-not-found" : ctx.resource === "policy-engine" ? "policy-engine-not-found" : ctx.resource === "policy" ? "policy-not-found" : "not-found";
  return new AppError(code, `No ${what.replace("-", " ")}${ctx.id ? ` with id "${ctx.id}"` : ""} exists in this AWS account and region.`);
}

/** Service messages can echo request details; anything shaped like a key or signature is removed. */
function scrub(message: string): string {
  return message
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, "[key]")
    .replace(/Signature=[0-9a-f]+/gi, "Signature=[redacted]")
    .replace(/Credential=[^,\s]+/gi, "Credential=[redacted]")
    .slice(0, 500);
}
