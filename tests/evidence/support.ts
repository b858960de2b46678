import { createAwsControlPlane } from "@/lib/agentcore/aws";
import { createEvidenceClients } from "@/lib/evidence/aws-clients";
import type { EvidenceDeps } from "@/lib/evidence/service";
import { getDb } from "@/lib/store/db";
import type { FakeAgentCore, TrafficOptions } from "../../scripts/fake-agentcore/server";

export const PAYMENTS = "paymentsgateway-a1b2c3d4e5";
export const HOUR = 3_600_000;

/** The last whole hour, so ranges built from it are in the past and repeatable within a run. */
export const anchor = () => Math.floor(Date.now() / HOUR) * HOUR;

export function settingsFor(fake: FakeAgentCore) {
  return { region: "us-east-1", endpoint: fake.url, cloudwatchEndpoint: fake.url, logsEndpoint: fake.url, credentials: { accessKeyId: "AKIDTESTFAKE00000000", secretAccessKey: "test-secret" } };
}

/** Evidence wired to the fake through the real SDKs, with fast polling. */
export async function depsFor(fake: FakeAgentCore, dataDir: string, extra: Partial<EvidenceDeps> = {}): Promise<EvidenceDeps> {
  const settings = settingsFor(fake);
  return { cp: createAwsControlPlane(settings, { cacheMs: 0, maxAttempts: 3 }), clients: createEvidenceClients(settings, { maxAttempts: 3 }), db: await getDb(dataDir), pollMs: 5, ...extra };
}

export async function traffic(fake: FakeAgentCore, options: Partial<TrafficOptions>) {
  const res = await fetch(`${fake.url}/__fake/traffic`, { method: "POST", body: JSON.stringify(options) });
  return ((await res.json()) as { calls: number }).calls;
}

export async function fault(fake: FakeAgentCore, operation: string, error: string, status: number, count = 1) {
  await fetch(`${fake.url}/__fake/faults`, { method: "POST", body: JSON.stringify({ operation, error, status, count }) });
}
