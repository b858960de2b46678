"use client";

import { DiffEditor } from "@monaco-editor/react";
import type * as Monaco from "monaco-editor";
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { currentTheme, subscribeTheme } from "@/components/layout/theme";
import { CEDAR_LANGUAGE_ID } from "@/components/policy-editor/cedar-language";
import { setupMonaco } from "@/components/policy-editor/monaco-setup";
import { LoadingState } from "@/components/ui/states";

/** Published (left) vs draft (right), read-only, with Monaco loaded from our own bundle. */
export function DiffView({ original, modified, label }: { original: string; modified: string; label: string }) {
  const [ready, setReady] = useState(false);
  const theme = useSyncExternalStore(subscribeTheme, currentTheme, () => "light" as const);
  const editor = useRef<Monaco.editor.IStandaloneDiffEditor | null>(null);
  // @monaco-editor/react 4.7 disposes the text models before the diff widget, which Monaco 0.5x reports
  // as "TextModel got disposed before DiffEditorWidget model got reset". The models are kept and released
  // here instead, in a layout cleanup that runs before the library's own: detach first, then dispose.
  useLayoutEffect(
    () => () => {
      const e = editor.current;
      const models = e?.getModel();
      e?.setModel(null);
      models?.original.dispose();
      models?.modified.dispose();
      editor.current = null;
    },
    [],
  );
  useEffect(() => {
    let live = true;
    setupMonaco().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <div role="group" aria-label={label} data-testid="publish-diff" className="h-[420px] overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
      {ready ? (
        <DiffEditor
          original={original}
          modified={modified}
          language={CEDAR_LANGUAGE_ID}
          theme={theme === "dark" ? "vs-dark" : "vs"}
          loading={<LoadingState label="Loading the diff…" />}
          keepCurrentOriginalModel
          keepCurrentModifiedModel
          onMount={(e) => {
            editor.current = e;
          }}
          options={{ readOnly: true, originalEditable: false, renderSideBySide: true, minimap: { enabled: false }, scrollBeyondLastLine: false, fontSize: 13, automaticLayout: true }}
        />
      ) : (
        <LoadingState label="Loading the diff…" />
      )}
    </div>
  );
}
