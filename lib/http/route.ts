import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";
import { readCapped } from "./read-capped";

/** Default cap on JSON bodies of the console's API. */
export const MAX_JSON_BYTES = 1024 * 1024;

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/**
 * Wraps a route handler: AppErrors become the API's error body (docs/api.md) with their status; anything else is
 * logged and answered with a generic 500 so no stack trace or secret reaches the client.
 */
export function route<P = Record<string, string>>(handler: Handler<P>): Handler<P> {
  return async (req, ctx) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") checkOrigin(req);
      return await handler(req, ctx);
    } catch (e) {
      const err = toAppError(e);
      if (err.status >= 500 && !(e instanceof AppError)) console.error(`[api] ${req.method} ${new URL(req.url).pathname}:`, e);
      return NextResponse.json(err.toJSON(), { status: err.status });
    }
  };
}

/** Mutations are refused when the browser says they come from another site (CSRF). */
export function checkOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (!origin) return; // scripts (curl, the CLI) send none
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("foreign-origin", "The request's Origin header is not a valid URL.");
  }
  if (!host || originHost !== host) {
    throw new AppError("foreign-origin", `Requests from ${origin} are not allowed to change this console.`);
  }
}

/** Reads a JSON body, capped and validated, with messages that say what is wrong. */
export async function readJson<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_JSON_BYTES): Promise<z.infer<T>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported-media-type", "Send the body as JSON with Content-Type: application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCapped(req, maxBytes);
  if (text === null) throw tooLarge(maxBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid-json", `The body is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = issues[0];
    throw new AppError("bad-request", `Invalid request body: ${first.path ? `${first.path}: ` : ""}${first.message}`, { issues });
  }
  return parsed.data;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload-too-large", `The body is larger than ${Math.round(maxBytes / 1024)} KB, the limit for this route.`);
}
