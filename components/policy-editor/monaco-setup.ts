"use client";

import { loader } from "@monaco-editor/react";
import type * as Monaco from "monaco-editor";
import { registerCedarLanguage } from "./cedar-language";

let ready: Promise<typeof Monaco> | undefined;

/**
 * Loads Monaco from our own bundle (never a CDN) with its workers served by us, then registers Cedar.
 * Idempotent: every editor on the page awaits the same promise.
 */
export function setupMonaco(): Promise<typeof Monaco> {
  ready ??= (async () => {
    self.MonacoEnvironment = {
      getWorker(_workerId: string, label: string) {
        if (label === "json") {
          return new Worker(new URL("monaco-editor/esm/vs/language/json/json.worker.js", import.meta.url), { type: "module" });
        }
        return new Worker(new URL("monaco-editor/esm/vs/editor/editor.worker.js", import.meta.url), { type: "module" });
      },
    };
    const monaco = await import("monaco-editor");
    loader.config({ monaco });
    registerCedarLanguage(monaco);
    return monaco;
  })();
  return ready;
}
