import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const script = path.join(import.meta.dirname, "../../scripts/test-prereqs.sh");

describe("npm test's prerequisite check", () => {
  it("stops at once with one line saying what to install when the browser is missing", () => {
    const r = spawnSync("bash", [script], { env: { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium" }, encoding: "utf8", timeout: 10_000 });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/CHROMIUM_PATH=\/nonexistent\/chromium is not an executable/);
  });

  it("passes when the browser is there", () => {
    const r = spawnSync("bash", [script], { env: { ...process.env, CHROMIUM_PATH: process.execPath }, encoding: "utf8", timeout: 10_000 });
    expect(r.status).toBe(0);
  });
});
