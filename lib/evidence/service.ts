import "server-only";
import { getControlPlane, type ControlPlane } from "@/lib/agentcore";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { insertImportedCalls } from "@/lib/store/imported-calls";
import { createEvidenceClients, type EvidenceClients } from "./aws-clients";
import { cloudWatchMetrics, type PolicyRef } from "./cloudwatch-metrics";
import { startImport } from "./import-jobs";
import { decisionLogMetrics } from "./local-metrics";
import { resolveRange, type RangeInput } from "./range";
import { importSpans } from "./span-import";
import type { ImportJob, MetricsResult } from "./types";

/** What the evidence features need: the control plane, and the CloudWatch clients on AWS (null on the local workspace). */
export interface EvidenceDeps {
  cp: ControlPlane;
  clients: EvidenceClients | null;
  db?: Db;
  pollMs?: number;
  rowsPerQuery?: number;
}

const holder = globalThis as unknown as { __policyStudioEvidenceClients?: EvidenceClients };

export async function evidenceDeps(): Promise<EvidenceDeps> {
  const cfg = config();
  const clients = cfg.backend === "aws" && cfg.aws ? (holder.__policyStudioEvidenceClients ??= createEvidenceClients(cfg.aws)) : null;
  return { cp: await getControlPlane(), clients };
}

async function gatewayAndPolicies(cp: ControlPlane, gatewayId: string): Promise<{ gateway: Awaited<ReturnType<ControlPlane["getGateway"]>>; policies: PolicyRef[] }> {
  const gateway = await cp.getGateway(gatewayId);
  const policies = gateway.policyEngine ? (await cp.listPolicies(gateway.policyEngine.policyEngineId)).map((p) => ({ policyId: p.policyId, name: p.name })) : [];
  return { gateway, policies };
}

/** `GET …/metrics`: CloudWatch on AWS, the decision log on the local workspace; the same series either way. */
export async function gatewayMetrics(deps: EvidenceDeps, gatewayId: string, input: RangeInput): Promise<MetricsResult> {
  const range = resolveRange(input);
  const { policies } = await gatewayAndPolicies(deps.cp, gatewayId);
  if (deps.clients) return cloudWatchMetrics(deps.clients, gatewayId, policies, range);
  return decisionLogMetrics(gatewayId, policies.map((p) => p.name), range, deps.db);
}

/** `POST …/decisions/import`: starts importing the gateway's policy spans for a range (AWS only). */
export async function startSpanImport(deps: EvidenceDeps, gatewayId: string, input: { from: string; to: string }): Promise<ImportJob> {
  resolveRange(input); // checks the range; an import reads exactly it, not widened to a period boundary
  const from = new Date(input.from);
  const to = new Date(input.to);
  const { gateway, policies } = await gatewayAndPolicies(deps.cp, gatewayId);
  const clients = deps.clients;
  if (!clients) {
    throw new AppError("not-available", "Importing spans needs the AWS backend. The local workspace records every call itself: see the Decisions tab.");
  }
  if (!gateway.policyEngine) throw new AppError("bad-request", "This gateway has no policy engine, so AgentCore records no policy decisions for it. Attach an engine first.");
  return startImport(gatewayId, { from, to }, (signal, onProgress, onStarted) =>
    importSpans({ clients, store: (rows) => insertImportedCalls(rows, deps.db), pollMs: deps.pollMs, rowsPerQuery: deps.rowsPerQuery, signal, onProgress, onStarted }, gateway, policies, { from, to }),
  );
}
