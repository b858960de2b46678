import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { identify, requireRole, type Identity } from "@/lib/auth/identity";
import { AppError, toAppError } from "@/lib/errors";
import type { Role } from "@/lib/roles";
import { jsonProblem, textProblem } from "@/lib/json-limits";
import { consoleHosts } from "./console-hosts";
import { originAllowed } from "./hosts";
import { isJsonMediaType } from "./media-type";
import { readCapped } from "./read-capped";

/** Default cap on JSON bodies of the console's API. */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * What a route takes, validated before its handler runs: path parameters, query and JSON body, each
 * with a zod schema, the same text rules (no NUL, no lone surrogate) and a nesting cap everywhere.
 * A route without `body` reads none; `body` with `emptyBody: {}` accepts a request without one.
 * `role` is the least role the caller needs (lib/roles.ts), checked before anything is read: a read
 * (GET, HEAD) needs viewer unless it says otherwise; any other method that names no role needs admin,
 * so a route that forgets to say stays closed (tests/lint/route-roles.test.ts makes it say).
 */
export interface RouteSpec {
  role?: Role;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  maxBytes?: number;
  emptyBody?: unknown;
}

type Infer<T, Fallback> = T extends z.ZodType ? z.infer<T> : Fallback;

export interface RouteInput<S extends RouteSpec> {
  req: Request;
  /** Who is asking: "who" in history and the audit log. */
  who: Identity;
  params: Infer<S["params"], Record<string, string>>;
  query: Infer<S["query"], Record<string, string>>;
  body: Infer<S["body"], undefined>;
}

type NextHandler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/**
 * A route handler: origin check for mutations, then its inputs validated, then the handler. AppErrors
 * become the API's error body (docs/api.md) with their status; anything else is logged (method and
 * path only: never the query or the body, which carry drafts, claims and arguments) and answered with
 * a generic 500, so no stack trace or secret reaches the client.
 */
export function route<const S extends RouteSpec>(spec: S, handler: (input: RouteInput<S>) => Promise<Response>): NextHandler {
  return async (req, ctx) => {
    try {
      const reading = req.method === "GET" || req.method === "HEAD";
      if (!reading) checkOrigin(req);
      const who = await identify(req);
      const needed = spec.role ?? (reading ? "viewer" : "admin");
      requireRole(who, needed, `${req.method} ${safePath(req)}`);
      const params = parseInput("path", spec.params, stringRecord(await ctx.params));
      const query = parseInput("query", spec.query, queryRecord(req));
      const body = spec.body ? await readJson(req, spec.body, spec.maxBytes, spec.emptyBody) : undefined;
      return await handler({ req, who, params, query, body } as RouteInput<S>);
    } catch (e) {
      const err = toAppError(e);
      if (!(e instanceof AppError)) console.error(`[api] ${req.method} ${safePath(req)}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return NextResponse.json(err.toJSON(), { status: err.status });
    }
  };
}

/** Mutations are refused when the browser says they come from a host other than the console's (CSRF, DNS rebinding). */
export function checkOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (!originAllowed(origin, consoleHosts())) {
    throw new AppError("foreign-origin", `Requests from ${(origin ?? "").slice(0, 200)} are not allowed to change this console.`, undefined, "Use the console's own address; a team deployment lists its host names in ALLOWED_HOSTS.");
  }
}

function stringRecord(params: Record<string, string | string[]> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
}

function queryRecord(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) if (v !== "") out[k] = v;
  return out;
}

function parseInput(where: "path" | "query", schema: z.ZodType | undefined, raw: Record<string, string>): never {
  for (const [k, v] of Object.entries(raw)) {
    const problem = textProblem(k) ?? textProblem(v);
    if (problem) throw new AppError("bad-request", `The ${where} parameter ${JSON.stringify(k.slice(0, 50))} ${problem}.`);
  }
  if (!schema) return raw as never;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(where === "path" ? "Invalid path" : "Invalid query", parsed.error);
  return parsed.data as never;
}

/** Reads a JSON body, capped and validated, with messages that say what is wrong and where. */
export async function readJson<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_JSON_BYTES, emptyBody?: unknown): Promise<z.infer<T>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  const type = req.headers.get("content-type");
  if (emptyBody !== undefined && !type && !declared && req.headers.get("transfer-encoding") === null) return parseBody(schema, emptyBody);
  if (!isJsonMediaType(type)) {
    throw new AppError("unsupported-media-type", "Send the body as JSON with Content-Type: application/json.");
  }
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCapped(req, maxBytes);
  if (text === null) throw tooLarge(maxBytes);
  if (text.trim() === "" && emptyBody !== undefined) return parseBody(schema, emptyBody);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid-json", `The body is not valid JSON: ${(e as Error).message}`);
  }
  const problem = jsonProblem(data);
  if (problem) throw new AppError("bad-request", `Invalid request body: ${problem.message}.`, { issues: [{ path: problem.path.replace(/^body\.?/, ""), message: problem.message }] });
  return parseBody(schema, data);
}

function parseBody<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw invalid("Invalid request body", parsed.error);
  return parsed.data;
}

function invalid(what: string, error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  return new AppError("bad-request", `${what}: ${first.path ? `${first.path}: ` : ""}${first.message}`, { issues });
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload-too-large", `The body is larger than ${Math.round(maxBytes / 1024)} KB, the limit for this route.`);
}

function safePath(req: Request): string {
  try {
    return new URL(req.url).pathname.slice(0, 300);
  } catch {
    return "?";
  }
}
