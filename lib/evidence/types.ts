/**
 * Evidence from real traffic, as plain data shared by the server, the API and the UI: metric series
 * (one shape whether they come from CloudWatch or from the local decision log) and span imports.
 */

export type MetricStatistic = "Sum" | "Average" | "p99";

/** One time series: `points` are `[ISO-8601 bucket start, value]`, oldest first. */
export interface MetricSeries {
  metric: string;
  stat: MetricStatistic;
  /** `TargetResource` is the gateway id; per-policy series add `Policy` (the policy's name). */
  dimensions: Record<string, string>;
  points: Array<[string, number]>;
}

export interface MetricsResult {
  source: "cloudwatch" | "decision-log";
  from: string;
  to: string;
  /** Seconds per point. */
  period: number;
  series: MetricSeries[];
  /** No datapoint in the range at all (every count is zero): say so rather than draw flat lines. */
  empty: boolean;
  /** Metrics this source cannot provide, and why (the local decision log records no latency). */
  unavailable: Array<{ metric: string; reason: string }>;
}

export interface TimeRange {
  from: Date;
  to: Date;
  period: number;
}

export type ImportStatus = "running" | "complete" | "cancelled" | "failed";

export interface ImportProgress {
  /** 0..1: how far through the time range the import has read. */
  fraction: number;
  /** Logs Insights queries run so far (one per window of at most 10,000 spans). */
  queries: number;
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

export interface ImportJob {
  jobId: string;
  gatewayId: string;
  from: string;
  to: string;
  status: ImportStatus;
  progress: ImportProgress;
  /** Spans read from the log group. */
  read: number;
  /** New recorded calls stored (spans already imported are not counted again). */
  imported: number;
  duplicates: number;
  /** Calls stored without a field re-evaluation needs, by reason ("no arguments in the span": 12). */
  incomplete: Record<string, number>;
  /** Spans that were not a policy decision the console can read. */
  unreadable: number;
  error?: { code: string; message: string };
  startedAt: string;
  finishedAt?: string;
}

/** An audit-log event (a mode switch, a publish) drawn on a chart's time axis. */
export interface TimeMarker {
  at: string;
  kind: "mode-switch" | "publish";
  label: string;
}
