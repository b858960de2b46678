// The full Node build: findings need isAuthorizedPartial and getValidRequestEnvsPolicy too.
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { checkDraft } from "./check";
import { draftOffline } from "./offline";
import type { Drafter, DraftInput, DraftResult } from "./types";

/** The rule-based drafter behind the Drafter port: drafted, then checked like any other draft. */
export function createOfflineDrafter({ notice }: { notice?: string } = {}): Drafter {
  return {
    kind: "offline",
    async draft(input: DraftInput): Promise<DraftResult> {
      const draft = draftOffline(input);
      draft.policies.forEach((policy) => input.onEvent?.({ type: "policy", policy, round: 0 }));
      return checkDraft(cedar, "offline", input, { ...draft, notice });
    },
  };
}
