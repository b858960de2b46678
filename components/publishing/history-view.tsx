"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { TimeAgo } from "@/components/gateways/time-ago";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { count } from "@/components/ui/count";
import { EmptyState } from "@/components/ui/states";
import { useCan } from "@/components/team/viewer-context";
import { getVersion, restoreVersion } from "@/lib/api-client/publishing";
import type { AuditEntry, VersionSummary } from "@/lib/store/history";
import { VersionCompare } from "./version-compare";

const RESULT_TONE = { success: "green", failure: "red", partial: "amber" } as const;

/** Published versions with one-click rollback (through the review), and the audit log. */
export function HistoryView({ gatewayId, versions, audit }: { gatewayId: string; versions: VersionSummary[]; audit: AuditEntry[] }) {
  const router = useRouter();
  const [open, setOpen] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canRollBack = useCan("publisher", "rolling back");

  async function view(version: number) {
    if (open[version] !== undefined) return setOpen(({ [version]: _, ...rest }) => rest);
    try {
      const v = await getVersion(gatewayId, version);
      setOpen((o) => ({ ...o, [version]: v.text }));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function rollback(version: number) {
    setBusy(version);
    setError(null);
    try {
      const r = await restoreVersion(gatewayId, version);
      router.push(r.reviewUrl);
    } catch (e) {
      setError((e as Error).message);
      setBusy(null);
    }
  }

  return (
    <div className="space-y-4">
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <Card aria-labelledby="versions-title">
        <CardHeader id="versions-title" title="Published versions" />
        {versions.length === 0 ? (
          <div className="p-4">
            <EmptyState title="Nothing published from the console yet">The first publish also records the set that was live before it, so you can always roll back to it.</EmptyState>
          </div>
        ) : (
          <ol aria-label="Versions" className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {versions.map((v, i) => (
              <li key={v.version} aria-label={`Version ${v.version}`} className="space-y-2 px-4 py-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold">Version {v.version}</span>
                  {i === 0 ? <Badge tone="green">latest</Badge> : null}
                  <span className="min-w-0 flex-1 break-words">{v.message}</span>
                  <span className="text-muted">
                    {v.author} · <TimeAgo iso={v.createdAt} absolute /> · {count(v.policyCount, "policy", "policies")}
                  </span>
                  <Button size="sm" variant="ghost" onClick={() => void view(v.version)} aria-expanded={open[v.version] !== undefined}>
                    {open[v.version] !== undefined ? "Hide set" : "View set"}
                  </Button>
                  {i > 0 ? (
                    <Button size="sm" disabled={busy !== null || !canRollBack.allowed} title={canRollBack.reason} onClick={() => void rollback(v.version)}>
                      {busy === v.version ? "Opening review…" : "Roll back to this version"}
                    </Button>
                  ) : null}
                </div>
                {open[v.version] !== undefined ? <pre className="max-h-80 overflow-auto rounded whitespace-pre-wrap break-all bg-zinc-50 p-2 text-xs dark:bg-zinc-950">{open[v.version] || "(no policies)"}</pre> : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
      {versions.length >= 2 ? <VersionCompare gatewayId={gatewayId} versions={versions} /> : null}
      <Card aria-labelledby="audit-title">
        <CardHeader id="audit-title" title="Audit log" />
        {audit.length === 0 ? (
          <div className="p-4">
            <EmptyState title="No publishes, rollbacks or mode switches yet" />
          </div>
        ) : (
          <div className="overflow-x-auto">
          <table aria-label="Audit log" className="w-full text-left text-sm">
            <thead className="text-xs text-muted">
              <tr>
                <th className="px-4 py-2 font-medium">When</th>
                <th className="px-4 py-2 font-medium">Who</th>
                <th className="px-4 py-2 font-medium">What</th>
                <th className="px-4 py-2 font-medium">Result</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {audit.map((a) => (
                <tr key={a.id}>
                  <td className="px-4 py-2 whitespace-nowrap text-muted">
                    <TimeAgo iso={a.at} absolute />
                  </td>
                  <td className="px-4 py-2">{a.actor}</td>
                  <td className="px-4 py-2">
                    <span className="mr-2 font-mono text-xs text-muted">{a.action}</span>
                    {a.summary}
                  </td>
                  <td className="px-4 py-2">
                    <Badge tone={RESULT_TONE[a.result]}>{a.result}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </Card>
    </div>
  );
}
