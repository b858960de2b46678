import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dataDir = mkdtempSync(path.join(tmpdir(), "policy-studio-crash-"));
process.env.DATA_DIR = dataDir;
process.env.CONSOLE_USER = "bob";

import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsControlPlane } from "@/lib/agentcore/aws";
import { publishDraft } from "@/lib/publishing/publish";
import { findInterrupted, recoverInterrupted } from "@/lib/publishing/recovery";
import { closeDb, getDb } from "@/lib/store/db";
import { listAudit } from "@/lib/store/history";
import { toDocument } from "@/lib/workspace/document";
import { publishedVersion } from "@/lib/workspace/published";
import { startFakeAgentCore, type FakeAgentCore } from "../../scripts/fake-agentcore/server";
import { depsFor, forbid, named, permit } from "./support";

/**
 * A console process killed (SIGKILL) in the middle of a 50-step publish to an ENFORCE engine leaves
 * its journal behind; the next process finds the interrupted publish, refuses to publish over it,
 * shows what was applied, and Resume or Roll back brings the engine to a whole set, audited.
 */

const ENGINE = "paymentsengine-k1l2m3n4o5";
const PAYMENTS = "paymentsgateway-a1b2c3d4e5";
const CREATE = "PaymentsTarget___create_payment";
const N = 25;

let fake: FakeAgentCore;
const cp = () => createAwsControlPlane({ region: "us-east-1", endpoint: fake.url, credentials: { accessKeyId: "AKIDTESTFAKE00000000", secretAccessKey: "test-secret" } }, { maxAttempts: 2, cacheMs: 0 });
const names = async () => (await cp().listPolicies(ENGINE)).map((p) => p.name).sort();
const mutations = () => fake.state.calls.filter((c) => /^(Create|Update|Delete)Policy$/.test(c.operation)).length;

beforeAll(async () => {
  // Every policy takes a while to settle, so a publish of many spans seconds and can be cut short.
  fake = await startFakeAgentCore({ delayMs: 120 });
  const setup = cp();
  for (let i = 0; i < N; i++) await setup.createPolicy(ENGINE, { name: `old_${i}`, statement: permit(CREATE, `context.input.amount < ${1000 + i}`) });
});
afterAll(async () => {
  await fake?.close();
  await closeDb(await getDb()).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs a console process that replaces the whole set, and kills it once `killAfter` changes reached the engine. */
async function crashMidPublish(text: string, killAfter: number): Promise<string> {
  const baseVersion = publishedVersion(await cp().listPolicies(ENGINE));
  const draftFile = path.join(dataDir, `draft-${Date.now()}.json`);
  writeFileSync(draftFile, JSON.stringify({ text, baseVersion }));
  const start = mutations();
  // One process (tsx as a loader, not its CLI, which would run the script in a child of its own), so SIGKILL stops the publish.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/publishing/crash-child.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, FAKE_URL: fake.url, GATEWAY: PAYMENTS, DRAFT_FILE: draftFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ? -1 : code)));
  for (;;) {
    if (mutations() - start >= killAfter) break;
    if (child.exitCode !== null) throw new Error(`the publishing process ended before it could be killed: ${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGKILL");
  expect(await exited).toBe(-1);
  return output;
}

const replacement = (prefix: string) =>
  Array.from({ length: N }, (_, i) => named(`${prefix}_${i}`, i % 5 === 0 ? forbid(CREATE, `context.input.amount > ${9000 + i}`) : permit(CREATE, `context.input.amount < ${500 + i}`))).join("\n\n") + "\n";

describe("a console killed mid-publish", () => {
  it("is found interrupted on restart, blocks the next publish, and Resume finishes it", { timeout: 180_000 }, async () => {
    const before = await names();
    const text = replacement("new");
    await crashMidPublish(text, 6);
    const halfway = await names();
    expect(halfway).not.toEqual(before);
    expect(halfway).not.toEqual(Array.from({ length: N }, (_, i) => `new_${i}`).sort());

    const deps = depsFor(cp(), "carol");
    const { interrupted, running } = await findInterrupted(deps, PAYMENTS);
    expect(running).toBe(false);
    expect(interrupted).toMatchObject({ actor: "crashing-console", action: "publish", message: "Replace every policy", intendedText: text });
    expect(interrupted!.applied.length).toBeGreaterThanOrEqual(5);
    expect(interrupted!.notApplied.length).toBeGreaterThan(0);
    // Every old policy (the seed's too) is deleted and every new one created: each step is accounted for.
    expect(interrupted!.applied.length + interrupted!.uncertain.length + interrupted!.notApplied.length).toBe(before.length + N);
    const audit = await listAudit(PAYMENTS);
    expect(audit.find((a) => a.action === "publish-interrupted")).toMatchObject({ actor: "carol", result: "partial" });

    const live = await cp().listPolicies(ENGINE);
    await expect(publishDraft(deps, PAYMENTS, { text: toDocument(live), message: "anything", baseVersion: publishedVersion(live) })).rejects.toMatchObject({ code: "publish-interrupted", status: 409 });

    const resumed = await recoverInterrupted(deps, PAYMENTS, "resume");
    expect(resumed.status).toBe("published");
    expect(await names()).toEqual(Array.from({ length: N }, (_, i) => `new_${i}`).sort());
    expect((await findInterrupted(deps, PAYMENTS)).interrupted).toBeNull();
    expect((await listAudit(PAYMENTS)).find((a) => a.action === "publish-recovery")).toMatchObject({ summary: expect.stringContaining("resumed: finished") });
  });

  it("rolls back an interrupted publish to the set it was replacing", { timeout: 180_000 }, async () => {
    const before = await names();
    await closeDb(await getDb()); // the next console process opens the store itself
    await crashMidPublish(replacement("newer"), 8);
    expect(await names()).not.toEqual(before);

    const deps = depsFor(cp(), "carol");
    expect((await findInterrupted(deps, PAYMENTS)).interrupted).not.toBeNull();
    const rolledBack = await recoverInterrupted(deps, PAYMENTS, "roll-back");
    expect(rolledBack.status).toBe("published");
    expect(await names()).toEqual(before);
    expect((await listAudit(PAYMENTS)).find((a) => a.action === "publish-recovery")).toMatchObject({ summary: expect.stringContaining("rolled back") });
  });
});
