"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { saveDraft } from "@/lib/api-client/drafts";

export type SaveState = { kind: "saved"; at: string } | { kind: "saving" } | { kind: "dirty" } | { kind: "failed"; message: string };

const backupKey = (gatewayId: string) => `policy-studio:draft:${gatewayId}`;

/**
 * Saves the draft a moment after typing stops, with the published version it was written against
 * (so a publish by someone else meanwhile is a conflict, never a silent re-base). Every keystroke is
 * also mirrored to localStorage, so a failed save or a closed tab loses nothing: the backup is
 * restored on the next load if it is newer.
 */
export function useAutosave(gatewayId: string, text: string, savedAt: string | null, baseVersion: string, delayMs = 700) {
  const [state, setState] = useState<SaveState>(savedAt ? { kind: "saved", at: savedAt } : { kind: "saved", at: "" });
  const lastSaved = useRef<string | null>(null);
  const base = useRef(baseVersion);
  useEffect(() => {
    base.current = baseVersion;
  }, [baseVersion]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const save = useCallback(
    async (value: string) => {
      setState({ kind: "saving" });
      try {
        const draft = await saveDraft(gatewayId, value, base.current);
        lastSaved.current = value;
        localStorage.removeItem(backupKey(gatewayId));
        setState({ kind: "saved", at: draft.updatedAt });
        return true;
      } catch (e) {
        setState({ kind: "failed", message: (e as Error).message });
        return false;
      }
    },
    [gatewayId],
  );

  useEffect(() => {
    if (lastSaved.current === null) {
      lastSaved.current = text; // the loaded text is already stored
      return;
    }
    if (text === lastSaved.current) return;
    localStorage.setItem(backupKey(gatewayId), JSON.stringify({ text, at: new Date().toISOString() }));
    setState({ kind: "dirty" });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(text), delayMs);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [text, gatewayId, save, delayMs]);

  const saveNow = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    return save(text);
  }, [save, text]);

  /** Forgets what was saved so the next text counts as loaded (after discard or rebase). */
  const markSaved = useCallback((value: string, at: string, baseVersion: string) => {
    lastSaved.current = value;
    base.current = baseVersion;
    localStorage.removeItem(backupKey(gatewayId));
    setState({ kind: "saved", at });
  }, [gatewayId]);

  return { state, saveNow, markSaved };
}

/** A backup newer than the stored draft, left by a failed save or a closed tab. */
export function readBackup(gatewayId: string, savedAt: string | null): string | null {
  try {
    const raw = localStorage.getItem(backupKey(gatewayId));
    if (!raw) return null;
    const backup = JSON.parse(raw) as { text: string; at: string };
    return !savedAt || backup.at > savedAt ? backup.text : null;
  } catch {
    return null;
  }
}
