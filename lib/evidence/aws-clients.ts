import "server-only";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { AwsSettings } from "@/lib/config";

/** The evidence clients, made with the control plane's region and credentials and their own endpoint overrides. */
export interface EvidenceClients {
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  region: string;
  cloudwatchHost: string;
  logsHost: string;
}

export function createEvidenceClients(settings: AwsSettings, options: { maxAttempts?: number } = {}): EvidenceClients {
  const common = {
    region: settings.region,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 4,
    retryMode: "standard" as const,
  };
  return {
    cloudwatch: new CloudWatchClient({ ...common, ...(settings.cloudwatchEndpoint ? { endpoint: settings.cloudwatchEndpoint } : {}) }),
    logs: new CloudWatchLogsClient({ ...common, ...(settings.logsEndpoint ? { endpoint: settings.logsEndpoint } : {}) }),
    region: settings.region,
    cloudwatchHost: settings.cloudwatchEndpoint ? new URL(settings.cloudwatchEndpoint).host : `monitoring.${settings.region}.amazonaws.com`,
    logsHost: settings.logsEndpoint ? new URL(settings.logsEndpoint).host : `logs.${settings.region}.amazonaws.com`,
  };
}
