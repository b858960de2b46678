import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** docs/api.md is the contract: every route handler the console exports is listed there. */
const root = path.join(import.meta.dirname, "../..");
const docs = readFileSync(path.join(root, "docs/api.md"), "utf8");

function routes(dir: string): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...routes(rel));
    else if (entry.name === "route.ts") {
      const source = readFileSync(path.join(root, rel), "utf8");
      const url = `/${dir.replace(/^app\//, "")}`.replace(/\[([^\]]+)\]/g, "{$1}");
      for (const m of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) out.push({ method: m[1], path: url });
    }
  }
  return out;
}

describe("docs/api.md", () => {
  const all = [...routes("app/api"), ...routes("app/auth"), ...routes("app/oauth2"), ...routes("app/mcp")].filter((r) => !(r.path.startsWith("/mcp/") && r.method !== "POST") && !(r.path === "/oauth2/token" && r.method === "GET"));
  it.each(all.map((r) => [`${r.method} ${r.path}`]))("documents %s", (route) => {
    const escaped = route.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect(docs).toMatch(new RegExp("`" + escaped + "(`|\\?|\\[)"));
  });
});
