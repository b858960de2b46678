import type { Diagnostic } from "@/lib/cedar/diagnostics";
import type { DraftEvent, DraftResult, DrafterKind } from "@/lib/drafting/types";
import { readSseStream } from "@/lib/mcp/sse";
import { apiFetch, apiStream, gatewayPath } from "./request";

/** The policy workspace's draft: autosave, discard, and drafting from plain language. */

export interface SavedDraft {
  text: string;
  updatedAt: string;
  baseVersion: string;
  diagnostics?: Diagnostic[];
}

export const saveDraft = (gatewayId: string, text: string, baseVersion: string) => apiFetch<SavedDraft>(gatewayPath(gatewayId, ["draft"]), { method: "PUT", body: { text, baseVersion } });

export const discardDraft = (gatewayId: string) => apiFetch<SavedDraft>(gatewayPath(gatewayId, ["draft"]), { method: "DELETE" });

export type DraftStreamEvent = DraftEvent | { type: "result"; result: DraftResult } | { type: "error"; message: string };

/** Drafts from a plain-language request, streaming each policy, repair round and status as it happens. */
export async function generateDraft(
  gatewayId: string,
  body: { request: string; drafter: "auto" | DrafterKind },
  onEvent: (e: DraftStreamEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await apiStream(gatewayPath(gatewayId, ["draft", "generate"]), { body, signal });
  await readSseStream(res.body!, ({ event, data }) => {
    const value = data ? JSON.parse(data) : null;
    if (event === "result") onEvent({ type: "result", result: value as DraftResult });
    else if (event === "error") onEvent({ type: "error", message: (value as { error: { message: string } }).error.message });
    else onEvent(value as DraftEvent);
  });
}
