/**
 * A console process that publishes and is killed mid-way by tests/publishing/crash-recovery.test.ts.
 * Run with `tsx --conditions=react-server`; DATA_DIR, FAKE_URL, GATEWAY and the draft come from the
 * environment. Prints one line when the publish starts.
 */
import { readFileSync } from "node:fs";
import { createAwsControlPlane } from "@/lib/agentcore/aws";
import { publishDraft } from "@/lib/publishing/publish";
import { depsFor } from "./support";

const cp = createAwsControlPlane({ region: "us-east-1", endpoint: process.env.FAKE_URL!, credentials: { accessKeyId: "AKIDTESTFAKE00000000", secretAccessKey: "test-secret" } }, { maxAttempts: 2, cacheMs: 0 });
const { text, baseVersion } = JSON.parse(readFileSync(process.env.DRAFT_FILE!, "utf8")) as { text: string; baseVersion: string };
console.log("publishing");
const result = await publishDraft(depsFor(cp, "crashing-console"), process.env.GATEWAY!, { text, message: "Replace every policy", baseVersion });
console.log(`finished: ${result.status}`);
