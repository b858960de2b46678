"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { listDecisions, saveDecisionAsTestCase } from "@/lib/api-client/gateways";
import { listTestCases } from "@/lib/api-client/simulation";
import { ApiError } from "@/lib/api-client/request";
import type { DecisionEntry } from "@/lib/store/decisions";
import type { SuiteChoice } from "./add-to-suite-dialog";
import { DecisionRow, type AddState } from "./decision-row";
import type { Decision } from "@/lib/cedar/cedar-api";

export interface DecisionFilters {
  decision: "" | Decision;
  tool: string;
  persona: string;
  /** One policy session's calls (set from a row's session link). */
  session: string;
  q: string;
}

const EMPTY: DecisionFilters = { decision: "", tool: "", persona: "", session: "", q: "" };
const PAGE = 200;
/** How often the log re-reads itself while the page is visible and live is on. */
const POLL_MS = 5_000;

/** The gateway's recorded calls, filterable, refreshable, each one a click away from a test case. */
export function DecisionLog({
  gatewayId,
  initial,
  tools,
  personas,
}: {
  gatewayId: string;
  initial: DecisionEntry[];
  tools: string[];
  personas: string[];
}) {
  const [filters, setFilters] = useState<DecisionFilters>(EMPTY);
  const [entries, setEntries] = useState(initial);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [adds, setAdds] = useState<Record<number, AddState>>({});
  const abort = useRef<AbortController | null>(null);
  const first = useRef(true);

  const [live, setLive] = useState(true);
  const refresh = useCallback(
    async (f: DecisionFilters, quiet = false) => {
      abort.current?.abort();
      const ctrl = new AbortController();
      abort.current = ctrl;
      if (!quiet) setLoading(true);
      try {
        const data = await listDecisions(gatewayId, { ...f, limit: PAGE }, ctrl.signal);
        setEntries(data.decisions);
        setError(null);
      } catch (e) {
        if ((e as Error).name === "AbortError") return;
        setError(e instanceof ApiError ? { code: e.code, message: e.message } : { code: "error", message: String(e) });
      } finally {
        if (abort.current === ctrl) setLoading(false);
      }
    },
    [gatewayId],
  );

  // Filters apply as they change; typing in the search box waits for a pause.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(() => void refresh(filters), filters.q ? 250 : 0);
    return () => clearTimeout(t);
  }, [filters, refresh]);

  // New calls appear by themselves; a hidden tab does not poll.
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => {
      if (!document.hidden) void refresh(filters, true);
    }, POLL_MS);
    return () => clearInterval(t);
  }, [live, filters, refresh]);

  // A failure is thrown to the dialog, which shows it and stays open.
  async function addToSuite(entry: DecisionEntry, choice: SuiteChoice) {
    const { testCase } = await saveDecisionAsTestCase(gatewayId, entry.id, choice);
    setAdds((a) => ({ ...a, [entry.id]: { kind: "added", suite: testCase.suite, testCaseId: testCase.id, name: testCase.name } }));
  }
  const loadSuites = useCallback(async () => (await listTestCases(gatewayId)).suites, [gatewayId]);

  const set = (patch: Partial<DecisionFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const select = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Card aria-labelledby="decision-log-title">
      <CardHeader id="decision-log-title" title="Decision log">
        <div className="flex items-center gap-2">
          <Button size="sm" variant="ghost" aria-pressed={live} onClick={() => setLive((l) => !l)} title={`Re-reads the log every ${POLL_MS / 1000} s while this tab is visible`}>
            {live ? "● Live" : "Paused"}
          </Button>
          <Button size="sm" onClick={() => void refresh(filters)} disabled={loading}>
            {loading ? "Refreshing…" : "Refresh"}
          </Button>
        </div>
      </CardHeader>
      <div role="search" className="flex flex-wrap items-end gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <label className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          Decision
          <select aria-label="Decision" className={select} value={filters.decision} onChange={(e) => set({ decision: e.target.value as DecisionFilters["decision"] })}>
            <option value="">All</option>
            <option value="ALLOW">ALLOW</option>
            <option value="DENY">DENY</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          Tool
          <select aria-label="Tool" className={select} value={filters.tool} onChange={(e) => set({ tool: e.target.value })}>
            <option value="">All tools</option>
            {tools.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          Persona
          <select aria-label="Persona" className={select} value={filters.persona} onChange={(e) => set({ persona: e.target.value })}>
            <option value="">All personas</option>
            {personas.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-1 flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          Search
          <input
            type="search"
            className={`${select} min-w-48`}
            placeholder="Arguments, principal, policy…"
            value={filters.q}
            onChange={(e) => set({ q: e.target.value })}
            aria-label="Search recorded calls"
          />
        </label>
        {filters.session ? (
          <span className="flex items-center gap-1 text-xs" data-testid="session-filter">
            Session <span className="font-mono">{filters.session}</span>
            <Button size="sm" variant="ghost" aria-label="Show every session" onClick={() => set({ session: "" })}>
              ✕
            </Button>
          </span>
        ) : null}
        {filtered ? (
          <Button size="sm" variant="ghost" onClick={() => setFilters(EMPTY)}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <div className="p-4">
        {error ? <ErrorState error={error} onRetry={() => void refresh(filters)} /> : null}
        {!error && entries.length === 0 ? (
          <EmptyState title={filtered ? "No recorded call matches these filters" : "No calls recorded yet"}>
            {filtered ? "Clear a filter or search for something else." : "Calls made through the local gateway (see Connect) appear here."}
          </EmptyState>
        ) : null}
        {entries.length > 0 ? (
          // relative: the header's sr-only label is positioned, and would otherwise widen the page instead of this box.
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Recorded calls">
              <thead className="border-b border-zinc-200 text-xs text-muted dark:border-zinc-800">
                <tr>
                  <th className="py-2 pr-3 font-medium">Time</th>
                  <th className="py-2 pr-3 font-medium">Persona / principal</th>
                  <th className="py-2 pr-3 font-medium">Tool</th>
                  <th className="py-2 pr-3 font-medium">Arguments</th>
                  <th className="py-2 pr-3 font-medium">Decision</th>
                  <th className="py-2 pr-3 font-medium">Determining</th>
                  <th className="py-2 pr-3 font-medium">LOG_ONLY / flips</th>
                  <th className="py-2 pr-3 font-medium">Gateway mode</th>
                  <th className="py-2 pr-3 font-medium">Outcome</th>
                  <th className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <DecisionRow key={e.id} entry={e} add={adds[e.id] ?? { kind: "idle" }} onAdd={(choice) => addToSuite(e, choice)} loadSuites={loadSuites} onSession={(session) => set({ session })} />
                ))}
              </tbody>
            </table>
            {entries.length >= PAGE ? <p className="mt-2 text-xs text-muted">Showing the newest {PAGE}; narrow the filters to see older calls.</p> : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
