import "server-only";
import { AppError } from "@/lib/errors";

/**
 * CloudWatch and CloudWatch Logs failures as states a person can act on: the IAM action that was
 * denied, throttling (after the SDK's own retries) with a retry hint, and a missing spans log group,
 * which means Transaction Search or the gateway's tracing is off.
 */

export const RETRY_AFTER_SECONDS = 5;

const NETWORK = /ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|socket hang up/i;

export function tracingNotEnabled(logGroup: string, region: string): AppError {
  return new AppError(
    "tracing-not-enabled",
    `There are no spans to import: the log group ${logGroup} does not exist in ${region}, so CloudWatch Transaction Search is not enabled or the gateway does not send traces. ` +
      "Turn on Transaction Search once per account and region (CloudWatch console → Application Signals → Transaction Search → Enable, or `aws xray update-trace-segment-destination --destination CloudWatchLogs`), " +
      "then enable tracing on the gateway (Bedrock AgentCore console → the gateway → Tracing → Enable). Calls made after that appear as spans within a few minutes; the metrics need neither.",
    { logGroup, region },
  );
}

export function mapCloudWatchError(e: unknown, ctx: { permission: string; endpointHost: string; logGroup?: string; region: string }): AppError {
  if (e instanceof AppError) return e;
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = err?.name ?? "";
  const status = err?.$metadata?.httpStatusCode;
  if (!status && (NETWORK.test(err?.code ?? "") || NETWORK.test(err?.message ?? ""))) {
    return new AppError("backend-unreachable", `The CloudWatch endpoint ${ctx.endpointHost} cannot be reached. Check the region, CLOUDWATCH_ENDPOINT / CLOUDWATCH_LOGS_ENDPOINT and the network.`);
  }
  if (name === "AccessDenied" || name === "AccessDeniedException" || status === 403) {
    return new AppError("cloudwatch-access-denied", `AWS denied ${ctx.permission}. Allow it in the IAM policy of the console's credentials to read this evidence.`, { permission: ctx.permission });
  }
  if (name === "Throttling" || name === "ThrottlingException" || name === "LimitExceededException" || status === 429) {
    return new AppError("cloudwatch-throttled", `CloudWatch is throttling ${ctx.permission} requests (the console already retried). Retry in ${RETRY_AFTER_SECONDS} seconds.`, {
      permission: ctx.permission,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
  if (name === "ResourceNotFoundException" && ctx.logGroup) return tracingNotEnabled(ctx.logGroup, ctx.region);
  if (["UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch", "CredentialsProviderError"].includes(name)) {
    return new AppError("bad-credentials", `AWS rejected the console's credentials (${name}). Refresh them and retry.`);
  }
  return new AppError("backend-error", `CloudWatch failed ${ctx.permission.split(":")[1]}${status ? ` with HTTP ${status}` : ""}${name && name !== "Error" ? ` (${name})` : ""}. Retry in a moment.`);
}
