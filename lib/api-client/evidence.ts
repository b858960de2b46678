import type { ImportJob, MetricsResult } from "@/lib/evidence/types";
import { apiFetch, gatewayPath } from "./request";

/** Evidence from real traffic: metrics (CloudWatch or the local decision log) and span imports (docs/evidence.md). */

export const fetchMetrics = (gatewayId: string, range: { from: string; to: string }, signal?: AbortSignal) => apiFetch<MetricsResult>(gatewayPath(gatewayId, ["metrics"], range), { signal });

export const startSpanImport = (gatewayId: string, range: { from: string; to: string }) => apiFetch<ImportJob>(gatewayPath(gatewayId, ["decisions", "import"]), { method: "POST", body: range });

export const pollSpanImport = (gatewayId: string, jobId: string) => apiFetch<ImportJob>(gatewayPath(gatewayId, ["decisions", "import", jobId]));

export const cancelSpanImport = (gatewayId: string, jobId: string) => apiFetch<ImportJob>(gatewayPath(gatewayId, ["decisions", "import", jobId]), { method: "DELETE" });
