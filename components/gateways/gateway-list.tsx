"use client";

import Link from "next/link";
import { Suspense, use, useMemo, useState } from "react";
import { EmptyState } from "@/components/ui/states";
import type { GatewaySummary } from "@/lib/agentcore/types";
import type { GatewayStatus } from "@/lib/workspace/status";
import { EngineModeBadge, StatusBadge } from "./mode-badge";
import { StatusBadges } from "./status-badges";
import { TimeAgo } from "./time-ago";

/** The gateways at once; each one's policy count and draft state stream in after (they need the engines' policies). */
export function GatewayList({ gateways, statuses }: { gateways: GatewaySummary[]; statuses: Promise<Record<string, GatewayStatus>> }) {
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? gateways.filter((g) => g.name.toLowerCase().includes(f) || g.gatewayId.includes(f)) : gateways;
  }, [filter, gateways]);

  if (gateways.length === 0) {
    return (
      <EmptyState title="No gateways yet">
        Create a gateway in AgentCore (or switch to the local workspace) and it will appear here.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <input
        type="search"
        aria-label="Filter gateways by name"
        placeholder="Filter by name…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        className="w-72 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs text-muted uppercase dark:border-zinc-800">
            <tr>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 font-medium">Policy engine</th>
              <th className="px-4 py-2 font-medium">Policies</th>
              <th className="px-4 py-2 font-medium">Targets</th>
              <th className="px-4 py-2 font-medium">Tools</th>
              <th className="px-4 py-2 font-medium">Last updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((g) => (
              <tr key={g.gatewayId} className="border-b border-zinc-100 last:border-0 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50">
                <td className="px-4 py-2.5">
                  <Link href={`/gateways/${g.gatewayId}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {g.name}
                  </Link>
                  <div className="font-mono text-xs text-muted">{g.gatewayId}</div>
                  <div className="max-w-xs truncate font-mono text-xs text-muted" title={g.gatewayArn}>
                    {g.gatewayArn}
                  </div>
                </td>
                <td className="px-4 py-2.5">
                  <StatusBadge status={g.status} />
                </td>
                <td className="px-4 py-2.5">
                  <EngineModeBadge engine={g.policyEngine} />
                  {g.policyEngine ? <div className="mt-0.5 font-mono text-xs text-muted">{g.policyEngine.policyEngineId}</div> : null}
                </td>
                <td className="px-4 py-2.5">
                  <Suspense fallback={<span className="text-xs text-muted">…</span>}>
                    <RowStatus statuses={statuses} gatewayId={g.gatewayId} />
                  </Suspense>
                </td>
                <td className="px-4 py-2.5 tabular-nums">{g.targetCount}</td>
                <td className="px-4 py-2.5 tabular-nums">{g.toolCount}</td>
                <td className="px-4 py-2.5 text-zinc-600 dark:text-zinc-400">
                  <TimeAgo iso={g.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="px-4 py-6 text-center text-sm text-muted">No gateway matches “{filter}”.</p> : null}
      </div>
    </div>
  );
}

function RowStatus({ statuses, gatewayId }: { statuses: Promise<Record<string, GatewayStatus>>; gatewayId: string }) {
  return <StatusBadges status={use(statuses)[gatewayId]} />;
}
