import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every mutating API route names the least role it needs in its `route({ role })` spec (a route that
 * names none needs admin: closed, but probably not what its author meant). Reads may omit it (viewer).
 */
const root = path.join(import.meta.dirname, "../..");

function handlers(dir: string): Array<{ file: string; method: string; spec: string }> {
  const out: Array<{ file: string; method: string; spec: string }> = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...handlers(rel));
    else if (entry.name === "route.ts") {
      const source = readFileSync(path.join(root, rel), "utf8");
      for (const m of source.matchAll(/export const (POST|PUT|PATCH|DELETE) = route\(\{([^}]*)/g)) out.push({ file: rel, method: m[1], spec: m[2] });
      for (const m of source.matchAll(/export (?:async )?function (POST|PUT|PATCH|DELETE)\b/g)) out.push({ file: rel, method: m[1], spec: "(not route())" });
    }
  }
  return out;
}

describe("roles on the API routes", () => {
  const all = handlers("app/api");
  it("finds the mutating routes", () => expect(all.length).toBeGreaterThan(20));
  it.each(all.map((h) => [`${h.method} ${h.file}`, h.spec]))("%s names its role", (_name, spec) => {
    expect(spec).toMatch(/\brole: "(viewer|author|publisher|admin)"/);
  });
});
