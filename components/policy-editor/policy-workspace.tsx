"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useCan } from "@/components/team/viewer-context";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { TabList, tabProps } from "@/components/ui/tabs";
import type { Diagnostic } from "@/lib/cedar/diagnostics";
import { cedarWorker } from "@/lib/cedar-worker/client";
import type { AnalyzeResult, OutlineEntry } from "@/lib/cedar-worker/handlers";
import { cn } from "@/lib/cn";
import { discardDraft } from "@/lib/api-client/drafts";
import type { EditorContext } from "@/lib/workspace/editor-context";
import { CedarEditor, type CedarEditorHandle } from "./cedar-editor";
import { PolicyOutline } from "./policy-outline";
import { ProblemsPanel } from "./problems-panel";
import { SaveStatus } from "./save-status";
import { SchemaTab } from "./schema-tab";
import { readBackup, useAutosave } from "./use-autosave";
import { WorkspaceContext, type Workspace } from "./workspace-context";

export interface WorkspaceProps {
  gatewayId: string;
  context: EditorContext;
  draft: { text: string; updatedAt: string | null; baseVersion: string };
  publishedText: string;
  /** Side panels from other features (drafting, simulation…), each rendered inside the workspace context. */
  panels: Array<{ id: string; label: string; node: React.ReactNode }>;
}

export function PolicyWorkspace({ gatewayId, context, draft, publishedText, panels }: WorkspaceProps) {
  const [text, setText] = useState(draft.text);
  const [view, setView] = useState<"editor" | "schema">("editor");
  // Each result remembers the text it describes; while they differ, a check is under way.
  const [analysis, setAnalysis] = useState<AnalyzeResult & { text: string | null }>({ diagnostics: [], outline: [], text: null });
  const checking = analysis.text !== text;
  // `?panel=simulate` opens the workspace on that panel (a call opened in Simulate from the publish review).
  const requested = useSearchParams().get("panel");
  const [panel, setPanel] = useState(panels.find((p) => p.id === requested)?.id ?? panels[0]?.id ?? "");
  // The side panels fold away on narrow screens (the outline below 1280 px) or on request.
  const wide = useSyncExternalStore(subscribeWide, isWide, () => true);
  const [outlinePref, setOutlinePref] = useState<boolean | null>(null);
  const [toolsOpen, setToolsOpen] = useState(true);
  const outlineOpen = outlinePref ?? wide;
  const editor = useRef<CedarEditorHandle>(null);
  const { state: saveState, saveNow, markSaved } = useAutosave(gatewayId, text, draft.updatedAt, draft.baseVersion);
  const router = useRouter();
  const canEdit = useCan("author", "editing drafts");
  // Saved first so the review compares exactly what is on screen; a failed save stays here, shown by SaveStatus.
  const review = async () => {
    if (await saveNow()) router.push(`/gateways/${gatewayId}/publish`);
  };

  useEffect(() => {
    const backup = readBackup(gatewayId, draft.updatedAt);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring unsaved work needs the browser's storage
    if (backup !== null && backup !== draft.text) setText(backup);
  }, [gatewayId, draft.updatedAt, draft.text]);

  // Validation runs in the worker; a newer keystroke supersedes an older result.
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    const t = setTimeout(async () => {
      try {
        const result = await cedarWorker().run<AnalyzeResult>("analyze", { text, schemaJson: context.schemaJson });
        if (mine === seq.current) setAnalysis({ ...result, text });
      } catch (e) {
        if (mine === seq.current) setAnalysis({ diagnostics: [workerFailure(e)], outline: [], text });
      }
    }, 150);
    return () => clearTimeout(t);
  }, [text, context.schemaJson]);

  const format = useCallback(async (value: string) => {
    const r = await cedarWorker().run<{ text: string | null }>("format", { text: value });
    return r.text;
  }, []);

  const reveal = useCallback((d: { startLine: number; startColumn: number }) => {
    setView("editor");
    requestAnimationFrame(() => editor.current?.reveal(d.startLine, d.startColumn));
  }, []);

  const outlineRef = useRef<OutlineEntry[]>([]);
  useEffect(() => {
    outlineRef.current = analysis.outline;
  }, [analysis.outline]);

  const workspace = useMemo<Workspace>(
    () => ({
      gatewayId,
      context,
      text,
      publishedText,
      baseVersion: draft.baseVersion,
      apply(mode, incoming) {
        const current = editor.current?.getValue() ?? text;
        const next = mode === "replace" ? incoming : `${current.trimEnd()}${current.trim() ? "\n\n" : ""}${incoming.trim()}\n`;
        if (editor.current) editor.current.setValue(next);
        else setText(next);
        setView("editor");
      },
      revealPolicy(policyId) {
        const entry = outlineRef.current.find((o) => o.id === policyId);
        if (entry) reveal({ startLine: entry.line, startColumn: 1 });
      },
      activePanel: panel,
      showPanel(id) {
        setToolsOpen(true);
        setPanel(id);
      },
    }),
    [gatewayId, context, text, publishedText, draft.baseVersion, reveal, panel],
  );

  async function discard() {
    const reset = await discardDraft(gatewayId);
    markSaved(reset.text, reset.updatedAt, reset.baseVersion);
    setText(reset.text);
  }

  return (
    <WorkspaceContext.Provider value={workspace}>
      <div className="flex h-[calc(100vh-15rem)] min-h-[34rem] overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        {outlineOpen ? (
          <div id="workspace-outline" className="w-52 shrink-0 border-r border-zinc-200 dark:border-zinc-800">
            <PolicyOutline outline={analysis.outline} onSelect={(o) => reveal({ startLine: o.line, startColumn: 1 })} />
          </div>
        ) : null}
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          <div className="flex flex-wrap items-center gap-1 border-b border-zinc-200 px-2 py-1.5 dark:border-zinc-800">
            <Button size="sm" variant="ghost" aria-expanded={outlineOpen} aria-controls="workspace-outline" onClick={() => setOutlinePref(!outlineOpen)} title={outlineOpen ? "Hide the outline" : "Show the outline"}>
              <span aria-hidden>{outlineOpen ? "◧" : "☰"}</span>
              <span className="sr-only">{outlineOpen ? "Hide the outline" : "Show the outline"}</span>
            </Button>
            <TabList label="Workspace view" className="gap-1">
              {(["editor", "schema"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  {...tabProps(`workspace-view-${v}`, view === v, view === v ? `workspace-view-${v}-panel` : undefined)}
                  onClick={() => setView(v)}
                  className={cn("rounded px-2 py-1 text-sm", view === v ? "bg-zinc-200 font-medium dark:bg-zinc-700" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800")}
                >
                  {v === "editor" ? "Policies" : "Schema"}
                </button>
              ))}
            </TabList>
            <div className="ml-auto flex flex-wrap items-center gap-2">
              <SaveStatus state={saveState} matchesPublished={text === publishedText} onRetry={() => void saveNow()} />
              <Button size="sm" onClick={() => void editor.current?.format()} title="Format (Shift+Alt+F; also on Ctrl+S)" disabled={view !== "editor"}>
                Format
              </Button>
              {canEdit.reason ? (
                <span className="text-xs text-muted" title={canEdit.reason}>
                  Read only
                </span>
              ) : null}
              <ConfirmButton
                size="sm"
                variant="ghost"
                disabled={!canEdit.allowed}
                hint={canEdit.reason}
                title="Discard the draft?"
                description="The editor is reset to the published policies. Your edits are lost."
                confirmLabel="Discard draft"
                onConfirm={discard}
              >
                Discard draft
              </ConfirmButton>
              <Button size="sm" variant="primary" onClick={() => void review()}>
                Review &amp; publish
              </Button>
              <Button size="sm" variant="ghost" aria-expanded={toolsOpen} aria-controls="workspace-tools" onClick={() => setToolsOpen((o) => !o)} title={toolsOpen ? "Hide the tools panel" : "Show the tools panel"}>
                <span aria-hidden>{toolsOpen ? "◨" : "⚙"}</span>
                <span className="sr-only">{toolsOpen ? "Hide the tools panel" : "Show the tools panel"}</span>
              </Button>
            </div>
          </div>
          <div id="workspace-view-editor-panel" role="tabpanel" aria-labelledby="workspace-view-editor" className={cn("flex min-h-0 flex-1 flex-col", view === "editor" ? "" : "hidden")}>
            <p id="editor-keys" className="border-b border-zinc-100 px-3 py-0.5 text-[11px] text-muted dark:border-zinc-800">
              Keyboard: <kbd className="font-mono">Esc</kbd> leaves the editor · <kbd className="font-mono">Ctrl+M</kbd> makes <kbd className="font-mono">Tab</kbd> move focus instead of indenting ·{" "}
              <kbd className="font-mono">Ctrl+Space</kbd> completes
            </p>
            <div className="min-h-0 flex-1">
              <CedarEditor
                ref={editor}
                value={text}
                context={context}
                diagnostics={analysis.diagnostics}
                highlights={analysis.dogwood}
                onChange={setText}
                onSave={() => void saveNow()}
                format={format}
                readOnly={!canEdit.allowed}
              />
            </div>
          </div>
          {view === "schema" ? (
            <div id="workspace-view-schema-panel" role="tabpanel" aria-labelledby="workspace-view-schema" className="min-h-0 flex-1">
              <SchemaTab context={context} />
            </div>
          ) : null}
          <ProblemsPanel diagnostics={analysis.diagnostics} notes={analysis.notes} checking={checking} onSelect={reveal} />
        </div>
        {/* Folded, not unmounted: a panel keeps its draft, run or result while hidden. */}
          <aside id="workspace-tools" className={cn("min-h-0 w-[22rem] shrink-0 flex-col border-l border-zinc-200 xl:w-[26rem] dark:border-zinc-800", toolsOpen ? "flex" : "hidden")} aria-label="Workspace tools">
            <TabList label="Workspace tools" className="flex-wrap gap-1 border-b border-zinc-200 px-2 py-1.5 dark:border-zinc-800">
              {panels.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  {...tabProps(`workspace-tab-${p.id}`, panel === p.id, `workspace-panel-${p.id}`)}
                  onClick={() => setPanel(p.id)}
                  className={cn("rounded px-2 py-1 text-sm", panel === p.id ? "bg-indigo-100 font-medium text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800")}
                >
                  {p.label}
                </button>
              ))}
            </TabList>
            {panels.map((p) => (
              <div key={p.id} id={`workspace-panel-${p.id}`} role="tabpanel" aria-labelledby={`workspace-tab-${p.id}`} className={cn("min-h-0 flex-1 overflow-auto", panel === p.id ? "" : "hidden")}>
                {p.node}
              </div>
            ))}
          </aside>
      </div>
    </WorkspaceContext.Provider>
  );
}

const WIDE = "(min-width: 1280px)";
function subscribeWide(onChange: () => void) {
  const query = matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
const isWide = () => matchMedia(WIDE).matches;

function workerFailure(e: unknown): Diagnostic {
  return { severity: "error", message: `Validation could not run: ${(e as Error).message}`, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
}
