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
  /** Opens one of the side panels by its id ("simulate", "matrix", …), unfolding the panel column. */
  showPanel(id: string): void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error("useWorkspace must be used inside the policy workspace");
  return ws;
}
