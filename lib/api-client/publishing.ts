import type { EngineMode } from "@/lib/agentcore/types";
import type { CanaryEvidence, ModeEvidence } from "@/lib/publishing/evidence";
import type { PromoteResult } from "@/lib/publishing/promote";
import type { PublishResult } from "@/lib/publishing/publish";
import type { InterruptedPublish } from "@/lib/publishing/recovery";
import { apiFetch, gatewayPath } from "./request";
import type { PendingApproval } from "./team";

/** Publishing, modes, engines, canaries and history (docs/api.md#publishing). */

export const publish = (gatewayId: string, body: { text: string; message: string; baseVersion: string; rollbackOf?: number }) =>
  apiFetch<PublishResult | PendingApproval>(gatewayPath(gatewayId, ["publish"]), { method: "POST", body });

export const rebase = (gatewayId: string, body: { choice: "keep-mine"; text: string } | { choice: "take-theirs" }) =>
  apiFetch<{ text: string; baseVersion: string }>(gatewayPath(gatewayId, ["publish", "rebase"]), { method: "POST", body });

/** With a range: the imported calls of that range, and its decision metrics (default: the last 7 days). */
export const modeEvidence = (gatewayId: string, mode: EngineMode, range?: { from: string; to: string }, signal?: AbortSignal) =>
  apiFetch<ModeEvidence>(gatewayPath(gatewayId, ["mode", "evidence"], { mode, ...range }), { signal });

/** What promoting a canary would change, and its real decision flips in the range. */
export const canaryEvidence = (gatewayId: string, name: string, range?: { from: string; to: string }, signal?: AbortSignal) =>
  apiFetch<CanaryEvidence>(gatewayPath(gatewayId, ["policies", name, "promote"], range), { signal });

export const switchMode = (gatewayId: string, mode: EngineMode) => apiFetch<unknown | PendingApproval>(gatewayPath(gatewayId, ["mode"]), { method: "PUT", body: { mode } });

export const createEngine = (gatewayId: string, body: { name: string; description?: string; mode: EngineMode }) =>
  apiFetch<unknown>(gatewayPath(gatewayId, ["engine"]), { method: "POST", body });

export const promotePolicy = (gatewayId: string, name: string) => apiFetch<PromoteResult | PendingApproval>(gatewayPath(gatewayId, ["policies", name, "promote"]), { method: "POST", body: {} });

export const getVersion = (gatewayId: string, version: number) => apiFetch<{ text: string }>(gatewayPath(gatewayId, ["history", version]));

export const restoreVersion = (gatewayId: string, version: number) =>
  apiFetch<{ text: string; baseVersion: string; reviewUrl: string }>(gatewayPath(gatewayId, ["history", version, "restore"]), { method: "POST", body: {} });

export const interruptedPublish = (gatewayId: string) => apiFetch<{ interrupted: InterruptedPublish | null; running: boolean }>(gatewayPath(gatewayId, ["publish", "interrupted"]));

export const recoverInterrupted = (gatewayId: string, action: "resume" | "roll-back") =>
  apiFetch<PublishResult>(gatewayPath(gatewayId, ["publish", "interrupted"]), { method: "POST", body: { action } });
