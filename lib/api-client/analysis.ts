import type { AnalysisReport } from "@/lib/analysis/types";
import { apiFetch, gatewayPath } from "./request";

/** The exact analysis of a draft against the published set (docs/analysis.md); `text` defaults to the saved draft. */
export const analyzeDraft = (gatewayId: string, text?: string, signal?: AbortSignal) =>
  apiFetch<AnalysisReport>(gatewayPath(gatewayId, ["analysis"]), { method: "POST", body: text === undefined ? {} : { text }, signal });
