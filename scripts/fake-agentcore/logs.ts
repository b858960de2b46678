/**
 * CloudWatch Logs Insights over the spans Transaction Search writes to `aws/spans`, as
 * @aws-sdk/client-cloudwatch-logs 3.x sends it: awsJson1_1 (`X-Amz-Target: Logs_20140328.<Op>`),
 * camelCase members, times in epoch seconds. `StartQuery` answers a queryId; `GetQueryResults` moves
 * a query Scheduled → Running → Complete over successive polls, with statistics; `StopQuery` cancels.
 * The query language is the subset the console writes: `fields`, `filter` with `=` / `in` joined by
 * `and`, `sort @timestamp asc|desc` and `limit` (at most 10,000 rows, as the service caps).
 */
import { randomBytes } from "node:crypto";
import type { FakeCall } from "./traffic";

export const SPANS_LOG_GROUP = "aws/spans";
const MAX_ROWS = 10_000;
const KEEP_QUERIES = 20;

export class LogsError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Query {
  status: "Scheduled" | "Running" | "Complete" | "Cancelled";
  polls: number;
  rows: Array<Array<{ field: string; value: string }>>;
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

/** The span Transaction Search records for one policy evaluation (OpenTelemetry JSON, as in `aws/spans`). */
export function spanOf(c: FakeCall) {
  const reason =
    c.decision === "ALLOW"
      ? `Policy evaluation allowed due to ${c.determining.join(", ")}`
      : c.determining.length
        ? `Policy evaluation denied due to ${c.determining.join(", ")}`
        : "Policy evaluation denied due to no determining policies";
  const start = BigInt(c.at) * 1_000_000n;
  return {
    resource: { attributes: { "aws.service.type": "gateway", "cloud.resource_id": c.gatewayArn, "cloud.platform": "aws_bedrock_agentcore" } },
    scope: { name: "bedrock-agentcore.gateway" },
    traceId: c.traceId,
    spanId: c.spanId,
    parentSpanId: c.traceId.slice(0, 16),
    flags: 256,
    name: "AgentCore.Policy.AuthorizeAction",
    kind: "INTERNAL",
    startTimeUnixNano: Number(start),
    endTimeUnixNano: Number(start + BigInt(c.latencyMs) * 1_000_000n),
    durationNano: c.latencyMs * 1_000_000,
    attributes: {
      "aws.resource.arn": c.gatewayArn,
      "aws.agentcore.gateway.policy.mode": c.mode,
      "aws.agentcore.policy.engine.id": c.policyEngineId,
      "aws.agentcore.policy.authorization_decision": c.decision,
      "aws.agentcore.policy.authorization_reason": reason,
      "aws.agentcore.policy.determining_policies": c.determining,
      "aws.agentcore.policy.mismatched_policies": c.mismatched,
      "aws.agentcore.policy.log_only_matched_policies": c.logOnlyMatched,
      "aws.agentcore.policy.log_only_decision_flipping_policies": c.flips,
      "aws.agentcore.policy.types": ["Cedar"],
      "aws.agentcore.policy.principal.type": "AgentCore::OAuthUser",
      "aws.agentcore.policy.principal.id": c.principal.sub,
      "aws.agentcore.policy.principal.tags": c.principal.claims,
      "gen_ai.tool.name": c.tool,
      ...(c.withArguments ? { "gen_ai.tool.call.arguments": JSON.stringify(c.arguments) } : {}),
    },
    status: { code: "UNSET" },
  };
}

type Span = ReturnType<typeof spanOf>;

/** A span's field as Logs Insights discovers it from JSON (`attributes.aws.resource.arn`). */
function field(span: Span, name: string): unknown {
  if (name === "name" || name === "traceId" || name === "spanId" || name === "kind") return span[name];
  if (name.startsWith("attributes.")) return (span.attributes as Record<string, unknown>)[name.slice("attributes.".length)];
  if (name.startsWith("resource.attributes.")) return (span.resource.attributes as Record<string, unknown>)[name.slice("resource.attributes.".length)];
  return undefined;
}

interface Parsed {
  fields: string[];
  filters: Array<{ field: string; values: string[] }>;
  descending: boolean;
  limit: number;
}

const FIELD = String.raw`(?:\x60([^\x60]+)\x60|([@A-Za-z_][\w.@]*))`;
const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;

function parse(query: string): Parsed {
  const out: Parsed = { fields: [], filters: [], descending: false, limit: MAX_ROWS };
  for (const raw of query.split("|").map((s) => s.trim()).filter(Boolean)) {
    const [command, ...rest] = raw.split(/\s+/);
    const arg = rest.join(" ");
    if (command === "fields") out.fields.push(...arg.split(",").map((f) => f.trim().replace(/^`|`$/g, "")));
    else if (command === "sort") {
      const m = /^@timestamp\s+(asc|desc)$/.exec(arg);
      if (!m) throw malformed(raw);
      out.descending = m[1] === "desc";
    } else if (command === "limit") {
      const n = Number(arg);
      if (!Number.isInteger(n) || n < 1 || n > MAX_ROWS) throw malformed(raw);
      out.limit = n;
    } else if (command === "filter") {
      for (const clause of arg.split(/\s+and\s+/)) {
        const eq = new RegExp(`^${FIELD}\\s*=\\s*${STRING}$`).exec(clause.trim());
        const inList = new RegExp(`^${FIELD}\\s+in\\s+\\[(.*)\\]$`).exec(clause.trim());
        if (eq) out.filters.push({ field: eq[1] ?? eq[2], values: [JSON.parse(`"${eq[3]}"`)] });
        else if (inList) out.filters.push({ field: inList[1] ?? inList[2], values: JSON.parse(`[${inList[3]}]`) as string[] });
        else throw malformed(raw);
      }
    } else throw malformed(raw);
  }
  return out;
}

function malformed(part: string) {
  return new LogsError("MalformedQueryException", 400, `The query could not be parsed near: ${part.slice(0, 80)}`);
}

const insightsTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

export function createLogsInsights(options: { calls: () => FakeCall[]; transactionSearch: () => boolean; pollsToComplete: () => number }) {
  const queries = new Map<string, Query>();

  function startQuery(body: Record<string, unknown>) {
    const groups = [body.logGroupName, ...((body.logGroupNames as string[] | undefined) ?? []), ...((body.logGroupIdentifiers as string[] | undefined) ?? [])].filter((g): g is string => typeof g === "string");
    if (groups.length === 0) throw new LogsError("InvalidParameterException", 400, "One of logGroupName, logGroupNames or logGroupIdentifiers is required.");
    for (const g of groups) {
      if (g !== SPANS_LOG_GROUP || !options.transactionSearch()) throw new LogsError("ResourceNotFoundException", 400, `The specified log group does not exist: ${g}`);
    }
    const start = Number(body.startTime) * 1000;
    const end = Number(body.endTime) * 1000 + 999;
    if (!Number.isFinite(start) || !Number.isFinite(end) || start > end) throw new LogsError("InvalidParameterException", 400, "endTime must be greater than or equal to startTime.");
    if (typeof body.queryString !== "string" || !body.queryString.trim()) throw new LogsError("InvalidParameterException", 400, "queryString is required.");
    const q = parse(body.queryString);
    const limit = Math.min(q.limit, Number(body.limit ?? MAX_ROWS) || MAX_ROWS);
    if (limit > MAX_ROWS) throw new LogsError("InvalidParameterException", 400, `limit must be at most ${MAX_ROWS}.`);
    const inRange = options.calls().filter((c) => c.at >= start && c.at <= end);
    const spans = inRange.map(spanOf);
    const matched = spans.filter((s) => q.filters.every((f) => f.values.includes(String(field(s, f.field)))));
    if (q.descending) matched.reverse();
    const fields = q.fields.length ? q.fields : ["@timestamp", "@message"];
    const rows = matched.slice(0, limit).map((s) => {
      const message = JSON.stringify(s);
      return fields.map((f) => ({ field: f, value: f === "@timestamp" ? insightsTime(Math.floor(s.startTimeUnixNano / 1e6)) : f === "@message" ? message : f === "@ptr" ? randomBytes(12).toString("base64") : String(field(s, f) ?? "") }));
    });
    const sample = rows[0]?.find((f) => f.field === "@message")?.value.length ?? 2000;
    const queryId = `${randomBytes(4).toString("hex")}-${randomBytes(2).toString("hex")}-${randomBytes(2).toString("hex")}-${randomBytes(6).toString("hex")}`;
    // Each trace also holds the gateway's own request and tool spans, which the query scans but does not match.
    queries.set(queryId, { status: "Scheduled", polls: 0, rows, statistics: { recordsMatched: matched.length, recordsScanned: spans.length * 3, bytesScanned: sample * spans.length * 3 } });
    // Results are kept for the latest queries only, so a long benchmark does not hold every page.
    for (const old of [...queries.keys()].slice(0, Math.max(0, queries.size - KEEP_QUERIES))) queries.delete(old);
    return { queryId };
  }

  function getQueryResults(body: Record<string, unknown>) {
    const q = queries.get(String(body.queryId ?? ""));
    if (!q) throw new LogsError("ResourceNotFoundException", 400, `Query ${String(body.queryId)} does not exist.`);
    if (q.status === "Scheduled" || q.status === "Running") {
      q.polls++;
      q.status = q.polls >= options.pollsToComplete() ? "Complete" : q.polls === 1 ? "Scheduled" : "Running";
    }
    const share = q.status === "Complete" ? 1 : q.status === "Running" ? q.polls / options.pollsToComplete() : 0;
    const statistics = {
      recordsMatched: Math.floor(q.statistics.recordsMatched * share),
      recordsScanned: Math.floor(q.statistics.recordsScanned * share),
      bytesScanned: Math.floor(q.statistics.bytesScanned * share),
    };
    return { status: q.status, results: q.status === "Complete" ? q.rows : [], statistics };
  }

  function stopQuery(body: Record<string, unknown>) {
    const q = queries.get(String(body.queryId ?? ""));
    if (!q) throw new LogsError("ResourceNotFoundException", 400, `Query ${String(body.queryId)} does not exist.`);
    if (q.status !== "Scheduled" && q.status !== "Running") return { success: false };
    q.status = "Cancelled";
    return { success: true };
  }

  return { startQuery, getQueryResults, stopQuery, reset: () => queries.clear() };
}
