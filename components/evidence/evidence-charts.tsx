"use client";

import dynamic from "next/dynamic";
import { useEffect, useMemo, useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { fetchMetrics } from "@/lib/api-client/evidence";
import type { MetricSeries, MetricsResult, TimeMarker } from "@/lib/evidence/types";
import { ApiError } from "@/lib/api-client/request";
import type { ChartLine } from "./metric-chart";
import { rangeOf, type RangePreset } from "./range-presets";
import { RangeSelect } from "./range-select";

// The chart library is fetched only when a chart is drawn: the gateways list never loads it.
const MetricChart = dynamic(() => import("./metric-chart"), { ssr: false, loading: () => <LoadingState label="Loading chart…" /> });

const COLORS = ["#16a34a", "#dc2626", "#9333ea", "#0284c7", "#d97706", "#db2777"];

interface Chart {
  title: string;
  lines: ChartLine[];
  unit?: string;
}

function chartsOf(m: MetricsResult): Chart[] {
  const pick = (metric: string, stat = "Sum", policy?: string) => m.series.find((s) => s.metric === metric && s.stat === stat && s.dimensions.Policy === policy);
  const line = (label: string, s: MetricSeries | undefined, i: number, xs: string[]): ChartLine => {
    const byTime = new Map(s?.points ?? []);
    return { label, color: COLORS[i % COLORS.length], values: xs.map((x) => byTime.get(x) ?? null) };
  };
  const xs = (pick("AllowDecisions")?.points ?? []).map(([t]) => t);
  const charts: Chart[] = [
    { title: "Allowed vs denied", lines: [line("Allowed", pick("AllowDecisions"), 0, xs), line("Denied", pick("DenyDecisions"), 1, xs), { ...line("Denied: no determining policy", pick("NoDeterminingPolicies"), 2, xs), dashed: true }] },
  ];
  if (pick("MismatchErrors")) charts.push({ title: "Mismatch errors", lines: [line("Requests with a mismatched policy", pick("MismatchErrors"), 3, xs)] });
  const policies = [...new Set(m.series.filter((s) => s.metric === "LogOnlyMatches").map((s) => s.dimensions.Policy))];
  const canaryLines = policies.flatMap((p, i) => {
    const matches = pick("LogOnlyMatches", "Sum", p);
    const flips = pick("LogOnlyDecisionFlips", "Sum", p);
    const any = [matches, flips].some((s) => s?.points.some(([, v]) => v > 0));
    return any ? [line(`${p}: matches`, matches, 2 * i + 3, xs), line(`${p}: decision flips`, flips, 2 * i + 4, xs)] : [];
  });
  charts.push({ title: "LOG_ONLY matches and decision flips per policy", lines: canaryLines });
  if (pick("Latency", "Average")) charts.push({ title: "Latency", unit: "ms", lines: [line("Average", pick("Latency", "Average"), 3, xs), line("p99", pick("Latency", "p99"), 4, xs)] });
  return charts;
}

/** Policy evidence over a chosen range: CloudWatch on AWS, the decision log locally, with audit events marked. */
export function EvidenceCharts({ gatewayId, markers }: { gatewayId: string; markers: TimeMarker[] }) {
  const [preset, setPreset] = useState<RangePreset>("24h");
  const [state, setState] = useState<{ data?: MetricsResult; error?: { code: string; message: string }; loading: boolean }>({ loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    fetchMetrics(gatewayId, rangeOf(preset), ctrl.signal)
      .then((data) => setState({ data, loading: false }))
      .catch((e: unknown) => {
        if ((e as Error).name === "AbortError") return;
        setState({ loading: false, error: e instanceof ApiError ? { code: e.code, message: e.message } : { code: "network", message: String(e) } });
      });
    return () => ctrl.abort();
  }, [gatewayId, preset, attempt]);

  // A new range or a retry shows the loading state until the answer replaces it.
  const reload = (change: () => void) => {
    setState((s) => ({ ...s, loading: true, error: undefined }));
    change();
  };

  const charts = useMemo(() => (state.data ? chartsOf(state.data) : []), [state.data]);
  const xs = useMemo(() => (state.data?.series[0]?.points ?? []).map(([t]) => Date.parse(t) / 1000), [state.data]);
  const inRange = useMemo(() => markers.filter((m) => state.data && m.at >= state.data.from && m.at <= state.data.to), [markers, state.data]);

  return (
    <Card aria-labelledby="evidence-title">
      <CardHeader id="evidence-title" title={`Policy evidence${state.data ? (state.data.source === "cloudwatch" ? " · CloudWatch" : " · local decision log") : ""}`}>
        <RangeSelect label="Time range" value={preset} onChange={(p) => reload(() => setPreset(p))} />
      </CardHeader>
      <div className="space-y-4 p-4">
        {state.error ? <ErrorState error={state.error} onRetry={() => reload(() => setAttempt((n) => n + 1))} /> : null}
        {state.loading && !state.data ? <LoadingState label="Reading metrics…" /> : null}
        {state.data?.empty ? (
          <EmptyState title="No data in this range">No policy decisions were recorded between {new Date(state.data.from).toLocaleString()} and {new Date(state.data.to).toLocaleString()}.</EmptyState>
        ) : null}
        {state.data && !state.data.empty
          ? charts.map((c) =>
              c.lines.length ? (
                <MetricChart key={c.title} title={c.title} xs={xs} lines={c.lines} markers={inRange} unit={c.unit} />
              ) : (
                <p key={c.title} className="text-xs text-muted">
                  {c.title}: no LOG_ONLY policy matched in this range.
                </p>
              ),
            )
          : null}
        {inRange.length ? (
          <p className="text-xs text-muted">
            Dashed lines: <span className="text-amber-600">mode switches</span> and <span className="text-indigo-600">publishes</span> from the audit log ({inRange.length} in range).
          </p>
        ) : null}
        {state.data?.unavailable.length ? <p className="text-xs text-muted">{state.data.unavailable.map((u) => `${u.metric}: ${u.reason}`).join(" ")}</p> : null}
      </div>
    </Card>
  );
}
