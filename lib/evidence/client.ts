/** Browser-side calls to the evidence API (components use these, never raw fetch). */
import { apiFetch } from "@/lib/http/client";
import type { ImportJob, MetricsResult } from "./types";

const base = (gatewayId: string) => `/api/gateways/${encodeURIComponent(gatewayId)}`;

export function fetchMetrics(gatewayId: string, range: { from: string; to: string }, signal?: AbortSignal): Promise<MetricsResult> {
  return apiFetch<MetricsResult>(`${base(gatewayId)}/metrics?${new URLSearchParams(range)}`, { signal });
}

export function startSpanImport(gatewayId: string, range: { from: string; to: string }): Promise<ImportJob> {
  return apiFetch<ImportJob>(`${base(gatewayId)}/decisions/import`, { method: "POST", body: range });
}

export function pollSpanImport(gatewayId: string, jobId: string): Promise<ImportJob> {
  return apiFetch<ImportJob>(`${base(gatewayId)}/decisions/import/${encodeURIComponent(jobId)}`);
}

export function cancelSpanImport(gatewayId: string, jobId: string): Promise<ImportJob> {
  return apiFetch<ImportJob>(`${base(gatewayId)}/decisions/import/${encodeURIComponent(jobId)}`, { method: "DELETE" });
}
