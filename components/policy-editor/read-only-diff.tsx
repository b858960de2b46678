"use client";

import { DiffEditor } from "@monaco-editor/react";
import type * as Monaco from "monaco-editor";
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { currentTheme, subscribeTheme } from "@/components/layout/theme";
import { LoadingState } from "@/components/ui/states";
import { cn } from "@/lib/cn";
import { CEDAR_LANGUAGE_ID, CEDAR_THEMES } from "./cedar-language";
import { setupMonaco } from "./monaco-setup";

/**
 * Every read-only Cedar diff of the console (a draft before it is applied, the publish review,
 * History), with Monaco from our own bundle.
 *
 * @monaco-editor/react 4.7 disposes the text models before the diff widget, which Monaco 0.5x reports
 * as "TextModel got disposed before DiffEditorWidget model got reset" and which leaves the widget
 * half-disposed ("InstantiationService has been disposed" on the next keystroke elsewhere). So the
 * library keeps the models, and this component releases them in a layout cleanup, which React runs
 * before the library's own passive one: detach the models first, then dispose them.
 *
 * Monaco 0.55 also forgets the two sides' accessible names: when the diff folds into one column
 * (or unfolds), it re-derives each side's options from an empty change set, which sets `ariaLabel`
 * to "". `keepSideLabels` puts them back whenever that happens. The sides are also created without
 * them, so the diff stays invisible (out of the accessibility tree) until they are set.
 */
export function ReadOnlyDiff({
  original,
  modified,
  label,
  sideBySide = true,
  className,
  testId,
}: {
  original: string;
  modified: string;
  label: string;
  sideBySide?: boolean;
  className?: string;
  testId?: string;
}) {
  const [ready, setReady] = useState(false);
  const [labelled, setLabelled] = useState(false);
  const theme = useSyncExternalStore(subscribeTheme, currentTheme, () => "light" as const);
  const editor = useRef<Monaco.editor.IStandaloneDiffEditor | null>(null);
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
    <div role="group" aria-label={label} data-testid={testId} className={cn("overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-700", className)}>
      {ready ? (
        <DiffEditor
          className={labelled ? undefined : "invisible"}
          height="100%"
          original={original}
          modified={modified}
          language={CEDAR_LANGUAGE_ID}
          theme={CEDAR_THEMES[theme]}
          loading={<LoadingState label="Loading the diff…" />}
          keepCurrentOriginalModel
          keepCurrentModifiedModel
          onMount={(e) => {
            editor.current = e;
            keepSideLabels(e, label);
            setLabelled(true);
          }}
          options={{
            readOnly: true,
            originalEditable: false,
            renderSideBySide: sideBySide,
            // Side by side folds into one column when the box is narrow (1024 px screens).
            useInlineViewWhenSpaceIsLimited: true,
            minimap: { enabled: false },
            scrollBeyondLastLine: false,
            fontSize: 12,
            automaticLayout: true,
            originalAriaLabel: `${label}, before`,
            modifiedAriaLabel: `${label}, after`,
          }}
        />
      ) : (
        <LoadingState label="Loading the diff…" />
      )}
    </div>
  );
}

function keepSideLabels(diff: Monaco.editor.IStandaloneDiffEditor, label: string) {
  for (const [side, name] of [
    [diff.getOriginalEditor(), `${label}, before`],
    [diff.getModifiedEditor(), `${label}, after`],
  ] as const) {
    const restore = () => {
      if (!side.getRawOptions().ariaLabel) side.updateOptions({ ariaLabel: name });
    };
    side.onDidChangeConfiguration(restore);
    restore();
  }
}
