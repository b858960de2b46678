"use client";

import { createContext, useContext } from "react";
import type { EditorContext } from "@/lib/workspace/editor-context";

/** What the policy workspace offers to its side panels (drafting, simulation, publishing). */
export interface Workspace {
  gatewayId: string;
  context: EditorContext;
  /** The editor's current text, unsaved edits included. */
  text: string;
  publishedText: string;
  baseVersion: string;
  /** Puts text into the editor as one undoable edit: appended, or replacing everything. */
  apply(mode: "insert" | "replace", text: string): void;
  /** Moves the cursor to a policy by its id (`@id` annotation or `policyN`). */
  revealPolicy(policyId: string): void;
  /** The side panel in front, and how to bring another to the front by its id ("simulate", "impact", …), unfolding the panel column. */
  activePanel: string;
  showPanel(panelId: string): void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error("useWorkspace must be used inside the policy workspace");
  return ws;
}
