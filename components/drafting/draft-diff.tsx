"use client";

import { DiffEditor } from "@monaco-editor/react";
import { useEffect, useState, useSyncExternalStore } from "react";
import { currentTheme, subscribeTheme } from "@/components/layout/theme";
import { CEDAR_LANGUAGE_ID } from "@/components/policy-editor/cedar-language";
import { setupMonaco } from "@/components/policy-editor/monaco-setup";
import { LoadingState } from "@/components/ui/states";

/** A read-only side-by-side diff (Monaco, served by us) of the editor's text and what a click would make it. */
export function DraftDiff({ original, modified }: { original: string; modified: string }) {
  const [ready, setReady] = useState(false);
  const theme = useSyncExternalStore(subscribeTheme, currentTheme, () => "light" as const);
  useEffect(() => {
    let live = true;
    setupMonaco().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  if (!ready) return <LoadingState label="Loading diff…" />;
  return (
    <div className="h-64 overflow-hidden rounded border border-zinc-200 dark:border-zinc-700" data-testid="draft-diff">
      <DiffEditor
        height="100%"
        language={CEDAR_LANGUAGE_ID}
        original={original}
        modified={modified}
        theme={theme === "dark" ? "vs-dark" : "vs"}
        options={{ readOnly: true, renderSideBySide: false, minimap: { enabled: false }, fontSize: 12, scrollBeyondLastLine: false, automaticLayout: true }}
      />
    </div>
  );
}
