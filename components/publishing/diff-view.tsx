"use client";

import { ReadOnlyDiff } from "@/components/policy-editor/read-only-diff";

/** Published (left) vs draft (right), read-only. */
export function DiffView({ original, modified, label }: { original: string; modified: string; label: string }) {
  return <ReadOnlyDiff original={original} modified={modified} label={label} testId="publish-diff" className="h-[420px]" />;
}
