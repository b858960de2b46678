import "server-only";
import { getControlPlane } from "@/lib/agentcore";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { LoadedWorkspace } from "@/lib/workspace/workspace";
import { createAgentCoreDrafter } from "./agentcore";
import { createAnthropicDrafter } from "./anthropic";
import { createOfflineDrafter } from "./offline-drafter";
import type { DraftEvent, DraftResult, DrafterKind } from "./types";

export type DrafterChoice = "auto" | DrafterKind;

const OFFLINE_NOTICE = "Drafted offline by rules (no ANTHROPIC_API_KEY is set on the server). Set it to draft with Claude.";

/** Drafts for a workspace with the chosen drafter; "auto" is Claude when a key is configured, else offline. */
export async function generateDraft(
  ws: Pick<LoadedWorkspace, "gateway" | "context"> & Partial<Pick<LoadedWorkspace, "published" | "draft">>,
  request: string,
  choice: DrafterChoice,
  options: { signal?: AbortSignal; onEvent?: (e: DraftEvent) => void } = {},
): Promise<DraftResult> {
  const input = {
    request,
    gatewayArn: ws.gateway.gatewayArn,
    tools: ws.gateway.targets.flatMap((t) => t.tools),
    schema: { text: ws.context.schemaText, json: ws.context.schemaJson },
    takenNames: [...(ws.published ?? []).map((p) => p.name), ...[...(ws.draft?.text ?? "").matchAll(/@id\s*\(\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1])],
    ...options,
  };
  const { anthropic } = config();
  const kind: DrafterKind = choice === "auto" ? (anthropic.apiKey ? "anthropic" : "offline") : choice;

  if (kind === "anthropic") {
    if (!anthropic.apiKey) throw new AppError("llm-no-key", "Claude is not configured: set ANTHROPIC_API_KEY on the server, or use the offline drafter.");
    return createAnthropicDrafter({ apiKey: anthropic.apiKey, model: anthropic.model, baseURL: anthropic.baseURL }).draft(input);
  }
  if (kind === "agentcore") {
    const generation = (await getControlPlane()).policyGeneration;
    if (!generation) throw new AppError("not-available", "AgentCore's policy generation is available when the console is connected to AWS.");
    return createAgentCoreDrafter(generation, ws.gateway.policyEngine?.policyEngineId ?? null).draft(input);
  }
  return createOfflineDrafter({ notice: choice === "auto" ? OFFLINE_NOTICE : undefined }).draft(input);
}

/** Which drafters this console can use, for the UI's choice. */
export async function availableDrafters(): Promise<DrafterKind[]> {
  const generation = (await getControlPlane()).policyGeneration;
  return [...(config().anthropic.apiKey ? (["anthropic"] as const) : []), "offline", ...(generation ? (["agentcore"] as const) : [])];
}
