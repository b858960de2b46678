import "server-only";
import { GetQueryResultsCommand, StartQueryCommand, StopQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import type { NewImportedCall } from "@/lib/store/imported-calls";
import type { EvidenceClients } from "./aws-clients";
import { mapCloudWatchError } from "./aws-errors";
import type { PolicyRef } from "./cloudwatch-metrics";
import { callFromSpan, spansQuery } from "./span-call";
import type { ImportJob } from "./types";

/**
 * Reads a gateway's policy spans for a range with Logs Insights and stores them as recorded calls.
 * A query returns at most 10,000 rows, so the range is read oldest first in windows: when a window
 * comes back full, the next one starts at the second of its last span (spans read twice at that
 * boundary are recognised by their span id). Progress is reported after every poll; aborting the
 * signal stops the running query with StopQuery and keeps what was already stored.
 */

export const SPANS_LOG_GROUP = "aws/spans";
export const MAX_ROWS = 10_000;

export interface SpanImportDeps {
  clients: EvidenceClients;
  store: (rows: NewImportedCall[]) => Promise<number>;
  logGroup?: string;
  pollMs?: number;
  /** Rows per query (10,000, the service's cap; smaller in tests to exercise windows). */
  rowsPerQuery?: number;
  signal?: AbortSignal;
  onProgress?: (job: ImportTally) => void;
  /** Called once the first query is accepted: the range is readable (log group, permissions) from here on. */
  onStarted?: () => void;
}

export type ImportTally = Pick<ImportJob, "progress" | "read" | "imported" | "duplicates" | "incomplete" | "unreadable">;

export class ImportCancelled extends Error {}

export async function importSpans(deps: SpanImportDeps, gateway: { gatewayId: string; gatewayArn: string }, policies: PolicyRef[], range: { from: Date; to: Date }): Promise<ImportTally> {
  const logGroup = deps.logGroup ?? SPANS_LOG_GROUP;
  const rows = Math.min(MAX_ROWS, deps.rowsPerQuery ?? MAX_ROWS);
  const nameOf = new Map(policies.map((p) => [p.policyId, p.name]));
  const names = (ids: string[]) => ids.map((id) => nameOf.get(id) ?? id);
  const tally: ImportTally = { progress: { fraction: 0, queries: 0, recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 }, read: 0, imported: 0, duplicates: 0, incomplete: {}, unreadable: 0 };
  const seen = new Set<string>();
  const fail = (permission: string) => (e: unknown) => {
    throw mapCloudWatchError(e, { permission, endpointHost: deps.clients.logsHost, logGroup, region: deps.clients.region });
  };
  const fromSec = Math.floor(range.from.getTime() / 1000);
  const endSec = Math.ceil(range.to.getTime() / 1000);
  const done = { matched: 0, scanned: 0, bytes: 0 };
  let cursor = fromSec;

  for (;;) {
    if (deps.signal?.aborted) throw new ImportCancelled();
    const { queryId } = await deps.clients.logs
      .send(new StartQueryCommand({ logGroupName: logGroup, startTime: cursor, endTime: endSec, queryString: spansQuery(gateway.gatewayArn, rows), limit: rows }))
      .catch(fail("logs:StartQuery"));
    if (tally.progress.queries++ === 0) deps.onStarted?.();
    let status = "Scheduled";
    let polls = 0;
    let results: Array<Array<{ field?: string; value?: string }>> = [];
    while (status === "Scheduled" || status === "Running" || status === "Unknown") {
      if (deps.signal?.aborted) {
        await deps.clients.logs.send(new StopQueryCommand({ queryId })).catch(() => undefined);
        throw new ImportCancelled();
      }
      // Short first polls answer small ranges quickly; then once a second, well within Logs' request quota.
      await sleep(deps.pollMs ?? Math.min(1000, 250 * 2 ** polls++), deps.signal);
      const r = await deps.clients.logs.send(new GetQueryResultsCommand({ queryId })).catch(fail("logs:GetQueryResults"));
      status = r.status ?? "Unknown";
      results = r.results ?? [];
      tally.progress.recordsMatched = done.matched + (r.statistics?.recordsMatched ?? 0);
      tally.progress.recordsScanned = done.scanned + (r.statistics?.recordsScanned ?? 0);
      tally.progress.bytesScanned = done.bytes + (r.statistics?.bytesScanned ?? 0);
      deps.onProgress?.(tally);
    }
    if (status === "Cancelled") throw new ImportCancelled();
    if (status !== "Complete") {
      throw mapCloudWatchError(Object.assign(new Error(`The Logs Insights query ended ${status}`), { name: status === "Timeout" ? "QueryTimeout" : "QueryFailed" }), {
        permission: "logs:GetQueryResults",
        endpointHost: deps.clients.logsHost,
        region: deps.clients.region,
      });
    }
    done.matched = tally.progress.recordsMatched;
    done.scanned = tally.progress.recordsScanned;
    done.bytes = tally.progress.bytesScanned;

    const batch: NewImportedCall[] = [];
    let lastMs = cursor * 1000;
    for (const row of results) {
      const message = row.find((f) => f.field === "@message")?.value ?? "";
      const call = callFromSpan(message);
      if (!call) {
        tally.unreadable++;
        continue;
      }
      lastMs = Math.max(lastMs, call.at.getTime());
      const key = `${call.traceId}/${call.spanId}`;
      if (seen.has(key) || call.at < range.from || call.at > range.to) continue;
      seen.add(key);
      tally.read++;
      for (const reason of call.missing) tally.incomplete[reason] = (tally.incomplete[reason] ?? 0) + 1;
      batch.push({
        gatewayId: gateway.gatewayId,
        source: "span",
        traceId: call.traceId,
        spanId: call.spanId,
        at: call.at,
        tool: call.tool,
        principal: call.principal,
        arguments: call.arguments,
        decision: call.decision,
        determiningPolicies: names(call.determiningPolicies),
        logOnlyMatched: names(call.logOnlyMatched),
        flips: names(call.flips),
        mode: call.mode,
        missing: call.missing,
      });
    }
    const inserted = await deps.store(batch);
    tally.imported += inserted;
    tally.duplicates += batch.length - inserted;
    const full = results.length >= rows;
    // A full window that did not move past its first second holds more than `rows` spans in one second; step over it.
    cursor = full ? Math.max(cursor + 1, Math.floor(lastMs / 1000)) : endSec + 1;
    tally.progress.fraction = Math.min(1, (cursor - fromSec) / Math.max(1, endSec - fromSec));
    deps.onProgress?.(tally);
    if (!full || cursor > endSec) return tally;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}
