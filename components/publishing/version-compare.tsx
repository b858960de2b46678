"use client";

import { useEffect, useState } from "react";
import { ReadOnlyDiff } from "@/components/policy-editor/read-only-diff";
import { Card, CardHeader } from "@/components/ui/card";
import { LoadingState } from "@/components/ui/states";
import { getVersion } from "@/lib/api-client/publishing";
import type { VersionSummary } from "@/lib/store/history";

const select = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Any two published versions side by side: the one before on the left. */
export function VersionCompare({ gatewayId, versions }: { gatewayId: string; versions: VersionSummary[] }) {
  const [from, setFrom] = useState(versions[1]?.version ?? 0);
  const [to, setTo] = useState(versions[0]?.version ?? 0);
  const [texts, setTexts] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    for (const v of [from, to]) {
      if (texts[v] !== undefined) continue;
      getVersion(gatewayId, v).then(
        (r) => live && setTexts((t) => ({ ...t, [v]: r.text })),
        (e: Error) => live && setError(`Version ${v} could not be read: ${e.message}`),
      );
    }
    return () => {
      live = false;
    };
  }, [gatewayId, from, to, texts]);

  const choose = (label: string, value: number, onChange: (v: number) => void) => (
    <label className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
      {label}
      <select aria-label={`Compare ${label.toLowerCase()}`} className={select} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version} — {v.message.slice(0, 60)}
          </option>
        ))}
      </select>
    </label>
  );
  const ready = texts[from] !== undefined && texts[to] !== undefined;
  return (
    <Card aria-labelledby="compare-title">
      <CardHeader id="compare-title" title="Compare two versions">
        <div className="flex flex-wrap items-center gap-2">
          {choose("From", from, setFrom)}
          {choose("To", to, setTo)}
        </div>
      </CardHeader>
      <div className="p-4">
        {error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : ready ? (
          <ReadOnlyDiff original={texts[from]} modified={texts[to]} label={`Version ${from} → version ${to}`} testId="version-diff" className="h-[360px]" />
        ) : (
          <LoadingState label="Loading both versions…" />
        )}
      </div>
    </Card>
  );
}
