"use client";

import { Button } from "@/components/ui/button";
import type { SaveState } from "./use-autosave";

/** `matchesPublished`: the editor holds exactly the published set (never edited, or edited and undone back to it). */
export function SaveStatus({ state, matchesPublished, onRetry }: { state: SaveState; matchesPublished: boolean; onRetry(): void }) {
  if (state.kind === "failed") {
    return (
      <span role="alert" className="flex items-center gap-1 text-xs text-red-700 dark:text-red-400">
        Not saved: {state.message} (kept in this browser)
        <Button size="sm" variant="ghost" onClick={onRetry}>
          Retry
        </Button>
      </span>
    );
  }
  const label = state.kind === "saving" ? "Saving…" : matchesPublished ? "Published version" : state.kind === "dirty" ? "Unsaved changes" : "Draft saved";
  return (
    <span data-testid="save-status" aria-live="polite" className="text-xs text-muted" title={state.kind === "saved" ? state.at : undefined}>
      {label}
    </span>
  );
}
