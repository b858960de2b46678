/**
 * A fake AgentCore control plane: the REST-JSON routes of the commands the console uses, as the SDK
 * serialises them (read from @aws-sdk/client-bedrock-agentcore-control's schemas), with pagination,
 * asynchronous statuses, errors the SDK recognises (`x-amzn-errortype`) and fault injection on
 * `/__fake/*`. Binds 127.0.0.1 only. Used by contract tests, Playwright and for trying the AWS path.
 * The same process answers CloudWatch `GetMetricData` and CloudWatch Logs Insights (`POST /` with
 * `X-Amz-Target`) over one synthetic traffic stream (traffic.ts); `POST /__fake/traffic` shapes it.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { engineStatementErrors } from "@/lib/dogwood/engine-check";
import { arn, defaultSeed, dogwoodSeed, type FakeDefinitionKind, type FakeEngine, type FakeGeneration, type FakePolicy, type FakeSeed } from "./seed";
import { CloudWatchError, getMetricData } from "./cloudwatch";
import { createLogsInsights, LogsError } from "./logs";
import { defaultTraffic, generateTraffic, type FakeCall, type TrafficConfig } from "./traffic";

export interface Fault {
  operation: string;
  error: string;
  status: number;
  message?: string;
  count: number;
}

export interface FakeAgentCore {
  url: string;
  port: number;
  state: Omit<FakeSeed, "generations"> & { generations: Map<string, Generation>; faults: Fault[]; calls: Array<{ operation: string; body: unknown }>; traffic: TrafficOptions };
  close(): Promise<void>;
}

type Generation = FakeGeneration;

/** The traffic behind metrics and spans, plus how the observability fakes answer. */
export interface TrafficOptions extends TrafficConfig {
  /** Datapoints per GetMetricData page (the service's is 100,800; small here so paging is exercised). */
  metricsPageSize: number;
  /** GetQueryResults polls until a query is Complete (Scheduled, then Running, then Complete). */
  queryPolls: number;
}

const defaultTrafficOptions = (): TrafficOptions => ({ ...defaultTraffic(), metricsPageSize: 500, queryPolls: 3 });

/** CloudWatch's query-compatible error codes for the JSON error types the fake injects. */
const QUERY_CODES: Record<string, string> = { ThrottlingException: "Throttling", AccessDeniedException: "AccessDenied" };
const PERMISSIONS: Record<string, string> = { GetMetricData: "cloudwatch:GetMetricData", StartQuery: "logs:StartQuery", GetQueryResults: "logs:GetQueryResults", StopQuery: "logs:StopQuery" };

type Handler = (m: RegExpMatchArray, q: URLSearchParams, body: Record<string, unknown>) => { status?: number; body: unknown } | Promise<{ status?: number; body: unknown }>;

class ApiError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const PAGE = 2;
const now = () => new Date().toISOString();
const id = (prefix: string) => `${prefix.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 20)}-${randomBytes(5).toString("hex")}`;

export async function startFakeAgentCore(options: { port?: number; seed?: FakeSeed; delayMs?: number } = {}): Promise<FakeAgentCore> {
  const seedState = () => structuredClone(options.seed ?? defaultSeed());
  const generationsOf = (seed: FakeSeed) => new Map((seed.generations ?? []).map((g) => [g.policyGenerationId, g]));
  const initial = seedState();
  const state: FakeAgentCore["state"] = { ...initial, generations: generationsOf(initial), faults: [], calls: [], traffic: defaultTrafficOptions() };
  const delayMs = options.delayMs ?? 200;

  /** Async work the service does after answering (CREATING → ACTIVE and the like). */
  const later = (fn: () => void) => setTimeout(fn, delayMs).unref();

  let trafficCache: { key: string; calls: FakeCall[] } | undefined;
  /** The traffic for the current config and policies, regenerated only when either changes. */
  const traffic = () => {
    const key = JSON.stringify([state.traffic, state.policies.map((p) => [p.policyId, p.statement, p.enforcementMode, p.status]), state.gateways.map((g) => g.policyEngineConfiguration)]);
    if (trafficCache?.key !== key) trafficCache = { key, calls: generateTraffic(state, state.traffic) };
    return trafficCache.calls;
  };
  const insights = createLogsInsights({ calls: traffic, transactionSearch: () => state.traffic.transactionSearch, pollsToComplete: () => state.traffic.queryPolls });

  const gateway = (gid: string) => {
    const g = state.gateways.find((x) => x.gatewayId === gid || x.gatewayArn === gid);
    if (!g) throw new ApiError("ResourceNotFoundException", 404, `Gateway ${gid} not found`);
    return g;
  };
  const engine = (eid: string) => {
    const e = state.engines.find((x) => x.policyEngineId === eid);
    if (!e) throw new ApiError("ResourceNotFoundException", 404, `Policy engine ${eid} not found`);
    return e;
  };
  const policy = (eid: string, pid: string) => {
    const p = state.policies.find((x) => x.policyEngineId === eid && x.policyId === pid);
    if (!p) throw new ApiError("ResourceNotFoundException", 404, `Policy ${pid} not found`);
    return p;
  };

  /**
   * `definition` is the SDK's PolicyDefinition union: exactly one of `cedar: { statement }`,
   * `policy: { statement }` (Dogwood) or `policyGeneration: { policyGenerationId, policyGenerationAssetId }`.
   */
  const readDefinition = (eid: string, definition: unknown, validationMode: unknown): Pick<FakePolicy, "definitionKind" | "statement" | "generation"> => {
    const members = Object.keys((definition ?? {}) as object).filter((k) => ["cedar", "policy", "policyGeneration"].includes(k));
    if (typeof definition !== "object" || definition === null || members.length !== 1 || Object.keys(definition).length !== 1) {
      throw new ApiError("ValidationException", 400, "definition must set exactly one of cedar, policy or policyGeneration");
    }
    const kind = members[0] as FakeDefinitionKind;
    const member = (definition as Record<string, Record<string, unknown> | undefined>)[kind] ?? {};
    if (kind === "policyGeneration") {
      const ref = { policyGenerationId: String(member.policyGenerationId ?? ""), policyGenerationAssetId: String(member.policyGenerationAssetId ?? "") };
      const asset = generation(eid, ref.policyGenerationId).assets?.find((a) => a.policyGenerationAssetId === ref.policyGenerationAssetId);
      if (!asset) throw new ApiError("ValidationException", 400, `Policy generation ${ref.policyGenerationId} has no asset ${ref.policyGenerationAssetId}`);
      const def = asset.definition as { cedar?: { statement?: string }; policy?: { statement?: string } };
      return { definitionKind: kind, statement: def.cedar?.statement ?? def.policy?.statement ?? "", generation: ref };
    }
    const statement = member.statement;
    if (typeof statement !== "string" || !statement.trim()) throw new ApiError("ValidationException", 400, `definition.${kind}.statement is required`);
    if (Buffer.byteLength(statement) > 10 * 1024) throw new ApiError("ValidationException", 400, "Policy statement exceeds the 10 KB limit");
    if (validationMode !== "IGNORE_ALL_FINDINGS") {
      const errors = kind === "cedar" ? cedarParseErrors(statement) : engineStatementErrors(cedar, statement, "policy");
      if (errors.length) throw new ApiError("ValidationException", 400, `Policy failed validation: INVALID: ${errors[0]}`);
    }
    return { definitionKind: kind, statement };
  };

  const engineView = (e: FakeEngine) => ({ ...e, statusReasons: [] });
  const policyView = (p: FakePolicy) => ({
    policyId: p.policyId,
    name: p.name,
    policyEngineId: p.policyEngineId,
    policyArn: p.policyArn,
    description: p.description,
    status: p.status,
    statusReasons: p.statusReasons,
    enforcementMode: p.enforcementMode,
    // Returned under the member it was given: a generated policy comes back as its reference only.
    definition: p.definitionKind === "policyGeneration" ? { policyGeneration: p.generation } : { [p.definitionKind]: { statement: p.statement } },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  });

  const routes: Array<[string, RegExp, string, Handler]> = [
    ["GET", /^\/gateways\/?$/, "ListGateways", (_m, q) => paginate(state.gateways.map(summaryOf), q, "items")],
    ["GET", /^\/gateways\/([^/]+)\/?$/, "GetGateway", (m) => ({ body: { ...gateway(m[1]), statusReasons: [] } })],
    [
      "PUT",
      /^\/gateways\/([^/]+)\/?$/,
      "UpdateGateway",
      (m, _q, body) => {
        const g = gateway(m[1]);
        for (const field of ["name", "roleArn", "authorizerType", "protocolType"]) {
          if (body[field] === undefined) throw new ApiError("ValidationException", 400, `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
        }
        const pe = body.policyEngineConfiguration as { arn?: string; mode?: string } | undefined;
        if (pe?.arn && !state.engines.some((e) => e.policyEngineArn === pe.arn)) throw new ApiError("ResourceNotFoundException", 404, `Policy engine ${pe.arn} not found`);
        const settable = ["name", "description", "roleArn", "protocolType", "protocolConfiguration", "authorizerType", "authorizerConfiguration", "kmsKeyArn", "exceptionLevel", "interceptorConfigurations", "policyEngineConfiguration"] as const;
        for (const f of settable) (g as unknown as Record<string, unknown>)[f] = body[f];
        g.status = "UPDATING";
        g.updatedAt = now();
        later(() => (g.status = "READY"));
        return { status: 202, body: { ...g, statusReasons: [] } };
      },
    ],
    ["GET", /^\/gateways\/([^/]+)\/targets\/?$/, "ListGatewayTargets", (m, q) => paginate(state.targets.filter((t) => t.gatewayId === gateway(m[1]).gatewayId).map(targetSummary), q, "items")],
    [
      "GET",
      /^\/gateways\/([^/]+)\/targets\/([^/]+)\/?$/,
      "GetGatewayTarget",
      (m) => {
        const g = gateway(m[1]);
        const t = state.targets.find((x) => x.gatewayId === g.gatewayId && x.targetId === m[2]);
        if (!t) throw new ApiError("ResourceNotFoundException", 404, `Target ${m[2]} not found`);
        return { body: { ...t, gatewayArn: g.gatewayArn, credentialProviderConfigurations: [] } };
      },
    ],
    ["GET", /^\/policy-engines\/?$/, "ListPolicyEngines", (_m, q) => paginate(state.engines.map(engineView), q, "policyEngines")],
    [
      "POST",
      /^\/policy-engines\/?$/,
      "CreatePolicyEngine",
      (_m, _q, body) => {
        const name = String(body.name ?? "");
        if (!/^[A-Za-z][A-Za-z0-9_]{0,47}$/.test(name)) throw new ApiError("ValidationException", 400, "name must match [A-Za-z][A-Za-z0-9_]{0,47}");
        if (state.engines.some((e) => e.name === name)) throw new ApiError("ConflictException", 409, `A policy engine named ${name} already exists`);
        const policyEngineId = id(name);
        const e: FakeEngine = { policyEngineId, policyEngineArn: arn(`policy-engine/${policyEngineId}`), name, description: body.description as string | undefined, status: "CREATING", createdAt: now(), updatedAt: now() };
        state.engines.push(e);
        later(() => (e.status = "ACTIVE"));
        return { status: 202, body: engineView(e) };
      },
    ],
    ["GET", /^\/policy-engines\/([^/]+)$/, "GetPolicyEngine", (m) => ({ body: engineView(engine(m[1])) })],
    ["GET", /^\/policy-engines\/([^/]+)\/policies$/, "ListPolicies", (m, q) => paginate(state.policies.filter((p) => p.policyEngineId === engine(m[1]).policyEngineId).map(policyView), q, "policies")],
    [
      "POST",
      /^\/policy-engines\/([^/]+)\/policies$/,
      "CreatePolicy",
      (m, _q, body) => {
        const e = engine(m[1]);
        const name = String(body.name ?? "");
        if (!/^[A-Za-z][A-Za-z0-9_]{0,47}$/.test(name)) throw new ApiError("ValidationException", 400, `Invalid policy name ${name}`);
        const definition = readDefinition(e.policyEngineId, body.definition, body.validationMode);
        if (state.policies.some((p) => p.policyEngineId === e.policyEngineId && p.name === name)) throw new ApiError("ConflictException", 409, `A policy named ${name} already exists in ${e.name}`);
        const policyId = id(name);
        const p: FakePolicy = {
          policyId,
          policyEngineId: e.policyEngineId,
          policyArn: `${e.policyEngineArn}/policy/${policyId}`,
          name,
          description: body.description as string | undefined,
          ...definition,
          status: "CREATING",
          statusReasons: [],
          enforcementMode: (body.enforcementMode as string) ?? "ACTIVE",
          createdAt: now(),
          updatedAt: now(),
        };
        state.policies.push(p);
        later(() => (p.status = "ACTIVE"));
        return { status: 202, body: policyView(p) };
      },
    ],
    ["GET", /^\/policy-engines\/([^/]+)\/policies\/([^/]+)$/, "GetPolicy", (m) => ({ body: policyView(policy(m[1], m[2])) })],
    [
      "PATCH",
      /^\/policy-engines\/([^/]+)\/policies\/([^/]+)$/,
      "UpdatePolicy",
      (m, _q, body) => {
        const p = policy(m[1], m[2]);
        if (p.status !== "ACTIVE" && p.status !== "UPDATE_FAILED") throw new ApiError("ConflictException", 409, `Policy ${p.name} is ${p.status}; retry when it is ACTIVE`);
        if (body.definition !== undefined) {
          const { generation: ref, ...definition } = readDefinition(p.policyEngineId, body.definition, body.validationMode);
          delete p.generation;
          Object.assign(p, definition, ref ? { generation: ref } : {});
        }
        const description = body.description as { optionalValue?: string } | undefined;
        if (description !== undefined) p.description = description.optionalValue;
        if (body.enforcementMode !== undefined) p.enforcementMode = String(body.enforcementMode);
        p.status = "UPDATING";
        p.updatedAt = now();
        later(() => (p.status = "ACTIVE"));
        return { status: 202, body: policyView(p) };
      },
    ],
    [
      "DELETE",
      /^\/policy-engines\/([^/]+)\/policies\/([^/]+)$/,
      "DeletePolicy",
      (m) => {
        const p = policy(m[1], m[2]);
        p.status = "DELETING";
        later(() => (state.policies = state.policies.filter((x) => x !== p)));
        return { status: 202, body: policyView(p) };
      },
    ],
    [
      "POST",
      /^\/policy-engines\/([^/]+)\/policy-generations$/,
      "StartPolicyGeneration",
      (m, _q, body) => {
        const e = engine(m[1]);
        const text = String((body.content as { rawText?: string } | undefined)?.rawText ?? "");
        const gatewayArn = String((body.resource as { arn?: string } | undefined)?.arn ?? "");
        if (!text) throw new ApiError("ValidationException", 400, "content.rawText is required");
        gateway(gatewayArn);
        const g: Generation = { policyEngineId: e.policyEngineId, policyGenerationId: id("gen"), name: String(body.name ?? "generation"), gatewayArn, text, status: "GENERATING", createdAt: now() };
        state.generations.set(g.policyGenerationId, g);
        later(() => (g.status = "GENERATED"));
        return { status: 202, body: generationView(g) };
      },
    ],
    ["GET", /^\/policy-engines\/([^/]+)\/policy-generations\/([^/]+)$/, "GetPolicyGeneration", (m) => ({ body: generationView(generation(m[1], m[2])) })],
    [
      "GET",
      /^\/policy-engines\/([^/]+)\/policy-generations\/([^/]+)\/assets$/,
      "ListPolicyGenerationAssets",
      (m, q) => {
        const g = generation(m[1], m[2]);
        if (g.status !== "GENERATED") throw new ApiError("ConflictException", 409, "The generation is not finished");
        return paginate(generatedAssets(g), q, "policyGenerationAssets");
      },
    ],
  ];

  function generation(eid: string, gid: string) {
    const g = state.generations.get(gid);
    if (!g || g.policyEngineId !== eid) throw new ApiError("ResourceNotFoundException", 404, `Policy generation ${gid} not found`);
    return g;
  }

  function generationView(g: Generation) {
    return { policyEngineId: g.policyEngineId, policyGenerationId: g.policyGenerationId, name: g.name, policyGenerationArn: `${arn("policy-engine/" + g.policyEngineId)}/policy-generation/${g.policyGenerationId}`, resource: { arn: g.gatewayArn }, status: g.status, statusReasons: [], createdAt: g.createdAt, updatedAt: g.createdAt };
  }

  /** A deterministic stand-in for the service's generator: permit the tools the text names. */
  function generatedAssets(g: Generation) {
    if (g.assets) return g.assets;
    const gw = gateway(g.gatewayArn);
    const tools = state.targets
      .filter((t) => t.gatewayId === gw.gatewayId)
      .flatMap((t) => ((t.targetConfiguration as { mcp?: { lambda?: { toolSchema?: { inlinePayload?: Array<{ name: string }> } } } }).mcp?.lambda?.toolSchema?.inlinePayload ?? []).map((tool) => `${t.name}___${tool.name}`));
    const words = g.text.toLowerCase();
    const named = tools.filter((t) => t.split("___")[1].split("_").some((w) => w.length > 3 && words.includes(w)));
    if (named.length === 0) {
      return [{ policyGenerationAssetId: `${g.policyGenerationId}-0`, rawTextFragment: g.text, findings: [{ type: "NOT_TRANSLATABLE", description: "No tool of this gateway matches the request." }] }];
    }
    return named.map((tool, i) => ({
      policyGenerationAssetId: `${g.policyGenerationId}-${i}`,
      rawTextFragment: g.text,
      definition: { cedar: { statement: `permit(principal, action == AgentCore::Action::"${tool}", resource == AgentCore::Gateway::"${gw.gatewayArn}");` } },
      findings: [{ type: "VALID", description: "The policy is valid." }],
    }));
  }

  function summaryOf(g: (typeof state.gateways)[number]) {
    return { gatewayId: g.gatewayId, name: g.name, status: g.status, description: g.description, createdAt: g.createdAt, updatedAt: g.updatedAt, authorizerType: g.authorizerType, protocolType: g.protocolType };
  }

  function targetSummary(t: (typeof state.targets)[number]) {
    return { targetId: t.targetId, name: t.name, status: t.status, description: t.description, createdAt: t.createdAt, updatedAt: t.updatedAt };
  }

  function paginate(all: unknown[], q: URLSearchParams, key: string) {
    const max = Math.min(Number(q.get("maxResults") ?? PAGE) || PAGE, 100);
    const start = Number(q.get("nextToken") ?? "0") || 0;
    const page = all.slice(start, start + max);
    const next = start + max < all.length ? String(start + max) : undefined;
    return { body: { [key]: page, ...(next ? { nextToken: next } : {}) } };
  }

  const server = createServer((req, res) => void serve(req, res));
  // Outlive clients' pooled keep-alive sockets, so a loaded machine never sees a reset on reuse.
  server.keepAliveTimeout = 65_000;

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    if (url.pathname.startsWith("/__fake/")) return control(req.method ?? "GET", url.pathname, raw, res);
    if (req.headers["x-amz-target"]) return serveJsonRpc(req, raw, res);
    try {
      if (!String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256")) throw new ApiError("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
      const match = routes.map(([method, re, op, h]) => ({ method, m: url.pathname.match(re), op, h })).find((r) => r.method === req.method && r.m);
      if (!match) throw new ApiError("UnknownOperationException", 404, `No route for ${req.method} ${url.pathname}`);
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      state.calls.push({ operation: match.op, body });
      const fault = state.faults.find((f) => (f.operation === match.op || f.operation === "*") && f.count > 0);
      if (fault) {
        fault.count--;
        throw new ApiError(fault.error, fault.status, fault.message ?? `Injected ${fault.error}`);
      }
      const out = await match.h(match.m!, url.searchParams, body);
      send(res, out.status ?? 200, out.body);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError("InternalServerException", 500, "Internal error");
      res.writeHead(err.status, { "content-type": "application/json", "x-amzn-errortype": `${err.type}:http://internal.amazon.com/coral/com.amazonaws.bedrockagentcorecontrol/` });
      res.end(JSON.stringify({ message: err.message }));
    }
  }

  /** CloudWatch (awsJson1_0, query-compatible errors) and CloudWatch Logs (awsJson1_1), told apart by X-Amz-Target. */
  function serveJsonRpc(req: IncomingMessage, raw: string, res: ServerResponse) {
    const [service, op] = String(req.headers["x-amz-target"]).split(".");
    const cloudwatch = service === "GraniteServiceVersion20100801";
    const contentType = `application/x-amz-json-${cloudwatch ? "1.0" : "1.1"}`;
    try {
      if (!String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256")) throw new LogsError("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      state.calls.push({ operation: op, body });
      const fault = state.faults.find((f) => (f.operation === op || f.operation === "*") && f.count > 0);
      if (fault) {
        fault.count--;
        const denied = fault.error === "AccessDeniedException" ? `User: arn:aws:iam::111122223333:user/console is not authorized to perform: ${PERMISSIONS[op] ?? op} because no identity-based policy allows the ${PERMISSIONS[op] ?? op} action` : undefined;
        const message = fault.message ?? denied ?? `Injected ${fault.error}`;
        throw cloudwatch ? new CloudWatchError(fault.error, QUERY_CODES[fault.error] ?? fault.error.replace(/Exception$/, ""), fault.status, message) : new LogsError(fault.error, fault.status, message);
      }
      let out: unknown;
      if (cloudwatch && op === "GetMetricData") out = getMetricData(traffic(), body, state.traffic.metricsPageSize);
      else if (!cloudwatch && op === "StartQuery") out = insights.startQuery(body);
      else if (!cloudwatch && op === "GetQueryResults") out = insights.getQueryResults(body);
      else if (!cloudwatch && op === "StopQuery") out = insights.stopQuery(body);
      else throw new LogsError("UnknownOperationException", 400, `The fake does not answer ${String(req.headers["x-amz-target"])}`);
      res.writeHead(200, { "content-type": contentType });
      res.end(JSON.stringify(out));
    } catch (e) {
      const err = e instanceof CloudWatchError || e instanceof LogsError ? e : new LogsError("InternalServerException", 500, "Internal error");
      const headers: Record<string, string> = { "content-type": contentType };
      if (cloudwatch) headers["x-amzn-query-error"] = `${err instanceof CloudWatchError ? err.queryCode : err.type};${err.status >= 500 ? "Receiver" : "Sender"}`;
      res.writeHead(err.status, headers);
      res.end(JSON.stringify({ __type: cloudwatch ? `com.amazonaws.cloudwatch#${err.type}` : err.type, message: err.message }));
    }
  }

  function control(method: string, path: string, raw: string, res: ServerResponse) {
    if (method === "GET" && path === "/__fake/state") {
      return send(res, 200, { gateways: state.gateways, targets: state.targets, engines: state.engines, policies: state.policies, faults: state.faults, calls: state.calls.map((c) => c.operation) });
    }
    if (method === "POST" && path === "/__fake/faults") {
      const f = JSON.parse(raw || "{}") as Partial<Fault>;
      state.faults.push({ operation: f.operation ?? "*", error: f.error ?? "ThrottlingException", status: f.status ?? 429, message: f.message, count: f.count ?? 1 });
      return send(res, 200, { faults: state.faults });
    }
    if (method === "POST" && path === "/__fake/traffic") {
      Object.assign(state.traffic, JSON.parse(raw || "{}") as Partial<TrafficOptions>);
      return send(res, 200, { traffic: state.traffic, calls: traffic().length });
    }
    if (method === "POST" && path === "/__fake/reset") {
      // `{"seed":"dogwood"}` resets to the seed with temporal and generated policies (specs that need it ask for it).
      const named = (JSON.parse(raw || "{}") as { seed?: string }).seed;
      const fresh = named === "dogwood" ? structuredClone(dogwoodSeed()) : seedState();
      Object.assign(state, fresh, { generations: generationsOf(fresh), faults: [], calls: [], traffic: defaultTrafficOptions() });
      insights.reset();
      return send(res, 200, { ok: true });
    }
    send(res, 404, { message: "unknown control route" });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function cedarParseErrors(statement: string): string[] {
  const parsed = cedar.checkParsePolicySet({ staticPolicies: statement });
  return parsed.type === "failure" ? [parsed.errors[0]?.message ?? "parse error"] : [];
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

export type { FakeSeed } from "./seed";
