process.env.DATA_DIR = "memory://hardening-fuzz";
process.env.AGENTCORE_BACKEND = "local";

import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getControlPlane } from "@/lib/agentcore";
import { getDb } from "@/lib/store/db";
import { call } from "./support";

/**
 * Generated bad input (wrong types, sizes, encodings, nesting, NUL, lone surrogates) sent to every
 * route of app/api through its handler. None may answer 500 (an upstream that cannot be reached may
 * answer 502–504, with its own code); the console keeps answering; and a refused request changes
 * nothing in the store. The counts tried are printed.
 */

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface RouteFile {
  path: string;
  params: string[];
  handlers: Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;
}

const ROOT = path.join(import.meta.dirname, "../..");
const UPSTREAM_CODES = new Set(["backend-unreachable", "backend-error", "llm-error", "llm-timeout", "llm-overloaded", "llm-auth-failed", "llm-bad-output", "llm-no-key"]);

async function routeFiles(dir = "app/api"): Promise<RouteFile[]> {
  const out: RouteFile[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await routeFiles(rel)));
    else if (entry.name === "route.ts") {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, rel))) as RouteFile["handlers"];
      const url = `/${dir.replace(/^app\//, "")}`;
      out.push({ path: url, params: [...url.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]), handlers: mod });
    }
  }
  return out;
}

// A small deterministic generator, so a failure can be reproduced.
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const BAD_TEXT = ["", "\u0000", "a\u0000b", "\ud800", "\udc00x", "..%2f..", "%", "%E0%A4%A", "🙂".repeat(3), "x".repeat(5000), "99999999999", "-1", "0", "1.5", "abc", "null", "<script>", "a\r\nb"];
const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
const BODIES: Array<{ body: string; type?: string }> = [
  { body: "", type: "application/json" },
  { body: "{", type: "application/json" },
  { body: "null", type: "application/json" },
  { body: "[]", type: "application/json" },
  { body: "42", type: "application/json" },
  { body: '"text"', type: "application/json" },
  { body: '{"text":"a\\u0000b"}', type: "application/json" },
  { body: '{"name":"\\ud800","sub":"\\udfff"}', type: "application/json" },
  { body: `{"x":${deep(300)}}`, type: "application/json" },
  { body: `{"text":"${"y".repeat(2 * 1024 * 1024)}"}`, type: "application/json" },
  { body: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}', type: "application/json" },
  { body: '{"text":7,"mode":[],"calls":{},"request":null,"principal":"me","expected":"MAYBE","name":{}}', type: "application/json" },
  { body: '{"calls":[{"principal":{"sub":"a","claims":{"k":{"deep":[1,[2,[3]]]}}},"request":{"jsonrpc":"2.0","id":{},"method":"tools/call"}}]}', type: "application/json" },
  { body: '{"text":""}', type: "text/plain" },
  { body: '{"text":""}', type: "application/jsonx" },
  { body: '{"text":""}' },
];
const QUERY_KEYS = ["mode", "format", "suite", "q", "limit", "before", "recorded", "name", "download", "decision", "tool", "persona"];

/** A lone surrogate cannot be percent-encoded as UTF-8; it travels as the bytes a broken client would send. */
function encodePart(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
}

async function storeDigest(): Promise<string> {
  const db = await getDb();
  const tables = (await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as { rows: Array<{ tablename: string }> };
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    const r = (await db.execute(sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as d from "${tablename}" t`))) as unknown as { rows: Array<{ d: string }> };
    parts.push(`${tablename}:${r.rows[0].d}`);
  }
  return parts.join(",");
}

let gatewayId: string;
beforeAll(async () => {
  gatewayId = (await (await getControlPlane()).listGateways()).find((g) => g.name === "RefundGateway")!.gatewayId;
});

describe("fuzzing every route of the API", () => {
  it("never answers 500, keeps answering, and changes nothing for a refused request", { timeout: 600_000 }, async () => {
    const routes = await routeFiles();
    const rand = prng(20261201);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    let tried = 0;
    let refused = 0;
    let accepted = 0;
    const failures: string[] = [];
    let digest = "";

    for (const r of routes) {
      for (const [method, handler] of Object.entries(r.handlers) as Array<[string, Handler | undefined]>) {
        if (typeof handler !== "function" || !["GET", "POST", "PUT", "PATCH", "DELETE"].includes(method)) continue;
        for (let i = 0; i < 14; i++) {
          // Mostly the real gateway with one bad part, so the request gets past the first check.
          const params = Object.fromEntries(r.params.map((p) => [p, p === "gatewayId" && i % 3 !== 0 ? gatewayId : pick(BAD_TEXT)]));
          const query = new URLSearchParams();
          for (let k = 0; k < 1 + (i % 3); k++) query.set(pick(QUERY_KEYS), pick(BAD_TEXT));
          const url = `${r.path.replace(/\[([^\]]+)\]/g, (_, p) => encodePart(params[p]))}?${query}`;
          const mutation = method !== "GET";
          const body = mutation ? pick(BODIES) : undefined;
          // A read may create what it shows (the local gateway's OAuth clients): compare from just before.
          if (mutation) digest = await storeDigest();
          let status = 0;
          let code: string | undefined;
          try {
            const answer = await call(handler as never, params, url, { method, body: body?.body, headers: body?.type ? { "content-type": body.type } : { "content-type": "" } });
            status = answer.status;
            code = answer.body.error?.code;
          } catch (e) {
            failures.push(`${method} ${url}: threw ${(e as Error).message}`);
            continue;
          }
          tried++;
          if (status === 500 || (status > 500 && !UPSTREAM_CODES.has(code ?? ""))) failures.push(`${method} ${r.path} [${i}] → ${status} ${code}`);
          if (status >= 400) refused++;
          else accepted++;
          if (!mutation) continue;
          if (status >= 400 && (await storeDigest()) !== digest) failures.push(`${method} ${r.path} [${i}] was refused (${status} ${code}) but changed the store`);
        }
      }
    }
    console.log(`fuzz: ${tried} requests to ${routes.length} routes — ${refused} refused with a 4xx/5xx, ${accepted} accepted`);
    expect(failures).toEqual([]);
    // Still answering afterwards.
    const health = await call((await import("@/app/api/gateways/route")).GET as never, {}, "/api/gateways");
    expect(health.status).toBe(200);
    expect(tried).toBeGreaterThan(300);
  });
});
