"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import type * as Monaco from "monaco-editor";
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, useSyncExternalStore } from "react";
import { currentTheme, subscribeTheme } from "@/components/layout/theme";
import { LoadingState } from "@/components/ui/states";
import type { Diagnostic } from "@/lib/cedar/diagnostics";
import type { DogwoodRange } from "@/lib/dogwood/vocabulary";
import type { EditorContext } from "@/lib/workspace/editor-context";
import { CEDAR_LANGUAGE_ID, CEDAR_THEMES } from "./cedar-language";
import { registerCedarIntelligence } from "./completion";
import { setupMonaco } from "./monaco-setup";

export interface CedarEditorHandle {
  reveal(line: number, column: number): void;
  getValue(): string;
  /** Replaces the whole text as one undoable edit. */
  setValue(text: string): void;
  format(): Promise<void>;
}

interface Props {
  value: string;
  context: EditorContext | null;
  diagnostics: Diagnostic[];
  /** Dogwood blocks and effects to mark (temporal conditions, guardrail calls, suppressOutput). */
  highlights?: DogwoodRange[];
  onChange(text: string): void;
  onSave(): void;
  format(text: string): Promise<string | null>;
  readOnly?: boolean;
  ariaLabel?: string;
}

const HOVER: Record<DogwoodRange["kind"], string> = {
  temporal: "Dogwood temporal condition: decided on the session's earlier events (simulate it with a session); the service checks what the console cannot.",
  guardrail: "Dogwood guardrail: a Bedrock Guardrails score; simulations take the score you set per call (default: no detection).",
  effect: "Dogwood effect: suppressOutput acts on a call's response and never authorizes.",
  definition: "A Dogwood macro definition: not a policy, and AgentCore does not document macros.",
};

export const CedarEditor = forwardRef<CedarEditorHandle, Props>(function CedarEditor(props, ref) {
  const [monaco, setMonaco] = useState<typeof Monaco | null>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  const theme = useSyncExternalStore(subscribeTheme, currentTheme, () => "light" as const);

  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    let live = true;
    setupMonaco().then((m) => live && setMonaco(m));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!monaco) return;
    const intelligence = registerCedarIntelligence(monaco, () => latest.current.context);
    const formatter = monaco.languages.registerDocumentFormattingEditProvider(CEDAR_LANGUAGE_ID, {
      async provideDocumentFormattingEdits(model) {
        const formatted = await latest.current.format(model.getValue());
        return formatted === null || formatted === model.getValue() ? [] : [{ range: model.getFullModelRange(), text: formatted }];
      },
    });
    return () => {
      intelligence.dispose();
      formatter.dispose();
    };
  }, [monaco]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    monaco.editor.setModelMarkers(
      model,
      "cedar",
      props.diagnostics.map((d) => ({
        severity: d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
        startLineNumber: d.startLine,
        startColumn: d.startColumn,
        endLineNumber: d.endLine,
        endColumn: Math.max(d.endColumn, d.startColumn + 1),
        source: "cedar",
      })),
    );
  }, [monaco, props.diagnostics]);

  const decorations = useRef<Monaco.editor.IEditorDecorationsCollection | null>(null);
  useEffect(() => {
    const editor = editorRef.current;
    if (!monaco || !editor) return;
    decorations.current ??= editor.createDecorationsCollection();
    decorations.current.set(
      (props.highlights ?? []).map((r) => ({
        range: new monaco.Range(r.startLine, r.startColumn, r.endLine, r.endColumn),
        options: { inlineClassName: `dogwood-${r.kind}`, hoverMessage: { value: HOVER[r.kind] } },
      })),
    );
  }, [monaco, props.highlights]);

  useImperativeHandle(ref, () => ({
    reveal(line, column) {
      const editor = editorRef.current;
      if (!editor) return;
      editor.setPosition({ lineNumber: line, column });
      editor.revealPositionInCenter({ lineNumber: line, column });
      editor.focus();
    },
    getValue: () => editorRef.current?.getValue() ?? latest.current.value,
    setValue(text) {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!editor || !model) return;
      editor.pushUndoStop();
      editor.executeEdits("policy-studio", [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    },
    async format() {
      await editorRef.current?.getAction("editor.action.formatDocument")?.run();
    },
  }));

  const onMount: OnMount = (editor, m) => {
    editorRef.current = editor;
    // Save formats first, then saves: the user's shortcut does what an IDE's does.
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.KeyS, async () => {
      await editor.getAction("editor.action.formatDocument")?.run();
      latest.current.onSave();
    });
    // Tab indents inside the editor, so Escape is the keyboard's way out (when no widget, snippet
    // or multi-cursor wants it first); Ctrl+M, Monaco's own, makes Tab move focus instead.
    editor.addCommand(m.KeyCode.Escape, () => focusAfter(editor.getContainerDomNode()), ESCAPE_LEAVES);
  };

  if (!monaco) return <LoadingState label="Loading editor…" />;
  return (
    <Editor
      height="100%"
      language={CEDAR_LANGUAGE_ID}
      theme={CEDAR_THEMES[theme]}
      value={props.value}
      onChange={(v) => props.onChange(v ?? "")}
      onMount={onMount}
      options={{
        readOnly: props.readOnly,
        ariaLabel: `${props.ariaLabel ?? "Cedar policy editor"}. Escape leaves the editor; Ctrl+M makes Tab move focus.`,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        tabSize: 2,
        automaticLayout: true,
        fixedOverflowWidgets: true,
        quickSuggestions: { other: true, strings: true, comments: false },
        wordBasedSuggestions: "off",
      }}
    />
  );
});

const ESCAPE_LEAVES =
  "editorTextFocus && !suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible && !inSnippetMode && !editorHasMultipleSelections && !markersNavigationVisible && !referenceSearchVisible";

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focuses the first tabbable, visible element after `node` in document order. */
function focusAfter(node: HTMLElement) {
  const next = [...document.querySelectorAll<HTMLElement>(TABBABLE)].find(
    (el) => !node.contains(el) && node.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && el.getClientRects().length > 0,
  );
  next?.focus();
}
