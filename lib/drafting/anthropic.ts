import "server-only";
import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
// The full Node build: findings need isAuthorizedPartial and getValidRequestEnvsPolicy too.
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { AppError } from "@/lib/errors";
import { checkDraft, draftErrors } from "./check";
import { repairPrompt, SUBMIT_TOOL, SYSTEM_PROMPT, userPrompt } from "./prompts";
import type { DraftedPolicy, Drafter, DraftInput, DraftResult } from "./types";

export const MAX_REPAIR_ROUNDS = 2;
const MAX_OUTPUT_TOKENS = 4096;

const Submission = z.object({
  policies: z.array(z.object({ statement: z.string().min(1).max(10_240), explanation: z.string().max(2000).default("") })).max(50),
  assumptions: z.array(z.string().max(2000)).max(50).default([]),
  questions: z.array(z.string().max(2000)).max(50).default([]),
});

export interface AnthropicSettings {
  apiKey: string;
  model: string;
  baseURL?: string;
  /** Per request, in ms; the SDK's own retries (429, 5xx, 529 overloaded) come on top. */
  timeoutMs?: number;
  maxRetries?: number;
}

/** Claude drafts through tool use; every answer is validated, and errors go back for repair. */
export function createAnthropicDrafter(settings: AnthropicSettings): Drafter {
  const client = new Anthropic({
    apiKey: settings.apiKey,
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    timeout: settings.timeoutMs ?? 60_000,
    maxRetries: settings.maxRetries ?? 2,
  });

  return {
    kind: "anthropic",
    async draft(input: DraftInput): Promise<DraftResult> {
      const messages: Anthropic.MessageParam[] = [{ role: "user", content: userPrompt(input) }];
      let submission: z.infer<typeof Submission> | undefined;
      let round = 0;
      for (;;) {
        const message = await ask(client, settings.model, messages, input, round);
        const call = message.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use" && b.name === SUBMIT_TOOL.name);
        if (!call) throw new AppError("llm-bad-output", "Claude answered without submitting policies (no submit_policies call). Try again or rephrase the request.");
        if (message.stop_reason === "max_tokens") throw new AppError("llm-bad-output", "Claude's answer was cut off before it was complete. Ask for fewer policies at a time.");
        const parsed = Submission.safeParse(toolInput(call));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new AppError("llm-bad-output", `Claude's answer did not have the expected shape${issue?.path.length ? ` at ${issue.path.join(".")}` : ""}: ${issue?.message ?? "unreadable"}. Try again.`);
        }
        submission = parsed.data;
        const errors = draftErrors(cedar, submission.policies, input.schema.json, input.tools);
        if (errors.length === 0 || round >= MAX_REPAIR_ROUNDS) break;
        round++;
        input.onEvent?.({ type: "repair", round, errors });
        messages.push({ role: "assistant", content: message.content });
        messages.push({ role: "user", content: [{ type: "tool_result", tool_use_id: call.id, is_error: true, content: repairPrompt(errors) }] });
      }
      return checkDraft(cedar, "anthropic", input, { ...submission, repairRounds: round });
    },
  };
}

/** The tool call's arguments; the SDK parses streamed JSON lazily, and malformed JSON throws on read. */
function toolInput(call: Anthropic.ToolUseBlock): unknown {
  try {
    return call.input;
  } catch {
    return undefined;
  }
}

async function ask(client: Anthropic, model: string, messages: Anthropic.MessageParam[], input: DraftInput, round: number): Promise<Anthropic.Message> {
  try {
    const stream = client.messages.stream(
      { model, max_tokens: MAX_OUTPUT_TOKENS, system: SYSTEM_PROMPT, messages, tools: [SUBMIT_TOOL], tool_choice: { type: "tool", name: SUBMIT_TOOL.name } },
      { signal: input.signal },
    );
    let emitted = 0;
    stream.on("inputJson", (_partial, snapshot) => {
      // Policies are announced as soon as the next one has started, i.e. this one is complete.
      const policies = (snapshot as { policies?: DraftedPolicy[] })?.policies;
      if (!Array.isArray(policies)) return;
      for (; emitted < policies.length - 1; emitted++) input.onEvent?.({ type: "policy", policy: policies[emitted], round });
    });
    const message = await stream.finalMessage();
    const block = message.content.find((b) => b.type === "tool_use") as Anthropic.ToolUseBlock | undefined;
    const final = (block ? toolInput(block) : undefined) as { policies?: DraftedPolicy[] } | undefined;
    const rest = Array.isArray(final?.policies) ? final.policies.slice(emitted) : [];
    for (const p of rest) if (p && typeof p.statement === "string") input.onEvent?.({ type: "policy", policy: p, round });
    return message;
  } catch (e) {
    throw mapLlmError(e, input.signal);
  }
}

/** SDK errors as AppErrors; the key never appears in a message. */
export function mapLlmError(e: unknown, signal?: AbortSignal): AppError {
  if (e instanceof AppError) return e;
  if (signal?.aborted || e instanceof Anthropic.APIUserAbortError) return new AppError("llm-cancelled", "Drafting was stopped. Your request text is kept.");
  if (e instanceof Anthropic.APIConnectionTimeoutError) return new AppError("llm-timeout", "Claude did not answer in time. Try again, or shorten the request.");
  if (e instanceof Anthropic.AuthenticationError || e instanceof Anthropic.PermissionDeniedError) {
    return new AppError("llm-auth-failed", "The Anthropic API rejected the key (check ANTHROPIC_API_KEY on the server).");
  }
  if (e instanceof Anthropic.RateLimitError) return new AppError("llm-rate-limited", "The Anthropic API is rate limiting this key; the console retried with backoff. Wait a minute and try again.");
  if (e instanceof Anthropic.APIError && (e.status === 529 || /overloaded/i.test(e.message))) {
    return new AppError("llm-overloaded", "Claude is overloaded right now; the console retried with backoff. Try again shortly, or use the offline drafter.");
  }
  if (e instanceof Anthropic.APIConnectionError) return new AppError("llm-error", "The Anthropic API cannot be reached from the console's server.");
  if (e instanceof Anthropic.APIError) return new AppError("llm-error", `The Anthropic API failed (HTTP ${e.status ?? "?"}). Try again.`);
  // Not an HTTP error: the SDK could not read the stream (malformed events or JSON).
  if (e instanceof Anthropic.AnthropicError) return new AppError("llm-bad-output", "Claude's answer could not be read (malformed stream or JSON). Try again.");
  return new AppError("llm-error", "Drafting with Claude failed unexpectedly. Try again.");
}
